package io.switchboard.api.user;

import java.time.Instant;

/**
 * An API token as administrators see it; the secret is never shown again after it was issued.
 *
 * @param id the token's id (not its secret), for revoking it
 * @param username the user it acts for
 * @param label what its owner called it when asking for it (e.g. {@code cli@laptop})
 * @param state {@code ACTIVE}; {@code REVOKED}; {@code EXPIRED}; or {@code USER_DISABLED}: neither
 *     revoked nor expired, but refused while its user is disabled (it works again once the user is
 *     enabled, unless revoked)
 * @param createdAt when it was issued
 * @param expiresAt when it stops working by itself
 * @param lastUsedAt when it last authenticated a request, to the minute; {@code null} if never
 * @param revokedAt when it was revoked, if it was
 */
public record TokenView(
    String id,
    String username,
    String label,
    String state,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    Instant revokedAt) {}
