package io.switchboard.benchmarks.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.benchmarks.load.GatewayAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadOptionsTest {

  @Test
  void readsEveryOption() {
    LoadOptions options =
        LoadOptions.parse(
            "--connections",
            "32",
            "--duration",
            "20s",
            "--warmup",
            "500ms",
            "--target",
            "127.0.0.1:7100");

    assertThat(options)
        .isEqualTo(
            new LoadOptions(
                32,
                Duration.ofSeconds(20),
                Duration.ofMillis(500),
                Optional.of(new GatewayAddress("127.0.0.1", 7100))));
  }

  @Test
  void defaultsToAnInProcessNode() {
    assertThat(LoadOptions.parse())
        .isEqualTo(
            new LoadOptions(
                LoadOptions.DEFAULT_CONNECTIONS,
                LoadOptions.DEFAULT_DURATION,
                LoadOptions.DEFAULT_WARMUP,
                Optional.empty()));
  }

  @Test
  void acceptsNoWarmup() {
    assertThat(LoadOptions.parse("--warmup", "0s").warmup()).isZero();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--connections 0            | --connections must be between 1 and 1024: 0",
        "--connections 1025         | --connections must be between 1 and 1024: 1025",
        "--connections many         | --connections must be an integer: many",
        "--duration 0s              | --duration must be positive",
        "--duration 61m             | --duration must be positive and at most 60m",
        "--duration 20              | --duration must be a whole number with a unit",
        "--warmup 61m               | --warmup must be at most 60m",
        "--warmup -1s               | --warmup must be a whole number with a unit",
        "--target localhost         | --target: expected host:port, got: localhost",
        "--rate 100                 | unknown option: --rate",
        "--duration                 | --duration needs a value",
        "--warmup 1s --warmup 2s    | --warmup given more than once",
      })
  void rejectsBadArguments(String arguments, String problem) {
    assertThatThrownBy(() -> LoadOptions.parse(arguments.split(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(problem);
  }
}
