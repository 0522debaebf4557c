package io.switchboard.benchmarks.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.benchmarks.kafka.KafkaLoadOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonOptionsTest {

  @Test
  void defaultsToTheMessagingLoadsShapeWithALongWarmup() {
    ComparisonOptions options = ComparisonOptions.parse();

    assertThat(options.clients()).isEqualTo(64);
    assertThat(options.inFlight()).isEqualTo(16);
    assertThat(options.textBytes()).isEqualTo(100);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.kafkaFlushEveryMessage()).isFalse();
    assertThat(options.kafkaDir()).isEmpty();
    assertThat(options.kafkaBootstrap())
        .isEqualTo("127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094");
    // Maven runs the tests in the module directory, an IDE may run them from the root.
    assertThat(options.kafkaScript())
        .isIn(ComparisonOptions.SCRIPT_FROM_MODULE, ComparisonOptions.SCRIPT_FROM_ROOT);
  }

  @Test
  void bothSystemsGetTheSameLoad() {
    ComparisonOptions options =
        ComparisonOptions.parse(
            "--clients",
            "8",
            "--in-flight",
            "4",
            "--text-bytes",
            "256",
            "--duration",
            "5s",
            "--warmup",
            "2s",
            "--cross-dc",
            "0.25",
            "--partitions",
            "6",
            "--kafka-dir",
            "/tmp/k",
            "--kafka-base-port",
            "29092",
            "--kafka-flush-every-message");

    assertThat(options.messagingArgs())
        .containsExactly(
            "--phases", "send",
            "--topology", "3-per-dc",
            "--replication", "quorum",
            "--rate", "0",
            "--clients", "8",
            "--in-flight", "4",
            "--text-bytes", "256",
            "--cross-dc", "0.25",
            "--duration", "5000ms",
            "--warmup", "2000ms");
    KafkaLoadOptions kafka = options.kafkaLoad(options.kafkaBootstrap());
    assertThat(kafka.bootstrap()).isEqualTo("127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094");
    assertThat(kafka.producers()).isEqualTo(8);
    assertThat(kafka.clients()).isEqualTo(8);
    assertThat(kafka.inFlight()).isEqualTo(4);
    assertThat(kafka.messageBytes()).isEqualTo(256);
    assertThat(kafka.duration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(kafka.warmup()).isEqualTo(Duration.ofSeconds(2));
    assertThat(kafka.partitions()).isEqualTo(6);
    assertThat(kafka.flushEveryMessage()).isTrue();
    assertThat(options.kafkaDir()).isEqualTo(Optional.of(Path.of("/tmp/k")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--clients 1                 | --clients must be between 2 and 4096: 1",
        "--in-flight 65              | --in-flight must be between 1 and 64: 65",
        "--text-bytes 0              | --text-bytes must be between 1 and 4096: 0",
        "--duration 0s               | --duration must be positive",
        "--warmup 61m                | --warmup must be at most 60m",
        "--cross-dc 2                | --cross-dc must be between 0 and 1: 2",
        "--partitions 0              | --partitions must be between 1 and 1000: 0",
        "--kafka-base-port 80        | --kafka-base-port must be between 1024 and 65000: 80",
        "--rate 1000                 | unknown option: --rate",
      })
  void rejectsBadArguments(String arguments, String problem) {
    assertThatThrownBy(() -> ComparisonOptions.parse(arguments.trim().split(" +")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(problem);
  }
}
