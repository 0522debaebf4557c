package io.switchboard.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

  @Test
  void parsesOptionValuesIgnoringCase() {
    assertThat(OutputFormat.fromOptionValue("table")).isEqualTo(OutputFormat.TABLE);
    assertThat(OutputFormat.fromOptionValue("JSON")).isEqualTo(OutputFormat.JSON);
  }

  @Test
  void unknownValueIsAUsageErrorNamingTheAcceptedValues() {
    assertThatThrownBy(() -> OutputFormat.fromOptionValue("yaml"))
        .isInstanceOfSatisfying(
            CliFailure.class,
            failure -> assertThat(failure.status()).isEqualTo(ExitStatus.USAGE_ERROR))
        .hasMessage("Unknown --output 'yaml': use one of table, json.");
  }

  @Test
  void missingValueIsAUsageError() {
    assertThatThrownBy(() -> OutputFormat.fromOptionValue(null))
        .isInstanceOf(CliFailure.class)
        .hasMessage("--output needs a value: one of table, json.");
  }
}
