package io.switchboard.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.auth.IssuedToken;
import io.switchboard.controlplane.ControlPlaneIT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Authentication and authorisation of the HTTP API, checked over real HTTP. */
class SecurityIT extends ControlPlaneIT {

  private static final String VIEWER = "viewer-it";
  private static final String VIEWER_PASSWORD = "viewer-password";

  @Autowired private UserAccountRepository accounts;
  @Autowired private ApiTokenRepository tokens;
  @Autowired private ApiTokenService tokenService;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcClient jdbc;
  @Autowired private Clock clock;
  @Autowired private ObjectMapper json;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void viewerExists() {
    if (!accounts.exists(VIEWER)) {
      accounts.insert(
          new UserAccount(VIEWER, encoder.encode(VIEWER_PASSWORD), Role.VIEWER, clock.instant()));
    }
  }

  @Test
  void healthIsOpenToAnonymousCallers() throws Exception {
    assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void apiWithoutTokenIsA401ProblemThatSaysHowToGetOne() throws Exception {
    HttpResponse<String> response = send("GET", "/api/v1/topology", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json.readTree(response.body()).get("detail").asText())
        .contains("POST /api/v1/tokens");
  }

  @Test
  void unknownMalformedAndExpiredTokensAreRefusedWithTheReason() throws Exception {
    assertThat(detail(send("GET", "/api/v1/topology", "Bearer sbt_doesnotexist")))
        .contains("not known");
    assertThat(detail(send("GET", "/api/v1/topology", "Bearer abc"))).contains("malformed");

    String expired = "sbt_" + UUID.randomUUID();
    tokens.insert(
        UUID.randomUUID().toString(),
        VIEWER,
        ApiTokenService.hash(expired),
        "expired",
        Instant.parse("2020-01-01T00:00:00Z"),
        Instant.parse("2020-01-02T00:00:00Z"));
    HttpResponse<String> response = send("GET", "/api/v1/topology", "Bearer " + expired);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(detail(response)).contains("expired");
  }

  @Test
  void tokensAreIssuedOnlyForCorrectBasicCredentialsAndStoredHashed() throws Exception {
    HttpResponse<String> wrong =
        send("POST", "/api/v1/tokens", basic("admin", "wrong"), "{\"label\":\"x\"}");
    assertThat(wrong.statusCode()).isEqualTo(401);

    HttpResponse<String> issued =
        send("POST", "/api/v1/tokens", basic("admin", ADMIN_PASSWORD), "{\"label\":\"laptop\"}");
    assertThat(issued.statusCode()).isEqualTo(201);
    IssuedToken token = json.readValue(issued.body(), IssuedToken.class);
    assertThat(token.username()).isEqualTo("admin");
    assertThat(token.role()).isEqualTo("ADMIN");
    assertThat(token.expiresAt()).isAfter(Instant.now().plus(Duration.ofDays(29)));

    List<String> storedHashes =
        jdbc.sql("SELECT token_hash FROM api_token").query(String.class).list();
    assertThat(storedHashes)
        .doesNotContain(token.token())
        .contains(ApiTokenService.hash(token.token()));
    assertThat(
            jdbc.sql("SELECT password_hash FROM app_user WHERE username = 'admin'")
                .query(String.class)
                .single())
        .startsWith("{bcrypt}");

    assertThat(send("GET", "/api/v1/topology", "Bearer " + token.token()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void basicCredentialsAreNotAcceptedOutsideTokenIssuing() throws Exception {
    assertThat(send("GET", "/api/v1/topology", basic("admin", ADMIN_PASSWORD)).statusCode())
        .isEqualTo(401);
  }

  /**
   * Enumerates every mutating operation in the OpenAPI document, so that endpoints added later are
   * covered without touching this test: a VIEWER must get 403 on each.
   */
  @Test
  void viewerIsForbiddenEveryMutatingEndpointOfTheOpenApiDocument() throws Exception {
    String viewerToken = "Bearer " + tokenService.issue(VIEWER, "it").token();
    HttpResponse<String> docs = send("GET", "/v3/api-docs", viewerToken);
    assertThat(docs.statusCode()).isEqualTo(200);

    List<String> mutating = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = json.readTree(docs.body()).get("paths").fields();
    paths.forEachRemaining(
        path ->
            path.getValue()
                .fieldNames()
                .forEachRemaining(
                    method -> {
                      if (!method.equals("get") && !path.getKey().equals("/api/v1/tokens")) {
                        mutating.add(method.toUpperCase() + " " + path.getKey());
                      }
                    }));
    assertThat(mutating).contains("POST /api/v1/nodes/{nodeId}/kill");

    for (String operation : mutating) {
      String[] parts = operation.split(" ", 2);
      String concretePath = parts[1].replaceAll("\\{[^}]+}", "americas-1");
      HttpResponse<String> response = send(parts[0], concretePath, viewerToken, "{}");
      assertThat(response.statusCode()).as(operation).isEqualTo(403);
      assertThat(detail(response)).as(operation).contains("role is too low");
    }
  }

  @Test
  void prometheusEndpointExportsNodeHealthForAuthenticatedScrapers() throws Exception {
    String viewerToken = "Bearer " + tokenService.issue(VIEWER, "scraper").token();
    HttpResponse<String> response = send("GET", "/actuator/prometheus", viewerToken);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("switchboard_node_up{dc=\"europe\",node=\"europe-1\"");
    assertThat(send("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(401);
  }

  private String detail(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    return json.readTree(response.body()).get("detail").asText();
  }

  private HttpResponse<String> send(String method, String path, String authorization)
      throws Exception {
    return send(method, path, authorization, null);
  }

  private HttpResponse<String> send(String method, String path, String authorization, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
