package io.switchboard.benchmarks.failover;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.switchboard.api.auth.IssuedToken;
import io.switchboard.api.auth.TokenRequest;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The packaged control plane running as a child process on its embedded default cluster (4 DCs x 3
 * nodes, in its JVM), in a fresh data directory, on a free HTTP port and free node ports, with an
 * admin password of its own; and a client of its REST API acting as that admin.
 *
 * <p>{@link #start} returns once the process answers {@code /actuator/health} with 200 and has
 * issued a token. {@link #close()} stops it (SIGTERM, SIGKILL after {@value #STOP_SECONDS} s) and
 * is idempotent; a shutdown hook of this JVM kills it too, so it never outlives an interrupted run.
 * Its output goes to {@link #log()}; the data directory is left in place for inspection.
 */
final class ControlPlaneProcess implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final long STOP_SECONDS = 30;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Process process;
  private final Path log;
  private final String url;
  private final Thread killOnExit;
  private final HttpClient http = HttpClient.newHttpClient();
  private String authorization;

  private ControlPlaneProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.url = "http://127.0.0.1:" + port;
    this.killOnExit = new Thread(process::destroyForcibly, "control-plane-kill-on-exit");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * Starts {@code jar} with {@code arguments} (Spring properties, {@code --name=value}) added to
   * the port settings, and waits until it is healthy and has issued an admin token.
   *
   * @param dataDir fresh directory for its database, node files and log
   * @throws IOException when it cannot start, exits, or is not healthy within {@link
   *     #STARTUP_TIMEOUT}; the message ends with its last output
   */
  static ControlPlaneProcess start(Path jar, Path dataDir, List<String> arguments)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(
          jar.toAbsolutePath()
              + " is missing: build it with ./mvnw -B -pl control-plane -am"
              + " package -DskipTests");
    }
    int port = freePort();
    String password = UUID.randomUUID().toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--switchboard.embedded.gateway-base-port=0",
                "--switchboard.embedded.admin-base-port=0",
                "--switchboard.embedded.peer-base-port=0"));
    command.addAll(arguments);
    Path log = dataDir.resolve("control-plane.log");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("SWITCHBOARD_DATA_DIR", dataDir.resolve("var").toString());
    builder.environment().put("SWITCHBOARD_ADMIN_PASSWORD", password);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    ControlPlaneProcess controlPlane = new ControlPlaneProcess(builder.start(), log, port);
    try {
      controlPlane.awaitHealthy();
      controlPlane.authorization = "Bearer " + controlPlane.issueToken(password);
      return controlPlane;
    } catch (IOException | InterruptedException | RuntimeException e) {
      controlPlane.close();
      throw e;
    }
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  /** GET {@code path} as the admin; the body as {@code type}, or null on 404. */
  <T> T get(String path, Class<T> type) throws IOException, InterruptedException {
    HttpResponse<String> response = call("GET", path, authorization, null);
    if (response.statusCode() == 404) {
      return null;
    }
    expect(200, response);
    return JSON.readValue(response.body(), type);
  }

  /** POST {@code body} as JSON to {@code path} as the admin: the answer, whatever its status. */
  HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
    return call("POST", path, authorization, JSON.writeValueAsString(body));
  }

  /** Reads a response body as {@code type}. */
  static <T> T read(HttpResponse<String> response, Class<T> type) throws IOException {
    return JSON.readValue(response.body(), type);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private void awaitHealthy() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("the control plane exited:\n" + tail());
      }
      try {
        if (call("GET", "/actuator/health", null, null).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // starting
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IOException(
            "the control plane was not healthy within " + STARTUP_TIMEOUT + ":\n" + tail());
      }
      Thread.sleep(250);
    }
  }

  private String issueToken(String password) throws IOException, InterruptedException {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        call(
            "POST",
            "/api/v1/tokens",
            basic,
            JSON.writeValueAsString(new TokenRequest("repeated drills benchmark")));
    expect(201, response);
    return read(response, IssuedToken.class).token();
  }

  private HttpResponse<String> call(String method, String path, String auth, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(CALL_TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      request.header("Authorization", auth);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(int status, HttpResponse<String> response) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(
          response.request().method()
              + " "
              + response.uri().getPath()
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
  }

  /** The last lines of its output, for an error message. */
  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
