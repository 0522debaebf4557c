package io.switchboard.controlplane.security;

import java.time.Instant;

/**
 * A stored user: the password is only ever held as a DelegatingPasswordEncoder hash.
 *
 * @param enabled a disabled user can neither log in nor use its tokens
 * @param lastLoginAt the last successful password login, {@code null} if none yet
 */
record UserAccount(
    String username,
    String passwordHash,
    Role role,
    Instant createdAt,
    boolean enabled,
    Instant lastLoginAt) {

  /** A new, enabled user who has not logged in yet. */
  UserAccount(String username, String passwordHash, Role role, Instant createdAt) {
    this(username, passwordHash, role, createdAt, true, null);
  }

  /** Whether this user counts towards the enabled ADMINs that must remain. */
  boolean isEnabledAdmin() {
    return enabled && role == Role.ADMIN;
  }
}
