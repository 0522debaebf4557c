package io.switchboard.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.api.auth.IssuedToken;
import io.switchboard.api.auth.TokenApi;
import io.switchboard.api.auth.TokenRequest;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.TopologyApi;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The {@code postgres} profile against the local PostgreSQL (127.0.0.1:5432, database {@code
 * test}). Each run migrates a schema of its own and drops it afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class PostgresPersistenceIT {

  private static final String SCHEDULER_NAME = "switchboard-it-" + UUID.randomUUID();

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String SCHEMA =
      "switchboard_it_" + UUID.randomUUID().toString().replace("-", "");
  private static final String PASSWORD = "pg-admin-password";

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    registry.add("SWITCHBOARD_DB_URL", () -> URL + "?currentSchema=" + SCHEMA);
    registry.add("spring.flyway.schemas", () -> SCHEMA);
    registry.add("spring.flyway.create-schemas", () -> true);
    registry.add("SWITCHBOARD_ADMIN_PASSWORD", () -> PASSWORD);
    // Quartz registers its job store's connection provider JVM-wide by scheduler name: contexts
    // that share this JVM need names of their own, or one would use another's database.
    registry.add("spring.quartz.scheduler-name", () -> SCHEDULER_NAME);
    registry.add("switchboard.data-dir", Files.createTempDirectory("switchboard-pg-it-")::toString);
    registry.add("switchboard.embedded.nodes-per-dc", () -> 1);
    registry.add("switchboard.embedded.gateway-base-port", () -> 0);
    registry.add("switchboard.embedded.admin-base-port", () -> 0);
    registry.add("switchboard.embedded.peer-base-port", () -> 0);
    registry.add("switchboard.health.interval", () -> "500ms");
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Test
  void topologyHealthUsersAndTokensArePersistedInPostgres() throws IOException {
    assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single()).isEqualTo(SCHEMA);
    assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");

    IssuedToken token =
        client(TokenApi.class, null)
            .issueToken(
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()),
                new TokenRequest("postgres it"));
    TopologyApi topology = client(TopologyApi.class, token.token());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> topology.topology().nodes().allMatch(n -> n.health() == NodeHealth.UP));

    List<String> stored =
        jdbc.sql("SELECT id || ':' || health FROM node ORDER BY id").query(String.class).list();
    assertThat(stored)
        .containsExactly("americas-1:UP", "asia-1:UP", "europe-1:UP", "middle-east-1:UP");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM data_center").query(Long.class).single())
        .isEqualTo(4);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token").query(Long.class).single()).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                        + " ORDER BY installed_rank")
                .query(String.class)
                .list())
        .startsWith("1", "2", "3", "4", "5", "6")
        .containsExactlyElementsOf(migrationVersions());
  }

  /**
   * The versions of every migration the postgres profile has (common and PostgreSQL-specific), in
   * order: each must have been applied.
   */
  private static List<String> migrationVersions() throws IOException {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    List<Resource> scripts = new ArrayList<>();
    for (String location : List.of("db/migration", "db/vendor/postgresql")) {
      scripts.addAll(Arrays.asList(resolver.getResources("classpath*:" + location + "/V*__*.sql")));
    }
    return scripts.stream()
        .map(script -> script.getFilename().substring(1, script.getFilename().indexOf("__")))
        .sorted(Comparator.comparing(java.math.BigDecimal::new))
        .toList();
  }

  private <T> T client(Class<T> api, String token) {
    RestClient.Builder rest = RestClient.builder().baseUrl("http://127.0.0.1:" + port);
    if (token != null) {
      rest.defaultHeader("Authorization", "Bearer " + token);
    }
    return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest.build()))
        .build()
        .createClient(api);
  }
}
