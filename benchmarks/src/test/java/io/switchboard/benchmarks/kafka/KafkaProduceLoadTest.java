package io.switchboard.benchmarks.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The parts of the Kafka load generator that need no cluster. */
class KafkaProduceLoadTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void printsTheUsageOnHelp() {
    assertThat(run("--help")).isEqualTo(KafkaProduceLoad.EXIT_OK);
    assertThat(printed(out)).isEqualTo(KafkaLoadOptions.USAGE);
  }

  @Test
  void reportsBadArgumentsWithTheUsageOnStderr() {
    assertThat(run("--producers", "0")).isEqualTo(KafkaProduceLoad.EXIT_USAGE);
    assertThat(printed(err))
        .startsWith("error: --producers must be between 1 and 4096: 0")
        .endsWith(KafkaLoadOptions.USAGE);
    assertThat(printed(out)).isEmpty();
  }

  @Test
  void producersAcknowledgeOnAllInSyncReplicasWithIdempotence() {
    KafkaLoadOptions options = KafkaLoadOptions.parse("--bootstrap", "h:1,h:2", "--linger-ms", "5");

    Properties config = KafkaProduceLoad.producerConfig(options, 3);

    assertThat(config)
        .containsEntry("bootstrap.servers", "h:1,h:2")
        .containsEntry("client.id", "switchboard-load-3")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("linger.ms", 5)
        .containsEntry("delivery.timeout.ms", 30_005);
    assertThat(KafkaProduceLoad.drainTimeout(options)).isEqualTo(Duration.ofMillis(40_005));
  }

  @Test
  void reportsThroughputAndPercentilesInMilliseconds() {
    Histogram latency = new Histogram(3);
    for (int i = 1; i <= 1_000; i++) {
      latency.recordValue(i * 1_000L);
    }
    KafkaProduceResult result =
        new KafkaProduceResult(
            KafkaLoadOptions.defaults("h:1", 64, 1),
            new TopicSettings("switchboard-load", 12, 3, 3, 2, Long.MAX_VALUE),
            Duration.ofSeconds(2),
            1_000,
            Map.of(),
            latency);

    assertThat(result.throughputPerSecond()).isEqualTo(500.0);
    assertThat(result.report().lines())
        .containsExactly(
            "mode              closed loop, 1 in flight per producer",
            "producers         64 on 64 KafkaProducer clients",
            "message           100-byte value, random 8-byte key",
            "producer config   acks=all, enable.idempotence=true, linger.ms=0",
            "topic             switchboard-load: 12 partitions, replication factor 3 on 3 brokers",
            "topic config      min.insync.replicas=2, flush.messages default (no fsync per"
                + " message, replication only)",
            "measured          2.000 s",
            "acknowledged      1,000 sends",
            "failed            0",
            "throughput        500 acknowledged sends/s",
            "latency to the acknowledgement (ms):",
            "  p50             0.500",
            "  p90             0.900",
            "  p99             0.990",
            "  p99.9           0.999",
            "  max             1.000");
  }

  @Test
  void describesTheFlushSetting() {
    assertThat(new TopicSettings("t", 1, 3, 3, 2, 1).describeFlush())
        .isEqualTo("flush.messages=1 (fsync before each acknowledgement)");
    assertThat(new TopicSettings("t", 1, 3, 3, 2, 10).describeFlush())
        .isEqualTo("flush.messages=10");
  }

  private int run(String... args) {
    return KafkaProduceLoad.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String printed(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
