package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import org.junit.jupiter.api.Test;

class DrillFaultTest {

  @Test
  void parsesOptionValuesIgnoringCaseAndSendsThemInLowerCase() {
    assertThat(DrillFault.fromOptionValue(DrillFault.DEFAULT)).isEqualTo(DrillFault.KILL);
    assertThat(DrillFault.fromOptionValue(" Partition ")).isEqualTo(DrillFault.PARTITION);
    assertThat(DrillFault.PARTITION.optionValue()).isEqualTo("partition");
  }

  @Test
  void unknownValueIsAUsageErrorNamingTheAcceptedValuesAndWhatTheyDo() {
    assertThatThrownBy(() -> DrillFault.fromOptionValue("reboot"))
        .isInstanceOfSatisfying(
            CliFailure.class,
            failure -> assertThat(failure.status()).isEqualTo(ExitStatus.USAGE_ERROR))
        .hasMessage(
            "Unknown --fault 'reboot': use one of kill (the node is killed abruptly, like a crash)"
                + " or partition (the node is cut off its cluster network and keeps running).");
  }

  @Test
  void missingValueIsAUsageError() {
    assertThatThrownBy(() -> DrillFault.fromOptionValue(" "))
        .isInstanceOf(CliFailure.class)
        .hasMessageStartingWith("--fault needs a value: one of kill (");
  }
}
