package io.switchboard.cli.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.api.auth.IssuedToken;
import io.switchboard.api.auth.TokenRequest;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.cli.output.CliJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake control plane on an ephemeral loopback port, speaking the {@code control-plane-api}
 * contract like the real one: {@code GET /api/v1/topology} requires a known bearer token, {@code
 * POST /api/v1/tokens} requires known HTTP Basic credentials and issues a token that {@code
 * topology} then accepts. Failures are RFC 7807 problem documents. Records what it received.
 */
public final class FakeControlPlane implements AutoCloseable {

  /** When every token this fake issues expires. */
  public static final Instant TOKEN_EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

  private final HttpServer server;
  private final ObjectMapper json = CliJson.newObjectMapper();
  private final TopologyView topology;
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final List<String> tokenLabels = new CopyOnWriteArrayList<>();
  private final List<String> topologyAuthorizations = new CopyOnWriteArrayList<>();
  private final AtomicReference<Problem> topologyFailure = new AtomicReference<>();
  private final AtomicInteger issuedTokens = new AtomicInteger();

  private record User(String password, String role) {}

  private record Problem(int status, String title, String detail) {}

  private FakeControlPlane(TopologyView topology) throws IOException {
    this.topology = topology;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/topology", this::topology);
    server.createContext("/api/v1/tokens", this::tokens);
    server.start();
  }

  /** Starts a fake serving {@code topology}. */
  public static FakeControlPlane serving(TopologyView topology) {
    try {
      return new FakeControlPlane(topology);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  /** Base URL, for example {@code http://127.0.0.1:41234}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Accepts {@code token} as a bearer token from now on; returns it. */
  public String acceptToken(String token) {
    validTokens.add(token);
    return token;
  }

  /** Lets {@code username} log in with {@code password}; tokens issued to it carry {@code role}. */
  public FakeControlPlane withUser(String username, String password, String role) {
    users.put(username, new User(password, role));
    return this;
  }

  /** Answers every later authorised topology request with this problem. */
  public void failTopology(int status, String title, String detail) {
    topologyFailure.set(new Problem(status, title, detail));
  }

  /** The labels of all token requests that were granted, in order. */
  public List<String> tokenLabels() {
    return List.copyOf(tokenLabels);
  }

  /** The {@code Authorization} header of every topology request, in order ("" when absent). */
  public List<String> topologyAuthorizations() {
    return List.copyOf(topologyAuthorizations);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void topology(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = header(exchange, "Authorization");
      topologyAuthorizations.add(authorization);
      if (!"GET".equals(exchange.getRequestMethod())) {
        sendProblem(exchange, new Problem(405, "Method Not Allowed", null));
      } else if (!authorization.startsWith("Bearer ")
          || !validTokens.contains(authorization.substring("Bearer ".length()))) {
        sendProblem(exchange, new Problem(401, "Unauthorized", "Bearer token missing or invalid"));
      } else if (topologyFailure.get() != null) {
        sendProblem(exchange, topologyFailure.get());
      } else {
        send(exchange, 200, "application/json", json.writeValueAsBytes(topology));
      }
    }
  }

  private void tokens(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String[] basic = basicCredentials(header(exchange, "Authorization"));
      User user = basic == null ? null : users.get(basic[0]);
      if (!"POST".equals(exchange.getRequestMethod())) {
        sendProblem(exchange, new Problem(405, "Method Not Allowed", null));
      } else if (user == null || !user.password().equals(basic[1])) {
        sendProblem(exchange, new Problem(401, "Unauthorized", "Bad credentials"));
      } else {
        tokenLabels.add(json.readValue(body, TokenRequest.class).label());
        String token = acceptToken("issued-token-" + issuedTokens.incrementAndGet());
        IssuedToken issued = new IssuedToken(token, basic[0], user.role(), TOKEN_EXPIRY);
        send(exchange, 201, "application/json", json.writeValueAsBytes(issued));
      }
    }
  }

  /** {@code [username, password]}, or {@code null} when the header is not HTTP Basic. */
  private static String[] basicCredentials(String authorization) {
    if (!authorization.startsWith("Basic ")) {
      return null;
    }
    String pair =
        new String(
            Base64.getDecoder().decode(authorization.substring("Basic ".length())),
            StandardCharsets.UTF_8);
    int colon = pair.indexOf(':');
    return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
  }

  private static String header(HttpExchange exchange, String name) {
    String value = exchange.getRequestHeaders().getFirst(name);
    return value == null ? "" : value;
  }

  private void sendProblem(HttpExchange exchange, Problem problem) throws IOException {
    Map<String, Object> document =
        problem.detail() == null
            ? Map.of("type", "about:blank", "title", problem.title(), "status", problem.status())
            : Map.of(
                "type",
                "about:blank",
                "title",
                problem.title(),
                "status",
                problem.status(),
                "detail",
                problem.detail());
    send(exchange, problem.status(), "application/problem+json", json.writeValueAsBytes(document));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
