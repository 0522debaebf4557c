package io.switchboard.controlplane.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code api_token}: token hashes, never secrets. */
@Repository
class ApiTokenRepository {

  /** What a token hash resolves to. */
  record StoredToken(String username, Role role, Instant expiresAt) {}

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
            "SELECT t.username, u.role, t.expires_at FROM api_token t"
                + " JOIN app_user u ON u.username = t.username WHERE t.token_hash = ?")
        .param(tokenHash)
        .query(
            (rs, row) ->
                new StoredToken(
                    rs.getString("username"),
                    Role.valueOf(rs.getString("role")),
                    rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
        .optional();
  }
}
