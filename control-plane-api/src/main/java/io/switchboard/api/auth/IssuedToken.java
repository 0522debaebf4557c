package io.switchboard.api.auth;

import java.time.Instant;

/**
 * A freshly issued API token. The secret is shown exactly once: the control plane stores only its
 * hash.
 *
 * @param token the bearer secret, sent as {@code Authorization: Bearer <token>}
 * @param username the user the token acts for
 * @param role that user's role
 * @param expiresAt when the token stops working
 */
public record IssuedToken(String token, String username, String role, Instant expiresAt) {}
