package io.switchboard.runtime.messaging;

/**
 * A new user.
 *
 * @param userId the user's id; its shard is homed in the data centre the user registered in
 * @param token the bearer token for {@link MessagingService#authenticate}: {@code
 *     <userId>:<base64url of 32 random bytes>}. Only a SHA-256 of the secret part is stored, so a
 *     lost token cannot be recovered.
 */
public record Registration(long userId, String token) {}
