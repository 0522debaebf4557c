package io.switchboard.controlplane.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code api_token}: token hashes, never secrets. */
@Repository
class ApiTokenRepository {

  /** What a token hash resolves to: the token and the state of the user it acts for. */
  record StoredToken(
      String id,
      String username,
      Role role,
      boolean userEnabled,
      Instant expiresAt,
      Instant revokedAt,
      Instant lastUsedAt) {}

  /**
   * A token's metadata, for administrators, with whether the user it acts for is enabled (false if
   * the user no longer exists).
   */
  record TokenRecord(
      String id,
      String username,
      String label,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt,
      boolean userEnabled) {}

  private static final String RECORD_COLUMNS =
      "t.id, t.username, t.label, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,"
          + " u.enabled FROM api_token t LEFT JOIN app_user u ON u.username = t.username";

  private final JdbcClient jdbc;

  ApiTokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(
      String id,
      String username,
      String tokenHash,
      String label,
      Instant createdAt,
      Instant expiresAt) {
    jdbc.sql(
            "INSERT INTO api_token (id, username, token_hash, label, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            id,
            username,
            tokenHash,
            label,
            createdAt.atOffset(ZoneOffset.UTC),
            expiresAt.atOffset(ZoneOffset.UTC))
        .update();
  }

  Optional<StoredToken> findByHash(String tokenHash) {
    return jdbc.sql(
            "SELECT t.id, t.username, u.role, u.enabled, t.expires_at, t.revoked_at,"
                + " t.last_used_at FROM api_token t"
                + " JOIN app_user u ON u.username = t.username WHERE t.token_hash = ?")
        .param(tokenHash)
        .query(
            (rs, row) ->
                new StoredToken(
                    rs.getString("id"),
                    rs.getString("username"),
                    Role.valueOf(rs.getString("role")),
                    rs.getBoolean("enabled"),
                    instant(rs, "expires_at"),
                    instant(rs, "revoked_at"),
                    instant(rs, "last_used_at")))
        .optional();
  }

  Optional<TokenRecord> find(String id) {
    return jdbc.sql("SELECT " + RECORD_COLUMNS + " WHERE t.id = ?")
        .param(id)
        .query((rs, row) -> tokenRecord(rs))
        .optional();
  }

  /** Every token, newest first; only {@code username}'s when it is not null. */
  List<TokenRecord> list(String username) {
    return username == null
        ? jdbc.sql("SELECT " + RECORD_COLUMNS + " ORDER BY t.created_at DESC, t.id")
            .query((rs, row) -> tokenRecord(rs))
            .list()
        : jdbc.sql(
                "SELECT "
                    + RECORD_COLUMNS
                    + " WHERE t.username = ? ORDER BY t.created_at DESC, t.id")
            .param(username)
            .query((rs, row) -> tokenRecord(rs))
            .list();
  }

  /** Marks the token revoked unless it is already; whether this call revoked it. */
  boolean revoke(String id, Instant at) {
    return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
            .params(at.atOffset(ZoneOffset.UTC), id)
            .update()
        == 1;
  }

  void recordUse(String id, Instant at) {
    jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?")
        .params(at.atOffset(ZoneOffset.UTC), id)
        .update();
  }

  private static TokenRecord tokenRecord(ResultSet rs) throws SQLException {
    return new TokenRecord(
        rs.getString("id"),
        rs.getString("username"),
        rs.getString("label"),
        instant(rs, "created_at"),
        instant(rs, "expires_at"),
        instant(rs, "last_used_at"),
        instant(rs, "revoked_at"),
        rs.getBoolean("enabled"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
