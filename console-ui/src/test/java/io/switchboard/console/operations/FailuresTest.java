package io.switchboard.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

class FailuresTest {

  @Test
  void showsTheServersMessageForPeople() {
    assertThat(
            Failures.message(
                "plan the switchover",
                new IllegalArgumentException(
                    "shard 17 has a single replica (americas-1): nothing to switch to")))
        .isEqualTo(
            "Cannot plan the switchover: shard 17 has a single replica (americas-1): nothing to"
                + " switch to");
  }

  @Test
  void refusalByRoleSaysSoInsteadOfAccessDenied() {
    assertThat(
            Failures.message("approve the operation", new AccessDeniedException("Access Denied")))
        .isEqualTo("Cannot approve the operation: your role does not allow it.");
  }

  @Test
  void aFailureWithoutMessageIsNamed() {
    assertThat(Failures.message("cancel the operation", new IllegalStateException()))
        .isEqualTo("Cannot cancel the operation: IllegalStateException");
  }
}
