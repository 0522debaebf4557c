package io.switchboard.runtime.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * Bearer tokens: {@code <userId>:<secret>}, the secret being 32 random bytes in unpadded base64url.
 * The user id routes the token to the user's shard; only the SHA-256 of the secret is stored there,
 * so the log and checkpoints never hold a usable token.
 */
final class Tokens {

  static final int SECRET_BYTES = 32;

  private static final String SEPARATOR = ":";

  private Tokens() {}

  /** A token presented by a client, parsed. */
  record Presented(long userId, byte[] secret) {}

  static byte[] newSecret(RandomGenerator random) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return secret;
  }

  static byte[] hash(byte[] secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  static String format(long userId, byte[] secret) {
    return userId + SEPARATOR + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /**
   * Parses a token.
   *
   * @throws MessagingException {@code INVALID_TOKEN} when it is not a positive user id, the
   *     separator and a 32-byte base64url secret
   */
  static Presented parse(String token) {
    int separator = token == null ? -1 : token.indexOf(SEPARATOR);
    if (separator < 1) {
      throw invalid();
    }
    try {
      long userId = Long.parseLong(token.substring(0, separator));
      byte[] secret =
          Base64.getUrlDecoder()
              .decode(token.substring(separator + 1).getBytes(StandardCharsets.US_ASCII));
      if (userId < 1 || secret.length != SECRET_BYTES) {
        throw invalid();
      }
      return new Presented(userId, secret);
    } catch (IllegalArgumentException malformed) {
      throw invalid();
    }
  }

  private static MessagingException invalid() {
    return new MessagingException(Rejection.INVALID_TOKEN, "the token is not valid");
  }
}
