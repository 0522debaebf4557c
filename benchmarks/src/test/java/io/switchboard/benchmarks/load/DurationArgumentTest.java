package io.switchboard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationArgumentTest {

  @ParameterizedTest
  @CsvSource({"20s, PT20S", "500ms, PT0.5S", "2m, PT2M", "0s, PT0S", "1500ms, PT1.5S"})
  void parsesAWholeNumberWithAUnit(String text, Duration expected) {
    assertThat(DurationArgument.parse("--duration", text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "20", "s", "-1s", "1.5s", "20 s", "20S", "3h", "ms20", "1234567890s"})
  void rejectsAnythingElseNamingTheOption(String text) {
    assertThatThrownBy(() -> DurationArgument.parse("--warmup", text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--warmup must be a whole number with a unit");
  }
}
