package io.switchboard.controlplane.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What user administration accepts and refuses; pure (no I/O), so the rules are tested alone.
 *
 * <ol>
 *   <li>A name is 2 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a
 *       letter (lower case only, so that no two names differ only in case).
 *   <li>A password has at least {@link #MIN_PASSWORD_LENGTH} characters and at most {@link
 *       #MAX_PASSWORD_BYTES} bytes in UTF-8 (bcrypt ignores anything beyond).
 *   <li>Nobody may disable, demote or delete themselves (another admin must), and nobody may
 *       disable, demote or delete the last enabled ADMIN: there is always an admin who can undo.
 * </ol>
 */
final class AccountRules {

  static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
  static final int MIN_PASSWORD_LENGTH = 12;
  static final int MAX_PASSWORD_BYTES = 72;

  /** A change that can take away the last admin. */
  enum Change {
    DISABLE("disable"),
    DEMOTE("demote"),
    DELETE("delete");

    private final String verb;

    Change(String verb) {
      this.verb = verb;
    }
  }

  private AccountRules() {}

  /** Why {@code username} is not acceptable for a new user, if it is not. */
  static Optional<String> usernameProblem(String username) {
    if (username == null || username.isBlank()) {
      return Optional.of("A user needs a name ('username'), e.g. 'jane.doe'.");
    }
    if (!USERNAME.matcher(username).matches()) {
      return Optional.of(
          "The name '"
              + username
              + "' is not allowed: use 2 to 64 characters, lower-case letters, digits, '.', '_'"
              + " or '-', starting with a letter, e.g. 'jane.doe'.");
    }
    return Optional.empty();
  }

  /** Why {@code password} is not acceptable, if it is not. */
  static Optional<String> passwordProblem(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      return Optional.of(
          "The password is too short: use at least " + MIN_PASSWORD_LENGTH + " characters.");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      return Optional.of(
          "The password is too long: use at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8).");
    }
    if (password.isBlank()) {
      return Optional.of("The password must not be only spaces.");
    }
    return Optional.empty();
  }

  /** The role named {@code role} (any case), or why there is none. */
  static Role role(String role) {
    String known = String.join(", ", Arrays.stream(Role.values()).map(Enum::name).toList());
    if (role == null || role.isBlank()) {
      throw UserAdministrationException.invalid("A 'role' is needed: one of " + known + ".");
    }
    try {
      return Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw UserAdministrationException.invalid(
          "Unknown role '" + role + "': use one of " + known + ".");
    }
  }

  /**
   * Why {@code actor} may not make {@code change} to {@code target}, if it may not.
   *
   * @param enabledAdmins the names of the enabled ADMINs now
   */
  static Optional<String> lockoutProblem(
      String actor, UserAccount target, Change change, Collection<String> enabledAdmins) {
    if (target.username().equals(actor)) {
      return Optional.of(
          "You cannot "
              + change.verb
              + " yourself ('"
              + actor
              + "'): ask another admin to do it, so that an admin remains who can undo it.");
    }
    if (target.isEnabledAdmin()
        && enabledAdmins.stream()
            .filter(name -> !name.equals(target.username()))
            .findAny()
            .isEmpty()) {
      return Optional.of(
          "'"
              + target.username()
              + "' is the last enabled ADMIN and cannot be "
              + change.verb
              + "d"
              + ": make another user ADMIN (or enable one) first.");
    }
    return Optional.empty();
  }
}
