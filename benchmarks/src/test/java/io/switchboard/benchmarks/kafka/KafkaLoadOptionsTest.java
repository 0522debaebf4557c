package io.switchboard.benchmarks.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.benchmarks.kafka.KafkaLoadOptions.Keys;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaLoadOptionsTest {

  @Test
  void defaultsTo64ProducersOwnClientsOneInFlightAndTheScriptsCluster() {
    assertThat(KafkaLoadOptions.parse())
        .isEqualTo(
            new KafkaLoadOptions(
                "127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094",
                64,
                64,
                1,
                100,
                Keys.RANDOM,
                Duration.ofSeconds(20),
                Duration.ofSeconds(10),
                "switchboard-load",
                12,
                0,
                false))
        .isEqualTo(KafkaLoadOptions.defaults(KafkaLoadOptions.DEFAULT_BOOTSTRAP, 64, 1));
  }

  @Test
  void readsEveryOption() {
    KafkaLoadOptions options =
        KafkaLoadOptions.parse(
            "--bootstrap",
            "localhost:9092, [::1]:9093",
            "--producers",
            "128",
            "--clients",
            "8",
            "--in-flight",
            "16",
            "--message-bytes",
            "200",
            "--keys",
            "none",
            "--duration",
            "5s",
            "--warmup",
            "0s",
            "--topic",
            "bench.topic_1",
            "--partitions",
            "24",
            "--linger-ms",
            "5",
            "--kafka-flush-every-message");

    assertThat(options)
        .isEqualTo(
            new KafkaLoadOptions(
                "localhost:9092,[::1]:9093",
                128,
                8,
                16,
                200,
                Keys.NONE,
                Duration.ofSeconds(5),
                Duration.ZERO,
                "bench.topic_1",
                24,
                5,
                true));
  }

  @Test
  void theFlushFlagTakesNoValueAndMayStandAnywhere() {
    assertThat(
            KafkaLoadOptions.parse("--kafka-flush-every-message", "--producers", "2")
                .flushEveryMessage())
        .isTrue();
    assertThat(KafkaLoadOptions.parse("--producers", "2").flushEveryMessage()).isFalse();
  }

  @Test
  void clientsDefaultToOnePerProducer() {
    assertThat(KafkaLoadOptions.parse("--producers", "7").clients()).isEqualTo(7);
  }

  @Test
  void withersChangeOnlyTheirFields() {
    KafkaLoadOptions options = KafkaLoadOptions.defaults("h:1", 4, 2);

    KafkaLoadOptions changed =
        options.withTimes(Duration.ofSeconds(3), Duration.ofSeconds(1)).withFlushEveryMessage(true);

    assertThat(changed)
        .isEqualTo(
            new KafkaLoadOptions(
                "h:1",
                4,
                4,
                2,
                100,
                Keys.RANDOM,
                Duration.ofSeconds(3),
                Duration.ofSeconds(1),
                "switchboard-load",
                12,
                0,
                true));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--producers|0|--producers must be between 1 and 4096: 0",
        "--producers|x|--producers must be an integer: x",
        "--clients|65|--clients must be between 1 and 64: 65",
        "--in-flight|0|--in-flight must be between 1 and 1024: 0",
        "--message-bytes|0|--message-bytes must be between 1 and 1000000: 0",
        "--keys|hash|--keys must be random or none: hash",
        "--duration|0s|--duration must be positive and at most 60m",
        "--duration|20|--duration must be a whole number with a unit ms, s or m (e.g. 500ms, 20s): 20",
        "--warmup|2h|--warmup must be a whole number with a unit ms, s or m (e.g. 500ms, 20s): 2h",
        "--topic|a/b|--topic must be 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-' (and not . or ..): a/b",
        "--topic|..|--topic must be 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-' (and not . or ..): ..",
        "--partitions|0|--partitions must be between 1 and 1000: 0",
        "--linger-ms|-1|--linger-ms must be between 0 and 60000: -1",
        "--bootstrap|localhost|'--bootstrap: expected host:port, got: localhost'",
        "--bootstrap|a:1,,b:2|'--bootstrap: expected host:port, got: '",
        "--bootstrap|a:99999|'--bootstrap: port must be between 1 and 65535: 99999'",
      })
  void rejectsInvalidValuesNamingTheOption(String option, String value, String message) {
    assertThatThrownBy(() -> KafkaLoadOptions.parse(option, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsUnknownRepeatedAndIncompleteOptions() {
    assertThatThrownBy(() -> KafkaLoadOptions.parse("--acks", "1"))
        .hasMessage("unknown option: --acks");
    assertThatThrownBy(() -> KafkaLoadOptions.parse("--producers", "1", "--producers", "2"))
        .hasMessage("--producers given more than once");
    assertThatThrownBy(() -> KafkaLoadOptions.parse("--producers"))
        .hasMessage("--producers needs a value");
    assertThatThrownBy(
            () ->
                KafkaLoadOptions.parse(
                    "--kafka-flush-every-message", "--kafka-flush-every-message"))
        .hasMessage("--kafka-flush-every-message given more than once");
    assertThatThrownBy(() -> KafkaLoadOptions.parse("--kafka-flush-every-message", "true"))
        .hasMessage("unknown option: true");
  }

  @Test
  void theUsageNamesEveryOption() {
    assertThat(KafkaLoadOptions.USAGE)
        .contains("--bootstrap", "--producers", "--clients", "--in-flight", "--message-bytes")
        .contains("--keys", "--duration", "--warmup", "--topic", "--partitions", "--linger-ms")
        .contains("--kafka-flush-every-message", "--help");
  }
}
