package io.switchboard.console.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.user.TokenView;
import io.switchboard.api.user.UserView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserPresentationTest {

  private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void inputHintsMirrorTheControlPlanesRulesAndStayQuietOnEmptyFields() {
    assertThat(UserPresentation.usernameHint("")).isEmpty();
    assertThat(UserPresentation.usernameHint("jane.doe")).isEmpty();
    assertThat(UserPresentation.usernameHint("Jane")).isPresent();
    assertThat(UserPresentation.usernameHint("j")).isPresent();
    assertThat(UserPresentation.passwordHint("")).isEmpty();
    assertThat(UserPresentation.passwordHint("short")).hasValue("At least 12 characters (7 more)");
    assertThat(UserPresentation.passwordHint("x".repeat(73))).hasValue("At most 72 bytes");
    assertThat(UserPresentation.passwordHint("twelve-chars")).isEmpty();
  }

  @Test
  void createIsWorthSendingOnlyWithAValidNameARoleAndALongEnoughPassword() {
    assertThat(UserPresentation.canCreate("jane", "VIEWER", "twelve-chars")).isTrue();
    assertThat(UserPresentation.canCreate("", "VIEWER", "twelve-chars")).isFalse();
    assertThat(UserPresentation.canCreate("Jane", "VIEWER", "twelve-chars")).isFalse();
    assertThat(UserPresentation.canCreate("jane", null, "twelve-chars")).isFalse();
    assertThat(UserPresentation.canCreate("jane", "VIEWER", "")).isFalse();
    assertThat(UserPresentation.canSetPassword("eleven-char")).isFalse();
    assertThat(UserPresentation.canSetPassword("twelve-chars")).isTrue();
  }

  @Test
  void theSignedInAdminsOwnRowIsProtected() {
    assertThat(UserPresentation.selfProtection("admin", user("admin", "ADMIN", true, 1)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("yourself"));
    assertThat(UserPresentation.selfProtection("admin", user("bob", "ADMIN", true, 1))).isEmpty();
  }

  @Test
  void summariesAndQuestionsSayWhatHappens() {
    List<UserView> users =
        List.of(
            user("admin", "ADMIN", true, 2),
            user("bob", "ADMIN", false, 0),
            user("carol", "VIEWER", true, 1));
    assertThat(UserPresentation.usersSummary(users))
        .isEqualTo("3 users · 1 enabled admin · 1 disabled");
    assertThat(UserPresentation.usersSummary(List.of(users.get(0))))
        .isEqualTo("1 user · 1 enabled admin");
    assertThat(UserPresentation.disableQuestion(users.get(2)))
        .isEqualTo(
            "Disable 'carol'? They cannot sign in, and their 1 active token is refused until you"
                + " enable them again.");
    assertThat(UserPresentation.deleteQuestion(users.get(0)))
        .isEqualTo(
            "Delete 'admin' for good? Their 2 active tokens are deleted with them. The audit log"
                + " keeps what they did.");
    assertThat(UserPresentation.deleteQuestion(users.get(1)))
        .contains("Their tokens (none active)");
    assertThat(UserPresentation.roleQuestion(users.get(2), "OPERATOR"))
        .startsWith("Change the role of 'carol' from VIEWER to OPERATOR?");
  }

  @Test
  void tokensShowTheirStateAndInactiveOnesAreHiddenUnlessAskedFor() {
    TokenView active = token("t1", "ACTIVE");
    TokenView expired = token("t2", "EXPIRED");
    TokenView revoked = token("t3", "REVOKED");
    List<TokenView> all = List.of(active, expired, revoked);

    assertThat(UserPresentation.visibleTokens(all, false)).containsExactly(active);
    assertThat(UserPresentation.visibleTokens(all, true)).containsExactlyElementsOf(all);
    assertThat(UserPresentation.tokensSummary(all)).isEqualTo("1 active token of 3");
    assertThat(UserPresentation.tokenStateTheme("ACTIVE")).isEqualTo("success");
    assertThat(UserPresentation.tokenStateTheme("REVOKED")).isEqualTo("error");
    assertThat(UserPresentation.tokenStateTheme("EXPIRED")).isEqualTo("contrast");
    assertThat(UserPresentation.tokenStateTheme("USER_DISABLED")).isEqualTo("contrast");
    TokenView ofADisabledUser = token("t4", "USER_DISABLED");
    assertThat(UserPresentation.visibleTokens(List.of(active, ofADisabledUser), false))
        .as("refused while the user is disabled: inactive")
        .containsExactly(active);
    assertThat(UserPresentation.lastUsed(null)).isEqualTo("never");
    assertThat(UserPresentation.lastLogin(AT)).isEqualTo("2026-11-25 10:00:00 UTC");
    assertThat(UserPresentation.revokeQuestion(active))
        .startsWith("Revoke the token 'cli@laptop' of 'carol'?");
  }

  static UserView user(String name, String role, boolean enabled, int activeTokens) {
    return new UserView(name, role, enabled, AT, null, activeTokens);
  }

  static TokenView token(String id, String state) {
    return new TokenView(
        id,
        "carol",
        "cli@laptop",
        state,
        AT,
        AT.plusSeconds(3600),
        null,
        state.equals("REVOKED") ? AT : null);
  }
}
