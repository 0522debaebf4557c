package io.switchboard.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

  @Test
  void headerIsBase64OfUsernameColonPasswordInUtf8() {
    // "ålice:pässword" in UTF-8, Base64-encoded.
    assertThat(new BasicCredentials("ålice", "pässword").authorizationHeader())
        .isEqualTo("Basic w6VsaWNlOnDDpHNzd29yZA==");
  }

  @Test
  void missingUsernameIsAUsageError() {
    assertThatThrownBy(() -> new BasicCredentials(" ", "pw"))
        .isInstanceOfSatisfying(
            CliFailure.class,
            failure -> assertThat(failure.status()).isEqualTo(ExitStatus.USAGE_ERROR))
        .hasMessageStartingWith("A username is required");
  }

  @Test
  void usernameWithAColonIsAUsageError() {
    assertThatThrownBy(() -> new BasicCredentials("a:b", "pw"))
        .isInstanceOf(CliFailure.class)
        .hasMessage("A username cannot contain ':'.");
  }

  @Test
  void missingPasswordIsAUsageError() {
    assertThatThrownBy(() -> new BasicCredentials("alice", null))
        .isInstanceOf(CliFailure.class)
        .hasMessageStartingWith("A password is required");
  }

  @Test
  void toStringNeverShowsThePassword() {
    assertThat(new BasicCredentials("alice", "hunter2").toString())
        .contains("alice")
        .doesNotContain("hunter2");
  }
}
