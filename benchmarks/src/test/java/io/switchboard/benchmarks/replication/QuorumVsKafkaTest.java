package io.switchboard.benchmarks.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.benchmarks.kafka.KafkaLoadOptions;
import io.switchboard.benchmarks.load.Measurement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The Switchboard side of the comparison for real, briefly, against the replicated 12-node cluster;
 * the Kafka side is a recorded result (no Kafka runs here: see {@code QuorumVsKafkaClusterTest},
 * tagged {@code kafka}).
 */
class QuorumVsKafkaTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<KafkaLoadOptions> kafkaLoads = new ArrayList<>();

  @Test
  void measuresQuorumReplicatedSendsAndComparesThemWithKafkasResult() throws Exception {
    ComparisonOptions options =
        ComparisonOptions.parse(
            "--clients", "8",
            "--in-flight", "2",
            "--text-bytes", "64",
            "--duration", "2s",
            "--warmup", "1s");

    QuorumVsKafka.Comparison comparison =
        QuorumVsKafka.compare(options, stream(out), this::recordedKafka);

    Measurement switchboard = comparison.switchboard();
    assertThat(switchboard.system()).isEqualTo("Switchboard, quorum replication, 3-per-dc");
    assertThat(switchboard.acknowledged()).isPositive();
    assertThat(switchboard.latencyNanos().getTotalCount()).isEqualTo(switchboard.acknowledged());
    assertThat(switchboard.failed()).isZero();
    assertThat(switchboard.measured()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

    KafkaLoadOptions kafka = kafkaLoads.get(0);
    assertThat(kafkaLoads).hasSize(1);
    assertThat(kafka.producers()).isEqualTo(8);
    assertThat(kafka.inFlight()).isEqualTo(2);
    assertThat(kafka.messageBytes()).isEqualTo(64);
    assertThat(kafka.warmup()).isEqualTo(Duration.ofSeconds(1));
    assertThat(kafka.duration()).isEqualTo(Duration.ofSeconds(2));

    ComparisonReport report = comparison.report();
    assertThat(report.throughputRatio())
        .isEqualTo(switchboard.throughputPerSecond() / comparison.kafka().throughputPerSecond());
    assertThat(printed(out))
        .contains("send phase: 12 nodes (gateway+store), 3 in each of 4 data centres")
        .contains("quorum replication")
        .contains(
            "768 shards: 3 voters in the home DC (acknowledged once 2 are durable)"
                + " + 1 async copy in another DC")
        .contains("256 shards: 3 voters in the home DC (acknowledged once 2 are durable)\n")
        .contains("closed loop, 2 in flight per client")
        .contains("==== quorum replication vs Apache Kafka ====")
        .contains(
            "load on both: closed loop, 8 clients/producers x 2 in flight, 64-byte messages,"
                + " 1.0 s warm-up, 2.0 s measured")
        .contains(
            String.format(
                Locale.ROOT,
                "throughput ratio (Switchboard/Kafka)        %.2fx%n",
                report.throughputRatio()))
        .contains(
            String.format(
                Locale.ROOT,
                "p99 ratio (Switchboard/Kafka)               %.2fx%n",
                report.latencyRatio(99)))
        .contains("target (>= Kafka's sends/s at <= its p99)");
  }

  @Test
  void aFailedKafkaRunExitsWith2AfterPrintingSwitchboardsFigures() {
    int status =
        QuorumVsKafka.run(
            new String[] {
              "--clients", "4", "--in-flight", "1", "--duration", "1s", "--warmup", "0s"
            },
            stream(out),
            stream(err),
            (options, progress) -> {
              throw new IOException("kafka-cluster.sh start exited with status 1");
            });

    assertThat(status).isEqualTo(QuorumVsKafka.EXIT_FAILED);
    assertThat(printed(out)).contains("Kafka's run failed; Switchboard measured");
    assertThat(printed(err)).isEqualTo("error: kafka-cluster.sh start exited with status 1\n");
  }

  @Test
  void printsTheUsageOnHelpAndRejectsBadArguments() {
    assertThat(QuorumVsKafka.run(new String[] {"--help"}, stream(out), stream(err), null))
        .isEqualTo(QuorumVsKafka.EXIT_OK);
    assertThat(printed(out)).isEqualTo(ComparisonOptions.USAGE);

    assertThat(QuorumVsKafka.run(new String[] {"--clients", "1"}, stream(out), stream(err), null))
        .isEqualTo(QuorumVsKafka.EXIT_USAGE);
    assertThat(printed(err)).startsWith("error: --clients must be between 2 and 4096: 1");
  }

  /** A recorded Kafka result: 4 000 sends in 2 s, latencies from 1 to 4 ms. */
  private Measurement recordedKafka(ComparisonOptions options, PrintStream progress) {
    kafkaLoads.add(options.kafkaLoad(options.kafkaBootstrap()));
    Histogram latencies = new Histogram(3);
    for (int i = 0; i < 4_000; i++) {
      latencies.recordValue(1_000_000 + (i % 4) * 1_000_000L);
    }
    return new Measurement("Kafka (recorded)", Duration.ofSeconds(2), 4_000, 0, latencies);
  }

  private static PrintStream stream(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String printed(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
