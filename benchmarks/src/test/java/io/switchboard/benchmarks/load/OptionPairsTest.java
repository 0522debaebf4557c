package io.switchboard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionPairsTest {

  private static final List<String> KNOWN = List.of("--count", "--share", "--time", "--name");

  @Test
  void readsTypedValuesAndFallsBackToDefaults() {
    OptionPairs values =
        OptionPairs.parse(KNOWN, "--count", "12", "--share", "0.25", "--time", "500ms");

    assertThat(values.integer("--count", 1)).isEqualTo(12);
    assertThat(values.decimal("--share", 1)).isEqualTo(0.25);
    assertThat(values.duration("--time", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    assertThat(values.text("--name")).isEmpty();
    assertThat(values.text("--name", "fallback")).isEqualTo("fallback");
    assertThat(OptionPairs.parse(KNOWN).integer("--count", 7)).isEqualTo(7);
  }

  @Test
  void rejectsUnknownRepeatedAndIncompleteOptions() {
    assertThatThrownBy(() -> OptionPairs.parse(KNOWN, "--other", "1"))
        .hasMessage("unknown option: --other");
    assertThatThrownBy(() -> OptionPairs.parse(KNOWN, "--count", "1", "--count", "2"))
        .hasMessage("--count given more than once");
    assertThatThrownBy(() -> OptionPairs.parse(KNOWN, "--count"))
        .hasMessage("--count needs a value");
  }

  @Test
  void namesTheOptionOfAnInvalidValue() {
    OptionPairs values = OptionPairs.parse(KNOWN, "--count", "x", "--share", "y", "--time", "1h");

    assertThatThrownBy(() -> values.integer("--count", 1))
        .hasMessage("--count must be an integer: x");
    assertThatThrownBy(() -> values.decimal("--share", 1))
        .hasMessage("--share must be a number: y");
    assertThatThrownBy(() -> values.duration("--time", Duration.ZERO))
        .hasMessageStartingWith("--time must be a whole number with a unit");
    assertThatThrownBy(() -> OptionPairs.requireRange("--count", 0, 1, 10))
        .hasMessage("--count must be between 1 and 10: 0");
  }
}
