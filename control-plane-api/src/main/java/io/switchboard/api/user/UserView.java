package io.switchboard.api.user;

import java.time.Instant;

/**
 * A user as administrators see it.
 *
 * @param username the login name
 * @param role {@code VIEWER}, {@code OPERATOR} or {@code ADMIN}
 * @param enabled whether the user may log in and use its tokens
 * @param createdAt when the user was created
 * @param lastLoginAt the last successful password login (console or token issuing), if any
 * @param activeTokens how many of the user's tokens neither expired nor were revoked
 */
public record UserView(
    String username,
    String role,
    boolean enabled,
    Instant createdAt,
    Instant lastLoginAt,
    int activeTokens) {}
