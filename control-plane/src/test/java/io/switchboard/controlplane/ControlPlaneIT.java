package io.switchboard.controlplane;

import io.switchboard.api.auth.IssuedToken;
import io.switchboard.api.auth.TokenApi;
import io.switchboard.api.auth.TokenRequest;
import io.switchboard.api.topology.TopologyApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Base of the control plane's integration tests: the whole application on a random port with the
 * embedded cluster (12 real nodes on free loopback ports) and an H2 file database in a fresh
 * directory, with metrics export on as in production. Subclasses share one application context.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ControlPlaneIT {

  private static final String SCHEDULER_NAME = "switchboard-it-" + UUID.randomUUID();

  protected static final String ADMIN_PASSWORD = "it-admin-password";
  private static final Path DATA_DIR = createDataDir();

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("switchboard.data-dir", DATA_DIR::toString);
    // Quartz registers its job store's connection provider JVM-wide by scheduler name: contexts
    // that share this JVM need names of their own, or one would use another's database.
    registry.add("spring.quartz.scheduler-name", () -> SCHEDULER_NAME);
    registry.add("SWITCHBOARD_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    registry.add("switchboard.embedded.gateway-base-port", () -> 0);
    registry.add("switchboard.embedded.admin-base-port", () -> 0);
    registry.add("switchboard.embedded.peer-base-port", () -> 0);
    registry.add("switchboard.health.interval", () -> "500ms");
    // A whole DC down this long starts a DC failover (30 s by default): tests wait less.
    registry.add("switchboard.failover.dc.unreachable-after", () -> "5s");
  }

  protected String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  protected static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  protected IssuedToken adminToken() {
    return client(TokenApi.class, null)
        .issueToken(basic("admin", ADMIN_PASSWORD), new TokenRequest("integration test"));
  }

  protected TopologyApi topologyAs(String token) {
    return client(TopologyApi.class, token);
  }

  /** A client of an API interface over real HTTP, exactly as the CLI builds it. */
  protected <T> T client(Class<T> api, String bearerToken) {
    RestClient.Builder rest = RestClient.builder().baseUrl(baseUrl());
    if (bearerToken != null) {
      rest.defaultHeader("Authorization", "Bearer " + bearerToken);
    }
    return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest.build()))
        .build()
        .createClient(api);
  }

  private static Path createDataDir() {
    try {
      return Files.createTempDirectory("switchboard-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
