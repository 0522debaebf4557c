package io.switchboard.controlplane.security;

import io.switchboard.api.auth.IssuedToken;
import io.switchboard.api.user.TokenView;
import io.switchboard.controlplane.security.ApiTokenRepository.StoredToken;
import io.switchboard.controlplane.security.ApiTokenRepository.TokenRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Issues and verifies API tokens.
 *
 * <p>A token is {@code sbt_} followed by 32 random bytes in base64url. Only its SHA-256 is stored
 * (a fast hash suffices: the secret has 256 bits of entropy, unlike a password). Verification looks
 * the hash up, then checks, against the injected clock: not revoked, not expired, its user enabled.
 * Role and enablement are read from the user on every request, so a role change, a disabled user or
 * a revoked token takes effect from the next request on. When a token was last used is written at
 * most once per {@link #LAST_USED_PRECISION}, so most requests write nothing.
 */
@Service
public class ApiTokenService {

  static final String PREFIX = "sbt_";
  static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

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
    if (!account.enabled()) {
      throw new IllegalArgumentException("User '" + username + "' is disabled");
    }
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
        .map(this::check)
        .orElseGet(() -> new Verification.Invalid("The token is not known. Log in again."));
  }

  private Verification check(StoredToken stored) {
    Instant now = clock.instant();
    if (stored.revokedAt() != null) {
      return new Verification.Invalid(
          "The token was revoked at " + stored.revokedAt() + ". Log in again for a new one.");
    }
    if (!stored.expiresAt().isAfter(now)) {
      return new Verification.Invalid(
          "The token expired at " + stored.expiresAt() + ". Log in again.");
    }
    if (!stored.userEnabled()) {
      return new Verification.Invalid(
          "User '" + stored.username() + "' is disabled. Ask an admin to enable the user.");
    }
    if (stored.lastUsedAt() == null
        || !stored.lastUsedAt().plus(LAST_USED_PRECISION).isAfter(now)) {
      tokens.recordUse(stored.id(), now);
    }
    return new Verification.Valid(stored.username(), stored.role());
  }

  /** Every token, newest first, of {@code username} only if it is not null; never secrets. */
  public List<TokenView> list(String username) {
    Instant now = clock.instant();
    return tokens.list(username).stream().map(token -> view(token, now)).toList();
  }

  /**
   * Revokes a token: refused from the next request on. Revoking a revoked token changes nothing.
   *
   * @throws UserAdministrationException if there is no such token
   */
  public TokenView revoke(String id) {
    tokens.revoke(id, clock.instant());
    return tokens
        .find(id)
        .map(token -> view(token, clock.instant()))
        .orElseThrow(() -> UserAdministrationException.unknownToken(id));
  }

  /** The state as {@link #verify} would judge the token now, checked in the same order. */
  static TokenView view(TokenRecord token, Instant now) {
    String state;
    if (token.revokedAt() != null) {
      state = "REVOKED";
    } else if (!token.expiresAt().isAfter(now)) {
      state = "EXPIRED";
    } else if (!token.userEnabled()) {
      state = "USER_DISABLED";
    } else {
      state = "ACTIVE";
    }
    return new TokenView(
        token.id(),
        token.username(),
        token.label(),
        state,
        token.createdAt(),
        token.expiresAt(),
        token.lastUsedAt(),
        token.revokedAt());
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
