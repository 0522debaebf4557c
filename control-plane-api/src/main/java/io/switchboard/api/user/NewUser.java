package io.switchboard.api.user;

/**
 * A user to create.
 *
 * @param username 2 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a
 *     letter
 * @param role {@code VIEWER}, {@code OPERATOR} or {@code ADMIN}
 * @param password the initial password, at least 12 characters and at most 72 bytes
 */
public record NewUser(String username, String role, String password) {

  /** Never shows the password (this text ends up in logs and the audit log). */
  @Override
  public String toString() {
    return "NewUser[username=" + username + ", role=" + role + "]";
  }
}
