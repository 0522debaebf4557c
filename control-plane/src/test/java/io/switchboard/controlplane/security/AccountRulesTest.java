package io.switchboard.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.controlplane.security.AccountRules.Change;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountRulesTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void namesAreLowerCaseStartWithALetterAndFitTheColumn() {
    assertThat(AccountRules.usernameProblem("jane.doe")).isEmpty();
    assertThat(AccountRules.usernameProblem("ops_bot-2")).isEmpty();
    assertThat(AccountRules.usernameProblem("a" + "b".repeat(63))).isEmpty();

    assertThat(AccountRules.usernameProblem(null))
        .hasValueSatisfying(p -> assertThat(p).contains("needs a name"));
    assertThat(AccountRules.usernameProblem(" ")).isPresent();
    assertThat(AccountRules.usernameProblem("a")).isPresent();
    assertThat(AccountRules.usernameProblem("a" + "b".repeat(64))).isPresent();
    assertThat(AccountRules.usernameProblem("Jane")).isPresent();
    assertThat(AccountRules.usernameProblem("1jane")).isPresent();
    assertThat(AccountRules.usernameProblem("jane doe"))
        .hasValueSatisfying(p -> assertThat(p).contains("'jane doe'").contains("lower-case"));
  }

  @Test
  void passwordsHaveAMinimumLengthAndFitBcrypt() {
    assertThat(AccountRules.passwordProblem("twelve-chars")).isEmpty();
    assertThat(AccountRules.passwordProblem("x".repeat(72))).isEmpty();

    assertThat(AccountRules.passwordProblem(null)).isPresent();
    assertThat(AccountRules.passwordProblem("eleven-char"))
        .hasValueSatisfying(p -> assertThat(p).contains("at least 12"));
    assertThat(AccountRules.passwordProblem("x".repeat(73)))
        .hasValueSatisfying(p -> assertThat(p).contains("at most 72 bytes"));
    assertThat(AccountRules.passwordProblem("ü".repeat(37))).as("74 bytes").isPresent();
    assertThat(AccountRules.passwordProblem(" ".repeat(12))).isPresent();
  }

  @Test
  void rolesAreParsedInAnyCaseAndUnknownOnesNameTheKnownOnes() {
    assertThat(AccountRules.role("operator")).isEqualTo(Role.OPERATOR);
    assertThat(AccountRules.role(" ADMIN ")).isEqualTo(Role.ADMIN);
    assertThatThrownBy(() -> AccountRules.role("root"))
        .isInstanceOf(UserAdministrationException.class)
        .hasMessageContaining("'root'")
        .hasMessageContaining("VIEWER, OPERATOR, ADMIN");
    assertThatThrownBy(() -> AccountRules.role(null)).hasMessageContaining("A 'role' is needed");
  }

  @Test
  void nobodyDisablesDemotesOrDeletesThemselves() {
    UserAccount self = account("alice", Role.ADMIN, true);
    for (Change change : Change.values()) {
      assertThat(AccountRules.lockoutProblem("alice", self, change, List.of("alice", "bob")))
          .hasValueSatisfying(p -> assertThat(p).contains("yourself ('alice')"));
    }
  }

  @Test
  void theLastEnabledAdminStays() {
    UserAccount bob = account("bob", Role.ADMIN, true);

    assertThat(AccountRules.lockoutProblem("alice", bob, Change.DEMOTE, List.of("bob")))
        .hasValue(
            "'bob' is the last enabled ADMIN and cannot be demoted: make another user ADMIN (or"
                + " enable one) first.");
    assertThat(AccountRules.lockoutProblem("alice", bob, Change.DISABLE, List.of("bob")))
        .hasValueSatisfying(p -> assertThat(p).contains("cannot be disabled"));
    assertThat(AccountRules.lockoutProblem("alice", bob, Change.DELETE, List.of("bob")))
        .hasValueSatisfying(p -> assertThat(p).contains("cannot be deleted"));
    assertThat(AccountRules.lockoutProblem("alice", bob, Change.DELETE, List.of()))
        .as("even if the list missed it")
        .isPresent();
  }

  @Test
  void anotherAdminOrANonAdminMayGo() {
    assertThat(
            AccountRules.lockoutProblem(
                "alice", account("bob", Role.ADMIN, true), Change.DELETE, List.of("alice", "bob")))
        .isEmpty();
    assertThat(
            AccountRules.lockoutProblem(
                "alice", account("carol", Role.ADMIN, false), Change.DELETE, List.of("alice")))
        .as("a disabled admin")
        .isEmpty();
    assertThat(
            AccountRules.lockoutProblem(
                "alice", account("dave", Role.OPERATOR, true), Change.DISABLE, List.of("alice")))
        .isEmpty();
  }

  private static UserAccount account(String name, Role role, boolean enabled) {
    return new UserAccount(name, "{noop}x", role, NOW, enabled, null);
  }
}
