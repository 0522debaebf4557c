package io.switchboard.benchmarks.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole comparison, briefly: Switchboard's replicated cluster, then a real three-broker Kafka
 * cluster started and stopped by {@code kafka/kafka-cluster.sh} (fetching the broker jars on first
 * use) on ports of its own. Tagged {@code kafka}: left out of the regular build; run it with
 *
 * <pre>
 * ./mvnw -B -pl benchmarks test -Dbenchmarks.excludedGroups=none -Dgroups=kafka
 * </pre>
 */
@Tag("kafka")
class QuorumVsKafkaClusterTest {

  /** Brokers on 39092 to 39094: apart from the default cluster's and KafkaClusterLoadTest's. */
  private static final String BASE_PORT = "39092";

  private Path clusterDir;

  @AfterEach
  void deleteTheCluster() throws Exception {
    if (clusterDir != null) {
      script("clean", "--dir", clusterDir.toString());
    }
  }

  @Test
  void measuresBothSystemsAndLeavesKafkaStopped() throws Exception {
    clusterDir = Files.createTempDirectory("quorum-vs-kafka-test");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        QuorumVsKafka.run(
            new String[] {
              "--clients", "4",
              "--in-flight", "2",
              "--duration", "2s",
              "--warmup", "1s",
              "--kafka-dir", clusterDir.toString(),
              "--kafka-base-port", BASE_PORT
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            QuorumVsKafka::scriptedKafka);

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(status).isEqualTo(QuorumVsKafka.EXIT_OK);
    assertThat(printed)
        .contains(
            "topic switchboard-load: 12 partitions, replication factor 3, min.insync.replicas=2")
        .contains("producer config   acks=all")
        .containsPattern("\nSwitchboard +[1-9][0-9,]* ")
        .containsPattern("\nKafka +[1-9][0-9,]* ")
        .contains("throughput ratio (Switchboard/Kafka)")
        .contains("p99 ratio (Switchboard/Kafka)");
    assertThat(script("status", "--dir", clusterDir.toString())).isEqualTo(3);
  }

  /** Runs the cluster script; returns its exit status. */
  private static int script(String... args) throws Exception {
    Path script = Path.of("kafka", "kafka-cluster.sh").toAbsolutePath();
    String[] command = new String[args.length + 2];
    command[0] = "bash";
    command[1] = script.toString();
    System.arraycopy(args, 0, command, 2, args.length);
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("kafka-cluster.sh " + String.join(" ", args) + " timed out");
    }
    return process.exitValue();
  }
}
