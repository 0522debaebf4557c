package io.switchboard.systemtest;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The packaged control plane ({@code control-plane/target/switchboard.jar}) running as a real child
 * process. The shared instance runs on its embedded default, in a fresh data directory, exactly as
 * the README's run command starts it (free ports instead of the defaults); it is started once per
 * test run for every test class that asks for it as a parameter, and stopped when the run ends.
 * Tests that need their own (other arguments, a kill and restart) {@link #launch} one.
 */
public final class RunningControlPlane
    implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  public static final String ADMIN_PASSWORD = "system-test-admin";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path dataDir;
  private final Path log;
  private final int port;
  private final String adminToken;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningControlPlane(Path dataDir, List<String> arguments) throws Exception {
    Path jar = Path.of(System.getProperty("switchboard.controlPlaneJar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the control plane first");
    }
    this.dataDir = dataDir;
    log = dataDir.resolve("control-plane-" + System.nanoTime() + ".log");
    port = ListenPorts.next();
    List<String> command =
        new ArrayList<>(
            List.of(javaExecutable(), "-Xmx768m", "-jar", jar.toString(), "--server.port=" + port));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
    builder.environment().put("SWITCHBOARD_DATA_DIR", dataDir.resolve("var").toString());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    process = builder.start();
    awaitHealthy();
    adminToken = issueToken("admin", ADMIN_PASSWORD);
  }

  /**
   * Starts a control plane on {@code dataDir} (its database and logs) with extra command-line
   * {@code arguments}; the caller closes or kills it. Starting another one on the same directory
   * after a kill is a restart of the control plane.
   */
  public static RunningControlPlane launch(Path dataDir, String... arguments) throws Exception {
    return new RunningControlPlane(dataDir, List.of(arguments));
  }

  /** Ends the process with SIGKILL: no shutdown hook, no graceful stop. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** GET {@code path} with the admin token; fails unless the answer is 200. */
  public JsonNode get(String path) throws Exception {
    HttpResponse<String> response = call("GET", path, "Bearer " + adminToken, null);
    expect(200, response);
    return JSON.readTree(response.body());
  }

  /** The Prometheus metrics text of {@code /actuator/prometheus}. */
  public String metrics() throws Exception {
    HttpResponse<String> response =
        call("GET", "/actuator/prometheus", "Bearer " + adminToken, null);
    expect(200, response);
    return response.body();
  }

  /** POST {@code body} (JSON) to {@code path} with the admin token; fails unless 200 or 201. */
  public JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> response = call("POST", path, "Bearer " + adminToken, body);
    if (response.statusCode() != 201) {
      expect(200, response);
    }
    return JSON.readTree(response.body());
  }

  /** JUnit parameter resolver giving tests the shared instance. */
  public static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == RunningControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(
              RunningControlPlane.class,
              key -> {
                try {
                  return new RunningControlPlane(
                      Files.createTempDirectory("switchboard-system-"),
                      List.of(
                          "--switchboard.embedded.gateway-base-port=0",
                          "--switchboard.embedded.admin-base-port=0",
                          "--switchboard.embedded.peer-base-port=0"));
                } catch (Exception e) {
                  throw new IllegalStateException("The control plane did not start", e);
                }
              },
              RunningControlPlane.class);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public String adminToken() {
    return adminToken;
  }

  /** The control plane's output so far, for failure messages. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The current topology as JSON, read with the admin token. */
  public JsonNode topology() throws Exception {
    return JSON.readTree(call("GET", "/api/v1/topology", "Bearer " + adminToken, null).body());
  }

  /** Health of one node as the control plane reports it. */
  public String health(String nodeId) throws Exception {
    for (JsonNode dc : topology().get("dataCenters")) {
      for (JsonNode node : dc.get("nodes")) {
        if (node.get("id").asText().equals(nodeId)) {
          return node.get("health").asText();
        }
      }
    }
    throw new IllegalArgumentException("No node " + nodeId);
  }

  public void killNode(String nodeId) throws Exception {
    expect(200, call("POST", "/api/v1/nodes/" + nodeId + "/kill", "Bearer " + adminToken, null));
  }

  public void startNode(String nodeId) throws Exception {
    expect(200, call("POST", "/api/v1/nodes/" + nodeId + "/start", "Bearer " + adminToken, null));
  }

  /** Waits until every node reports UP (after the previous test's kill, say). */
  public void awaitAllNodesUp(Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> topology().findValuesAsText("health").stream().allMatch("UP"::equals));
  }

  public String issueToken(String username, String password) throws Exception {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        call("POST", "/api/v1/tokens", basic, "{\"label\":\"system test\"}");
    expect(201, response);
    return JSON.readTree(response.body()).get("token").asText();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private void awaitHealthy() {
    try {
      await()
          .atMost(STARTUP_TIMEOUT)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException("The control plane exited:\n" + log());
                }
                try {
                  return call("GET", "/actuator/health", null, null).statusCode() == 200;
                } catch (IOException notListeningYet) {
                  return false;
                }
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "The control plane was not healthy within " + STARTUP_TIMEOUT + ":\n" + log(), e);
    }
  }

  private HttpResponse<String> call(String method, String path, String authorization, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new AssertionError(
          "Expected HTTP " + status + " but got " + response.statusCode() + ": " + response.body());
    }
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
