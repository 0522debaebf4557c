package io.switchboard.controlplane.security;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code app_user}. */
@Repository
class UserAccountRepository {

  private final JdbcClient jdbc;

  UserAccountRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<UserAccount> find(String username) {
    return jdbc.sql(
            "SELECT username, password_hash, role, created_at FROM app_user WHERE username = ?")
        .param(username)
        .query(
            (rs, row) ->
                new UserAccount(
                    rs.getString("username"),
                    rs.getString("password_hash"),
                    Role.valueOf(rs.getString("role")),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  boolean exists(String username) {
    return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?")
            .param(username)
            .query(Long.class)
            .single()
        > 0;
  }

  void insert(UserAccount account) {
    jdbc.sql("INSERT INTO app_user (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)")
        .params(
            account.username(),
            account.passwordHash(),
            account.role().name(),
            account.createdAt().atOffset(ZoneOffset.UTC))
        .update();
  }
}
