package io.switchboard.console.users;

import io.switchboard.api.user.TokenView;
import io.switchboard.api.user.UserView;
import io.switchboard.console.operations.OperationPresentation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the users view words and checks things; pure, so it is tested without a browser. The input
 * checks mirror the control plane's rules to give hints while typing; the control plane stays the
 * authority and its refusal is what is shown when it refuses.
 */
final class UserPresentation {

  static final List<String> ROLES = List.of("VIEWER", "OPERATOR", "ADMIN");
  static final int MIN_PASSWORD_LENGTH = 12;
  static final int MAX_PASSWORD_BYTES = 72;
  private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

  private UserPresentation() {}

  /** Why {@code username} would be refused, if it would be; nothing for an empty field. */
  static Optional<String> usernameHint(String username) {
    if (username == null || username.isEmpty() || USERNAME.matcher(username).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "2 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter");
  }

  /** Why {@code password} would be refused, if it would be; nothing for an empty field. */
  static Optional<String> passwordHint(String password) {
    if (password == null || password.isEmpty()) {
      return Optional.empty();
    }
    if (password.length() < MIN_PASSWORD_LENGTH) {
      return Optional.of(
          "At least "
              + MIN_PASSWORD_LENGTH
              + " characters ("
              + (MIN_PASSWORD_LENGTH - password.length())
              + " more)");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      return Optional.of("At most " + MAX_PASSWORD_BYTES + " bytes");
    }
    return Optional.empty();
  }

  /** Whether a new user with these inputs is worth sending. */
  static boolean canCreate(String username, String role, String password) {
    return username != null
        && !username.isEmpty()
        && usernameHint(username).isEmpty()
        && role != null
        && password != null
        && password.length() >= MIN_PASSWORD_LENGTH
        && passwordHint(password).isEmpty();
  }

  /** Whether a new password is worth sending. */
  static boolean canSetPassword(String password) {
    return password != null
        && password.length() >= MIN_PASSWORD_LENGTH
        && passwordHint(password).isEmpty();
  }

  /**
   * Why the signed-in admin cannot change {@code user}'s role, enablement or existence from here,
   * if they cannot: nobody does that to themselves (the control plane refuses it too).
   */
  static Optional<String> selfProtection(String signedIn, UserView user) {
    return user.username().equals(signedIn)
        ? Optional.of("You cannot demote, disable or delete yourself: ask another admin")
        : Optional.empty();
  }

  /** "never" or when. */
  static String lastLogin(Instant at) {
    return at == null ? "never" : OperationPresentation.dateTime(at);
  }

  /** "never" or when. */
  static String lastUsed(Instant at) {
    return at == null ? "never" : OperationPresentation.dateTime(at);
  }

  /** "Enabled" or "Disabled". */
  static String enabledText(UserView user) {
    return user.enabled() ? "Enabled" : "Disabled";
  }

  /**
   * The Lumo badge variant for a token state: ACTIVE green, REVOKED red, EXPIRED and USER_DISABLED
   * grey.
   */
  static String tokenStateTheme(String state) {
    return switch (state == null ? "" : state) {
      case "ACTIVE" -> "success";
      case "REVOKED" -> "error";
      default -> "contrast";
    };
  }

  /**
   * The tokens to show: all, or only the active ones (not expired, revoked or of a disabled user).
   */
  static List<TokenView> visibleTokens(List<TokenView> tokens, boolean includeInactive) {
    return includeInactive
        ? tokens
        : tokens.stream().filter(token -> "ACTIVE".equals(token.state())).toList();
  }

  /** "4 users · 2 admins · 1 disabled". */
  static String usersSummary(List<UserView> users) {
    long admins = users.stream().filter(u -> u.enabled() && "ADMIN".equals(u.role())).count();
    long disabled = users.stream().filter(u -> !u.enabled()).count();
    return plural(users.size(), "user")
        + " · "
        + plural(admins, "enabled admin")
        + (disabled == 0 ? "" : " · " + disabled + " disabled");
  }

  /** "3 active tokens of 10". */
  static String tokensSummary(List<TokenView> tokens) {
    long active = tokens.stream().filter(t -> "ACTIVE".equals(t.state())).count();
    return plural(active, "active token") + " of " + tokens.size();
  }

  static String roleQuestion(UserView user, String role) {
    return "Change the role of '"
        + user.username()
        + "' from "
        + user.role()
        + " to "
        + role
        + "? It applies to their tokens at once; a console session keeps the old role until they"
        + " sign in again.";
  }

  static String disableQuestion(UserView user) {
    return "Disable '"
        + user.username()
        + "'? They cannot sign in, and "
        + tokensPhrase(user.activeTokens())
        + " refused until you enable them again.";
  }

  static String deleteQuestion(UserView user) {
    return "Delete '"
        + user.username()
        + "' for good? "
        + capitalised(tokensPhrase(user.activeTokens()))
        + " deleted with them. The audit log keeps what they did.";
  }

  static String revokeQuestion(TokenView token) {
    return "Revoke the token '"
        + token.label()
        + "' of '"
        + token.username()
        + "'? Whatever uses it (a CLI, a script, a scraper) is refused from its next request.";
  }

  private static String tokensPhrase(int activeTokens) {
    return switch (activeTokens) {
      case 0 -> "their tokens (none active) are";
      case 1 -> "their 1 active token is";
      default -> "their " + activeTokens + " active tokens are";
    };
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
