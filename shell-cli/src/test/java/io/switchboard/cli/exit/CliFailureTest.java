package io.switchboard.cli.exit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliFailureTest {

  @Test
  void eachKindHasItsExitStatus() {
    assertThat(CliFailure.usage("u").status().code()).isEqualTo(1);
    assertThat(CliFailure.noAccess("n", null).status().code()).isEqualTo(2);
    assertThat(CliFailure.operationFailed("o", null).status().code()).isEqualTo(3);
  }

  @Test
  void exitStatusesAreTheDocumentedNumbers() {
    assertThat(ExitStatus.values()).extracting(ExitStatus::code).containsExactly(0, 1, 2, 3);
    assertThat(ExitStatus.HELP)
        .contains("0 ok")
        .contains("1 usage error")
        .contains("2 control plane unreachable or access refused")
        .contains("3 the operation failed");
  }
}
