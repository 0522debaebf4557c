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

/** Table {@code app_user}. */
@Repository
class UserAccountRepository {

  /** A user with the number of its tokens that neither expired nor were revoked. */
  record AccountWithTokens(UserAccount account, int activeTokens) {}

  private static final String COLUMNS =
      "username, password_hash, role, created_at, enabled, last_login_at";

  private final JdbcClient jdbc;

  UserAccountRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<UserAccount> find(String username) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = ?")
        .param(username)
        .query((rs, row) -> account(rs))
        .optional();
  }

  /** Every user by name, with the count of its tokens still valid at {@code now}. */
  List<AccountWithTokens> listWithActiveTokens(Instant now) {
    return withActiveTokens("", now).query((rs, row) -> withTokens(rs)).list();
  }

  /** One user with the count of its tokens still valid at {@code now}. */
  Optional<AccountWithTokens> findWithActiveTokens(String username, Instant now) {
    return withActiveTokens(" WHERE u.username = ?", now)
        .param(username)
        .query((rs, row) -> withTokens(rs))
        .optional();
  }

  private JdbcClient.StatementSpec withActiveTokens(String where, Instant now) {
    return jdbc.sql(
            "SELECT u.username, u.password_hash, u.role, u.created_at, u.enabled, u.last_login_at,"
                + " (SELECT COUNT(*) FROM api_token t WHERE t.username = u.username"
                + " AND t.revoked_at IS NULL AND t.expires_at > ?) AS active_tokens"
                + " FROM app_user u"
                + where
                + " ORDER BY u.username")
        .param(now.atOffset(ZoneOffset.UTC));
  }

  private static AccountWithTokens withTokens(ResultSet rs) throws SQLException {
    return new AccountWithTokens(account(rs), rs.getInt("active_tokens"));
  }

  /**
   * The names of the enabled ADMINs, their rows locked until the current transaction ends, so that
   * two admins cannot concurrently demote, disable or delete each other into having none.
   */
  List<String> lockEnabledAdmins() {
    return jdbc.sql(
            "SELECT username FROM app_user WHERE role = ? AND enabled = TRUE"
                + " ORDER BY username FOR UPDATE")
        .param(Role.ADMIN.name())
        .query(String.class)
        .list();
  }

  boolean exists(String username) {
    return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?")
            .param(username)
            .query(Long.class)
            .single()
        > 0;
  }

  void insert(UserAccount account) {
    jdbc.sql(
            "INSERT INTO app_user (username, password_hash, role, created_at, enabled)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(
            account.username(),
            account.passwordHash(),
            account.role().name(),
            account.createdAt().atOffset(ZoneOffset.UTC),
            account.enabled())
        .update();
  }

  boolean isEmpty() {
    return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single() == 0;
  }

  void updateRole(String username, Role role) {
    jdbc.sql("UPDATE app_user SET role = ? WHERE username = ?")
        .params(role.name(), username)
        .update();
  }

  void updateEnabled(String username, boolean enabled) {
    jdbc.sql("UPDATE app_user SET enabled = ? WHERE username = ?")
        .params(enabled, username)
        .update();
  }

  void updatePasswordHash(String username, String passwordHash) {
    jdbc.sql("UPDATE app_user SET password_hash = ? WHERE username = ?")
        .params(passwordHash, username)
        .update();
  }

  void recordLogin(String username, Instant at) {
    jdbc.sql("UPDATE app_user SET last_login_at = ? WHERE username = ?")
        .params(at.atOffset(ZoneOffset.UTC), username)
        .update();
  }

  /** Deletes the user; its tokens go with it ({@code ON DELETE CASCADE}). */
  void delete(String username) {
    jdbc.sql("DELETE FROM app_user WHERE username = ?").param(username).update();
  }

  private static UserAccount account(ResultSet rs) throws SQLException {
    OffsetDateTime lastLogin = rs.getObject("last_login_at", OffsetDateTime.class);
    return new UserAccount(
        rs.getString("username"),
        rs.getString("password_hash"),
        Role.valueOf(rs.getString("role")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getBoolean("enabled"),
        lastLogin == null ? null : lastLogin.toInstant());
  }
}
