package io.switchboard.controlplane.security;

import io.switchboard.api.auth.IssuedToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Issues and verifies API tokens.
 *
 * <p>A token is {@code sbt_} followed by 32 random bytes in base64url. Only its SHA-256 is stored
 * (a fast hash suffices: the secret has 256 bits of entropy, unlike a password). Verification looks
 * the hash up, then checks expiry against the injected clock.
 */
@Service
public class ApiTokenService {

  static final String PREFIX = "sbt_";

  /** Outcome of checking a presented token. */
  public sealed interface Verification {
    /** The token is valid and acts for this user with this role. */
    record Valid(String username, Role role) implements Verification {}

    /** The token is unknown, malformed or expired; {@code reason} is safe to show to the caller. */
    record Invalid(String reason) implements Verification {}
  }

  private final ApiTokenRepository tokens;
  private final UserAccountRepository accounts;
  private final SecurityProperties properties;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ApiTokenService(
      ApiTokenRepository tokens,
      UserAccountRepository accounts,
      SecurityProperties properties,
      Clock clock) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.properties = properties;
    this.clock = clock;
  }

  /** Issues a new token for an existing user. The secret is returned once and never stored. */
  public IssuedToken issue(String username, String label) {
    UserAccount account =
        accounts
            .find(username)
            .orElseThrow(() -> new IllegalArgumentException("No user " + username));
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(properties.tokenTtl());
    String safeLabel = label == null || label.isBlank() ? "unnamed" : label.strip();
    tokens.insert(
        UUID.randomUUID().toString(),
        username,
        hash(token),
        safeLabel.length() > 255 ? safeLabel.substring(0, 255) : safeLabel,
        now,
        expiresAt);
    return new IssuedToken(token, username, account.role().name(), expiresAt);
  }

  /** Checks a presented bearer secret. */
  public Verification verify(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return new Verification.Invalid(
          "The token is malformed: Switchboard tokens start with sbt_.");
    }
    return tokens
        .findByHash(hash(token))
        .<Verification>map(
            stored ->
                stored.expiresAt().isAfter(clock.instant())
                    ? new Verification.Valid(stored.username(), stored.role())
                    : new Verification.Invalid(
                        "The token expired at " + stored.expiresAt() + ". Log in again."))
        .orElseGet(() -> new Verification.Invalid("The token is not known. Log in again."));
  }

  static String hash(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
