package io.switchboard.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.controlplane.security.ApiTokenRepository.StoredToken;
import io.switchboard.controlplane.security.UserAccountRepository.AccountWithTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The user and token tables after V7 (enabled, last login, last used, revoked) on the
 * Flyway-migrated schema: a JDBC slice on an in-memory H2 database; {@link
 * UserAccountRepositoryPostgresIT} runs the same tests on PostgreSQL. Each call commits on its own.
 */
@JdbcTest
@Import({UserAccountRepository.class, ApiTokenRepository.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class UserAccountRepositoryIT {

  /** Microseconds: the precision both databases keep. */
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123456Z");

  @Autowired private UserAccountRepository accounts;
  @Autowired private ApiTokenRepository tokens;
  @Autowired private JdbcClient jdbc;
  @Autowired private TransactionTemplate transactions;

  @AfterEach
  void deleteUsers() {
    jdbc.sql("DELETE FROM app_user").update();
  }

  @Test
  void usersAreListedWithStateLastLoginAndActiveTokens() {
    accounts.insert(new UserAccount("alice", "{noop}a", Role.ADMIN, T0));
    accounts.insert(new UserAccount("bob", "{noop}b", Role.VIEWER, T0));
    tokens.insert("t1", "bob", "h1", "cli", T0, T0.plus(Duration.ofDays(1)));
    tokens.insert("t2", "bob", "h2", "old", T0, T0.plusSeconds(1));
    tokens.insert("t3", "bob", "h3", "revoked", T0, T0.plus(Duration.ofDays(1)));
    assertThat(tokens.revoke("t3", T0)).isTrue();
    assertThat(tokens.revoke("t3", T0.plusSeconds(5))).as("once").isFalse();

    accounts.recordLogin("bob", T0.plusSeconds(60));
    accounts.updateEnabled("bob", false);
    accounts.updateRole("bob", Role.OPERATOR);
    accounts.updatePasswordHash("bob", "{noop}new");

    assertThat(accounts.listWithActiveTokens(T0.plusSeconds(10)))
        .extracting(u -> u.account().username(), AccountWithTokens::activeTokens)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice", 0),
            org.assertj.core.groups.Tuple.tuple("bob", 1));
    UserAccount bob = accounts.find("bob").orElseThrow();
    assertThat(bob.enabled()).isFalse();
    assertThat(bob.role()).isEqualTo(Role.OPERATOR);
    assertThat(bob.passwordHash()).isEqualTo("{noop}new");
    assertThat(bob.lastLoginAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(accounts.findWithActiveTokens("alice", T0).orElseThrow().account().enabled())
        .isTrue();
  }

  @Test
  void aTokenResolvesWithItsUsersStateAndRecordsItsUse() {
    accounts.insert(new UserAccount("carol", "{noop}c", Role.OPERATOR, T0));
    tokens.insert("t1", "carol", "hash-1", "cli", T0, T0.plus(Duration.ofDays(1)));
    tokens.recordUse("t1", T0.plusSeconds(30));
    accounts.updateEnabled("carol", false);

    StoredToken stored = tokens.findByHash("hash-1").orElseThrow();
    assertThat(stored.userEnabled()).isFalse();
    assertThat(stored.role()).isEqualTo(Role.OPERATOR);
    assertThat(stored.lastUsedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(stored.revokedAt()).isNull();
    assertThat(tokens.list("carol"))
        .singleElement()
        .satisfies(t -> assertThat(t.label()).isEqualTo("cli"));

    accounts.delete("carol");
    assertThat(tokens.findByHash("hash-1")).as("deleted with the user").isEmpty();
    assertThat(tokens.find("t1")).isEmpty();
  }

  @Test
  void enabledAdminsAreLockedAndListedInATransaction() {
    accounts.insert(new UserAccount("alice", "{noop}a", Role.ADMIN, T0));
    accounts.insert(new UserAccount("bob", "{noop}b", Role.ADMIN, T0));
    accounts.insert(new UserAccount("carol", "{noop}c", Role.VIEWER, T0));
    accounts.updateEnabled("bob", false);

    List<String> locked = transactions.execute(status -> accounts.lockEnabledAdmins());
    assertThat(locked).containsExactly("alice");
    assertThat(accounts.isEmpty()).isFalse();
  }
}
