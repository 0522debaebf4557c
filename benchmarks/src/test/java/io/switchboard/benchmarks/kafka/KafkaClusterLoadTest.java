package io.switchboard.benchmarks.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Starts the benchmark's three-broker Kafka cluster with {@code kafka/kafka-cluster.sh} (fetching
 * the broker jars from Maven Central on first use) in a temporary directory on its own ports, runs
 * short loads against it and stops it. Tagged {@code kafka}: left out of the regular build; run it
 * with
 *
 * <pre>
 * ./mvnw -B -pl benchmarks test -Dbenchmarks.excludedGroups=none -Dgroups=kafka
 * </pre>
 */
@Tag("kafka")
class KafkaClusterLoadTest {

  /** Brokers on 29092 to 29094, controllers on 29192 to 29194: apart from the default cluster's. */
  private static final String BASE_PORT = "29092";

  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

  private static Path clusterDir;
  private static String bootstrap;

  @BeforeAll
  static void startCluster() throws Exception {
    clusterDir = Files.createTempDirectory("kafka-cluster-test");
    List<String> out = script("start", "--dir", clusterDir.toString(), "--base-port", BASE_PORT);
    bootstrap = out.get(out.size() - 1);
    assertThat(bootstrap).isEqualTo("127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094");
    assertThat(script("status", "--dir", clusterDir.toString())).hasSize(4);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (clusterDir != null) {
      script("clean", "--dir", clusterDir.toString());
    }
  }

  @Test
  void everyAcknowledgedSendIsInTheHistogram() throws Exception {
    KafkaLoadOptions options =
        KafkaLoadOptions.parse(
            "--bootstrap", bootstrap,
            "--producers", "4",
            "--in-flight", "2",
            "--duration", "3s",
            "--warmup", "1s");

    KafkaProduceResult result = KafkaProduceLoad.run(options, quietly());

    assertThat(result.acknowledged()).isPositive();
    assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.acknowledged());
    assertThat(result.failed()).isZero();
    assertThat(result.measured()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(result.topic())
        .isEqualTo(new TopicSettings("switchboard-load", 12, 3, 3, 2, Long.MAX_VALUE));
  }

  @Test
  void theFlushFlagSetsFlushMessagesOnTheTopic() throws Exception {
    KafkaLoadOptions options =
        KafkaLoadOptions.parse(
            "--bootstrap",
            bootstrap,
            "--producers",
            "2",
            "--duration",
            "1s",
            "--warmup",
            "0s",
            "--kafka-flush-every-message");

    KafkaProduceResult result = KafkaProduceLoad.run(options, quietly());

    assertThat(result.topic().flushMessages()).isEqualTo(1);
    assertThat(result.acknowledged()).isPositive();
    assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.acknowledged());
  }

  private static PrintStream quietly() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** Runs the cluster script; returns its stdout lines, fails on a non-zero exit. */
  private static List<String> script(String... args) throws IOException, InterruptedException {
    Path script = Path.of("kafka", "kafka-cluster.sh").toAbsolutePath();
    if (!Files.exists(script)) {
      script = Path.of("benchmarks", "kafka", "kafka-cluster.sh").toAbsolutePath();
    }
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] stdout = process.getInputStream().readAllBytes();
    if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("kafka-cluster.sh " + String.join(" ", args) + " timed out");
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "kafka-cluster.sh " + String.join(" ", args) + " exited with " + process.exitValue());
    }
    return new String(stdout, StandardCharsets.UTF_8).lines().toList();
  }
}
