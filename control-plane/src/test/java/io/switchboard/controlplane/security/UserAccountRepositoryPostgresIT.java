package io.switchboard.controlplane.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link UserAccountRepositoryIT}'s tests on the local PostgreSQL (127.0.0.1:5432, database {@code
 * test}), in a schema of its own migrated by Flyway and dropped afterwards.
 */
@ActiveProfiles("postgres")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class UserAccountRepositoryPostgresIT extends UserAccountRepositoryIT {

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String SCHEMA =
      "switchboard_user_it_" + UUID.randomUUID().toString().replace("-", "");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("SWITCHBOARD_DB_URL", () -> URL + "?currentSchema=" + SCHEMA);
    registry.add("spring.flyway.schemas", () -> SCHEMA);
    registry.add("spring.flyway.create-schemas", () -> true);
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }
}
