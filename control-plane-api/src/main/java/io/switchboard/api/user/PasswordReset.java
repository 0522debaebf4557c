package io.switchboard.api.user;

/**
 * A user's new password.
 *
 * @param password at least 12 characters and at most 72 bytes
 */
public record PasswordReset(String password) {

  /** Never shows the password (this text may end up in logs). */
  @Override
  public String toString() {
    return "PasswordReset[password=***]";
  }
}
