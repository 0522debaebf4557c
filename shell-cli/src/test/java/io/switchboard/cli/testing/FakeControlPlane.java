package io.switchboard.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.api.audit.AuditEventView;
import io.switchboard.api.auth.IssuedToken;
import io.switchboard.api.auth.TokenRequest;
import io.switchboard.api.dcfailover.DcFailoverReportView;
import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.operation.OperationView.StepView;
import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardMapView.ShardSummary;
import io.switchboard.api.shard.ShardView;
import io.switchboard.api.shard.ShardView.HistoryEntry;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.cli.output.CliJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A fake control plane on an ephemeral loopback port, speaking the {@code control-plane-api}
 * contract like the real one: {@code GET /api/v1/topology} requires a known bearer token, {@code
 * POST /api/v1/tokens} requires known HTTP Basic credentials and issues a token that {@code
 * topology} then accepts. Failures are RFC 7807 problem documents. Records what it received.
 *
 * <p>Operations ({@code /api/v1/operations}, bearer token required): {@code SHARD_SWITCHOVER} is
 * planned like the real planner (shard 0 to 1023, primary {@value #SWITCHOVER_FROM}, followers
 * {@value #SWITCHOVER_DEFAULT_TARGET} and {@code americas-3}, epoch {@value #SWITCHOVER_EPOCH}; a
 * dry run stores nothing). A created switchover runs, and every {@code GET} of it advances it by
 * one step: the running step finishes (or fails, see {@link #failSwitchoversAt}) and the next one
 * runs; after the last it has SUCCEEDED. Cancel and approve follow the real state rules and answer
 * 409 problems with the real wording otherwise; unknown ids are 404.
 *
 * <p>{@code NODE_DRAIN} and {@code NODE_RESTART} are planned from the served topology and shard map
 * like the real drain planner (see {@link #planOnNode}); their steps advance like a switchover's.
 *
 * <p>Shards ({@code /api/v1/shards}, bearer token required): the map of {@link ShardMaps} (see
 * {@link #withShardMap}); one shard's replicas from {@link ShardMaps#replicas} and its history from
 * the stored operations whose {@code shard} parameter names it, newest first; shards outside 0 to
 * 1023 are the real 404 problem. Audit ({@code /api/v1/audit}, bearer token required): the events
 * of {@link AuditEvents} newest first, filtered by exact {@code actor} and {@code action}, at most
 * {@code limit} (default 100); {@code /export} is their CSV, oldest first, as {@code text/csv}.
 *
 * <p>{@code DRILL} is planned like the real drill planner ({@link #planDrill}: by {@code node} or
 * by {@code shard}, whose primary it drills; {@code dc} is the real 400 problem) with the steps
 * {@link #DRILL_STEPS}, or {@link #PARTITION_DRILL_STEPS} for {@code fault=partition}, which
 * advance like a switchover's. When a created drill's {@code report} step runs, the drill's report
 * ({@link DrillReports#report}) is stored: passed, or with 3 lost writes when the drill fails at
 * {@code report} ({@link #failOperationsAt}). Drill reports ({@code /api/v1/drills}, bearer token
 * required): newest first, at most {@code limit} (default 50); one by its id, else the real 404
 * problem.
 *
 * <p>{@code DC_FAILOVER} and {@code DC_SWITCHBACK} are planned and run like the real ones by {@link
 * FakeDcFailovers}, which also serves the gateway directory ({@code GET /api/v1/gateways}, no token
 * needed) and the DC failover reports ({@code GET /api/v1/dc-failovers/{id}}, bearer token
 * required; an unknown id is the real 404 problem). A failover records its report ({@link
 * DcFailoverReports#report}) when its {@code assess-risk} step runs.
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
  private final Map<String, OperationView> operations = new LinkedHashMap<>();
  private final List<String> operationRequests = new CopyOnWriteArrayList<>();
  private final AtomicReference<String[]> switchoverFailure = new AtomicReference<>();
  private volatile boolean switchoverApprovalRequired;
  private final AtomicReference<ShardMapView> shardMap = new AtomicReference<>(ShardMaps.map());
  private final List<AuditEventView> auditEvents =
      new CopyOnWriteArrayList<>(AuditEvents.oldestFirst());
  private final List<String> readRequests = new CopyOnWriteArrayList<>();
  private final Map<String, DrillReportView> drillReports = new ConcurrentHashMap<>();
  private final FakeDcFailovers dcFailovers;

  /** The primary of every shard in this fake. */
  public static final String SWITCHOVER_FROM = "americas-1";

  /** The first follower of every shard, promoted when no target is given. */
  public static final String SWITCHOVER_DEFAULT_TARGET = "americas-2";

  /** The epoch every switchover plan fixes. */
  public static final String SWITCHOVER_EPOCH = "5";

  /** The requester of operations created through this fake. */
  public static final String REQUESTER = "operator";

  /** The type of a node drain. */
  public static final String NODE_DRAIN = "NODE_DRAIN";

  /** The type of a node restart. */
  public static final String NODE_RESTART = "NODE_RESTART";

  /** The name of a drain's (and a restart's) step that moves shard N: this prefix, then N. */
  public static final String DRAIN_STEP_PREFIX = "switch-shard-";

  /** The steps of a switchover, in order. */
  public static final List<String> SWITCHOVER_STEPS =
      List.of("catch-up", "fence", "promote", "publish");

  /** The type of a failover drill. */
  public static final String DRILL = "DRILL";

  /** The steps of a drill, in order. */
  public static final List<String> DRILL_STEPS =
      List.of("start-traffic", "inject-fault", "await-failover", "verify", "restore", "report");

  /** The steps of a drill with {@code fault=partition}, in order. */
  public static final List<String> PARTITION_DRILL_STEPS =
      List.of(
          "start-traffic",
          "inject-fault",
          "await-failover",
          "write-old-primary",
          "verify",
          "restore",
          "report");

  /** How many acknowledged writes a drill that fails at its {@code report} step lost. */
  public static final long FAILED_DRILL_LOST = 3;

  private static final Instant OPERATIONS_EPOCH = Instant.parse("2025-03-01T12:00:00Z");

  private record User(String password, String role) {}

  /** An RFC 7807 problem to answer with. */
  record Problem(int status, String title, String detail) {}

  private FakeControlPlane(TopologyView topology) throws IOException {
    this.topology = topology;
    this.dcFailovers = new FakeDcFailovers(topology);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/topology", this::topology);
    server.createContext("/api/v1/tokens", this::tokens);
    server.createContext("/api/v1/operations", this::operations);
    server.createContext("/api/v1/shards", this::shards);
    server.createContext("/api/v1/audit", this::audit);
    server.createContext("/api/v1/drills", this::drills);
    server.createContext("/api/v1/gateways", this::gateways);
    server.createContext("/api/v1/dc-failovers", this::dcFailoverReports);
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

  /** Stores {@code operation} as if it had been created earlier; it does not advance on GET. */
  public FakeControlPlane withOperation(OperationView operation) {
    synchronized (operations) {
      operations.put(operation.id(), operation);
    }
    return this;
  }

  /** Switchovers created from now on fail at {@code step}, with {@code detail} as the reason. */
  public void failSwitchoversAt(String step, String detail) {
    failOperationsAt(step, detail);
  }

  /**
   * Operations of any type fail from now on at their step named {@code step} (for example {@code
   * switch-shard-0} of a node drain), with {@code detail} as the reason.
   */
  public void failOperationsAt(String step, String detail) {
    switchoverFailure.set(new String[] {step, detail});
  }

  /** Switchovers created from now on wait in PLANNED for a second person's approval. */
  public void requireApprovalForSwitchovers() {
    switchoverApprovalRequired = true;
  }

  /**
   * Every operations request received, in order: {@code "METHOD /path?query"} plus the body as
   * compact JSON ({@code {"type":"SHARD_SWITCHOVER",...,"dryRun":true}}), its {@code parameters}
   * sorted by name ({@link OperationRequest} copies them into a map without an order, so the client
   * sends them in any order).
   */
  public List<String> operationRequests() {
    return List.copyOf(operationRequests);
  }

  /** The operations stored now, oldest first. */
  public List<OperationView> operations() {
    synchronized (operations) {
      return List.copyOf(operations.values());
    }
  }

  /** One stored operation as it is now. */
  public OperationView operation(String id) {
    synchronized (operations) {
      return operations.get(id);
    }
  }

  /** Serves {@code map} as the newest shard map from now on. */
  public FakeControlPlane withShardMap(ShardMapView map) {
    shardMap.set(map);
    return this;
  }

  /** Stores {@code report} as if a drill had stored it earlier. */
  public FakeControlPlane withDrillReport(DrillReportView report) {
    drillReports.put(report.id(), report);
    return this;
  }

  /** The drill reports stored now, newest first. */
  public List<DrillReportView> drillReports() {
    return drillReports.values().stream()
        .sorted(Comparator.comparing(DrillReportView::startedAt).reversed())
        .toList();
  }

  /** Stores {@code report} as if a DC failover had recorded it earlier. */
  public FakeControlPlane withDcFailoverReport(DcFailoverReportView report) {
    dcFailovers.store(report);
    return this;
  }

  /** The report DC failover {@code id} recorded, or {@code null}. */
  public DcFailoverReportView dcFailoverReport(String id) {
    return dcFailovers.report(id);
  }

  /**
   * Removes {@code dc} from the gateway directory as if DC failover {@code by} had removed it at
   * {@code at} for {@code reason}.
   */
  public FakeControlPlane withDataCentreRemoved(String dc, String by, Instant at, String reason) {
    dcFailovers.remove(dc, by, at, reason);
    return this;
  }

  /** Serves {@code events} (oldest first) as the audit log from now on. */
  public FakeControlPlane withAuditEvents(List<AuditEventView> events) {
    auditEvents.clear();
    auditEvents.addAll(events);
    return this;
  }

  /**
   * Every shards, audit, drills, gateways and dc-failovers request received, in order: {@code
   * "METHOD /path?query"} (the query as sent, still encoded).
   */
  public List<String> readRequests() {
    return List.copyOf(readRequests);
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

  private void operations(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      String path = uri.getPath().replaceAll("/+$", "");
      byte[] body = exchange.getRequestBody().readAllBytes();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      operationRequests.add(
          method
              + " "
              + path
              + query
              + (body.length == 0 ? "" : " " + withSortedParameters(json.readTree(body))));
      String authorization = header(exchange, "Authorization");
      if (!authorization.startsWith("Bearer ")
          || !validTokens.contains(authorization.substring("Bearer ".length()))) {
        sendProblem(exchange, new Problem(401, "Unauthorized", "Bearer token missing or invalid"));
        return;
      }
      String[] segments = path.substring("/api/v1/operations".length()).split("/");
      // "" -> collection, ["", id] -> one, ["", id, action] -> action
      Object answer;
      int status = 200; // the real control plane answers 200 to create as well
      synchronized (operations) {
        if (segments.length <= 1 && "GET".equals(method)) {
          answer = list(uri.getRawQuery());
        } else if (segments.length <= 1 && "POST".equals(method)) {
          OperationRequest request = json.readValue(body, OperationRequest.class);
          Object planned = plan(request);
          if (planned instanceof Problem problem) {
            sendProblem(exchange, problem);
            return;
          }
          OperationView operation = (OperationView) planned;
          if (!request.dryRun()) {
            operations.put(operation.id(), operation);
          }
          answer = operation;
        } else if (!operations.containsKey(segments[1])) {
          sendProblem(
              exchange,
              new Problem(
                  404,
                  "Unknown operation",
                  "no operation "
                      + segments[1]
                      + ". List the operations with GET /api/v1/operations."));
          return;
        } else if (segments.length == 2 && "GET".equals(method)) {
          answer = advance(segments[1]);
        } else if (segments.length == 3 && "POST".equals(method)) {
          Object result = act(segments[1], segments[2]);
          if (result instanceof Problem problem) {
            sendProblem(exchange, problem);
            return;
          }
          answer = result;
        } else {
          sendProblem(exchange, new Problem(405, "Method Not Allowed", null));
          return;
        }
      }
      send(exchange, status, "application/json", json.writeValueAsBytes(answer));
    }
  }

  private void shards(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorisedRead(exchange)) {
        return;
      }
      String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
      String rest = path.substring("/api/v1/shards".length());
      if (rest.isEmpty()) {
        send(exchange, 200, "application/json", json.writeValueAsBytes(shardMap.get()));
        return;
      }
      int shard;
      try {
        shard = Integer.parseInt(rest.substring(1));
      } catch (NumberFormatException notANumber) {
        sendProblem(
            exchange,
            new Problem(
                400, "Bad Request", "Failed to convert 'shard' with value: '" + rest + "'"));
        return;
      }
      if (shard < 0 || shard > 1023) {
        sendProblem(
            exchange,
            new Problem(
                404, "Unknown shard", "There is no shard " + shard + ": shards are 0 to 1023."));
        return;
      }
      ShardSummary summary =
          shardMap.get().shards().stream()
              .filter(candidate -> candidate.shard() == shard)
              .findFirst()
              .orElseGet(() -> ShardMaps.summary(shard));
      ShardView view = new ShardView(summary, ShardMaps.replicas(summary), history(shard));
      send(exchange, 200, "application/json", json.writeValueAsBytes(view));
    }
  }

  /** The stored operations on {@code shard}, newest first. */
  private List<HistoryEntry> history(int shard) {
    List<HistoryEntry> history = new ArrayList<>();
    synchronized (operations) {
      for (OperationView operation : operations.values()) {
        if (Integer.toString(shard).equals(operation.parameters().get("shard"))) {
          history.add(
              0,
              new HistoryEntry(
                  operation.id(),
                  operation.title(),
                  operation.state(),
                  operation.createdAt(),
                  operation.updatedAt()));
        }
      }
    }
    return history;
  }

  private void audit(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorisedRead(exchange)) {
        return;
      }
      String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
      if (path.equals("/api/v1/audit/export")) {
        send(
            exchange,
            200,
            "text/csv;charset=UTF-8",
            AuditEvents.csv(auditEvents).getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!path.equals("/api/v1/audit")) {
        sendProblem(exchange, new Problem(404, "Not Found", null));
        return;
      }
      Map<String, String> query = queryParameters(exchange.getRequestURI().getRawQuery());
      int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
      List<AuditEventView> newestFirst = new ArrayList<>(auditEvents);
      java.util.Collections.reverse(newestFirst);
      List<AuditEventView> events =
          newestFirst.stream()
              .filter(
                  event -> !query.containsKey("actor") || query.get("actor").equals(event.actor()))
              .filter(
                  event ->
                      !query.containsKey("action") || query.get("action").equals(event.action()))
              .limit(limit)
              .toList();
      send(exchange, 200, "application/json", json.writeValueAsBytes(events));
    }
  }

  private void drills(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorisedRead(exchange)) {
        return;
      }
      String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
      if (path.equals("/api/v1/drills")) {
        Map<String, String> query = queryParameters(exchange.getRequestURI().getRawQuery());
        int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
        List<DrillReportView> reports =
            drillReports().stream().limit(Math.max(1, Math.min(limit, 500))).toList();
        send(exchange, 200, "application/json", json.writeValueAsBytes(reports));
        return;
      }
      String id = path.substring("/api/v1/drills/".length());
      DrillReportView report = drillReports.get(id);
      if (report == null) {
        sendProblem(
            exchange,
            new Problem(
                404,
                "Unknown drill",
                "no drill report for operation " + id + " (a drill stores it when it ends)"));
        return;
      }
      send(exchange, 200, "application/json", json.writeValueAsBytes(report));
    }
  }

  private void gateways(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      readRequests.add(exchange.getRequestMethod() + " " + uri.getRawPath() + query);
      if (!"GET".equals(exchange.getRequestMethod())) {
        sendProblem(exchange, new Problem(405, "Method Not Allowed", null));
        return;
      }
      Object directory = dcFailovers.directory(queryParameters(uri.getRawQuery()).get("home"));
      if (directory instanceof Problem problem) {
        sendProblem(exchange, problem);
        return;
      }
      send(exchange, 200, "application/json", json.writeValueAsBytes(directory));
    }
  }

  private void dcFailoverReports(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorisedRead(exchange)) {
        return;
      }
      String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
      String id = path.substring(Math.min(path.length(), "/api/v1/dc-failovers/".length()));
      DcFailoverReportView report = dcFailovers.report(id);
      if (report == null) {
        sendProblem(
            exchange,
            new Problem(
                404,
                "Unknown DC failover",
                "no DC failover report for operation "
                    + id
                    + " (a DC failover records it at its assess-risk step)"));
        return;
      }
      send(exchange, 200, "application/json", json.writeValueAsBytes(report));
    }
  }

  /**
   * Records a GET of shards, audit or drills; answers 405 to any other method and 401 without a
   * known bearer token.
   *
   * @return whether the request may be answered
   */
  private boolean authorisedRead(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    readRequests.add(exchange.getRequestMethod() + " " + uri.getRawPath() + query);
    String authorization = header(exchange, "Authorization");
    if (!"GET".equals(exchange.getRequestMethod())) {
      sendProblem(exchange, new Problem(405, "Method Not Allowed", null));
      return false;
    }
    if (!authorization.startsWith("Bearer ")
        || !validTokens.contains(authorization.substring("Bearer ".length()))) {
      sendProblem(exchange, new Problem(401, "Unauthorized", "Bearer token missing or invalid"));
      return false;
    }
    return true;
  }

  /** {@code body} as compact JSON, the fields of its {@code parameters} object sorted by name. */
  private static String withSortedParameters(JsonNode body) {
    if (body instanceof ObjectNode request
        && request.get("parameters") instanceof ObjectNode given) {
      ObjectNode sorted = request.objectNode();
      Iterable<String> names = () -> given.fieldNames();
      StreamSupport.stream(names.spliterator(), false)
          .sorted()
          .forEach(name -> sorted.set(name, given.get(name)));
      request.set("parameters", sorted);
    }
    return body.toString();
  }

  private static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private List<OperationView> list(String query) {
    int limit = 50;
    if (query != null && query.startsWith("limit=")) {
      limit = Integer.parseInt(query.substring("limit=".length()));
    }
    List<OperationView> newestFirst = new ArrayList<>(operations.values());
    java.util.Collections.reverse(newestFirst);
    return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
  }

  /** The planned operation, or the problem the real planner would answer. */
  private Object plan(OperationRequest request) {
    if (NODE_DRAIN.equals(request.type()) || NODE_RESTART.equals(request.type())) {
      return planOnNode(request);
    }
    if (DRILL.equals(request.type())) {
      return planDrill(request);
    }
    if (FakeDcFailovers.TYPES.contains(request.type())) {
      Object plan = dcFailovers.plan(request);
      if (plan instanceof FakeDcFailovers.Plan dc) {
        return planned(
            request,
            dc.title(),
            dc.parameters(),
            dc.steps(),
            dc.descriptions(),
            dc.resources(),
            false);
      }
      return plan;
    }
    if (!"SHARD_SWITCHOVER".equals(request.type())) {
      return new Problem(
          400, "Invalid operation", request.type() + " operations are not available yet");
    }
    String shard = request.parameters().get("shard");
    try {
      int number = Integer.parseInt(shard == null ? "" : shard.trim());
      if (number < 0 || number > 1023) {
        throw new NumberFormatException(shard);
      }
    } catch (NumberFormatException notAShard) {
      return new Problem(
          400, "Invalid operation", "'" + shard + "' is not a shard: shards are 0 to 1023");
    }
    String target = request.parameters().getOrDefault("target", SWITCHOVER_DEFAULT_TARGET);
    if (!List.of(SWITCHOVER_DEFAULT_TARGET, "americas-3").contains(target)) {
      return new Problem(
          400,
          "Invalid operation",
          target
              + " is not an in-DC follower of shard "
              + shard
              + "; its followers are americas-2, americas-3");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("shard", shard);
    parameters.put("from", SWITCHOVER_FROM);
    parameters.put("target", target);
    parameters.put("epoch", SWITCHOVER_EPOCH);
    List<String> descriptions =
        List.of(
            "Wait until " + target + " holds every entry " + SWITCHOVER_FROM + " committed",
            "Fence the voters of shard " + shard + " at epoch " + SWITCHOVER_EPOCH,
            "Promote " + target + " to primary of shard " + shard + " at " + SWITCHOVER_EPOCH,
            "Publish the shard map with " + target + " as the primary");
    return planned(
        request,
        "Switch shard " + shard + " from " + SWITCHOVER_FROM + " to " + target,
        parameters,
        SWITCHOVER_STEPS,
        descriptions,
        List.of("node:" + SWITCHOVER_FROM, "node:" + target, "shard:" + shard),
        switchoverApprovalRequired);
  }

  /**
   * A planned {@code NODE_DRAIN} like the real planner's (one {@code switch-shard-N} step per shard
   * the node leads, to its running in-DC followers in turn, at the next epoch; parameters {@code
   * node}, {@code shard.N.target}, {@code shard.N.epoch}, {@code unmovable}), or {@code
   * NODE_RESTART}: the same switchovers, then {@code stop-node}, {@code start-node} and {@code
   * await-rejoin}, as the control plane plans them. Nodes come from the served topology, shards
   * from the served map; the problems are the real planner's.
   */
  private Object planOnNode(OperationRequest request) {
    boolean drain = NODE_DRAIN.equals(request.type());
    String label = drain ? "a node drain" : "a node restart";
    String node = request.parameters().get("node");
    List<NodeView> nodes = topology.nodes().toList();
    if (node == null || node.isBlank()) {
      return new Problem(400, "Invalid operation", label + " needs the parameter 'node'");
    }
    NodeView view = nodes.stream().filter(n -> n.id().equals(node)).findFirst().orElse(null);
    if (view == null) {
      return new Problem(
          400,
          "Invalid operation",
          "there is no node '"
              + node
              + "'; the nodes are "
              + String.join(", ", nodes.stream().map(NodeView::id).toList()));
    }
    if (view.health() == NodeHealth.DOWN) {
      return new Problem(
          400,
          "Invalid operation",
          node + " is down: its shards need a failover, not a " + (drain ? "drain" : "restart"));
    }
    Set<String> running =
        nodes.stream()
            .filter(n -> n.health() != NodeHealth.DOWN)
            .map(NodeView::id)
            .collect(Collectors.toSet());
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("node", node);
    List<String> names = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    List<String> resources = new ArrayList<>(List.of("node:" + node));
    List<String> unmovable = new ArrayList<>();
    int turn = 0;
    for (ShardSummary shard : shardMap.get().shards()) {
      if (!node.equals(shard.primary())) {
        continue;
      }
      List<String> candidates = shard.followers().stream().filter(running::contains).toList();
      if (candidates.isEmpty()) {
        unmovable.add(Integer.toString(shard.shard()));
        continue;
      }
      String target = candidates.get(turn++ % candidates.size());
      long epoch = shard.epoch() + 1;
      parameters.put("shard." + shard.shard() + ".target", target);
      parameters.put("shard." + shard.shard() + ".epoch", Long.toString(epoch));
      names.add(DRAIN_STEP_PREFIX + shard.shard());
      descriptions.add(
          "Switch shard " + shard.shard() + " from " + node + " to " + target + " at " + epoch);
      resources.add("shard:" + shard.shard());
    }
    if (drain && names.isEmpty()) {
      return new Problem(
          400,
          "Invalid operation",
          node
              + " leads no shard that can move"
              + (unmovable.isEmpty() ? "" : " (single-replica shards: " + unmovable + ")"));
    }
    if (!unmovable.isEmpty()) {
      parameters.put("unmovable", String.join(",", unmovable));
    }
    if (!drain) {
      names.addAll(List.of("stop-node", "start-node", "await-rejoin"));
      descriptions.add("Stop " + node + " gracefully");
      descriptions.add("Start " + node + " on its data directory");
      descriptions.add("Wait until " + node + " serves the newest map and has caught up");
    }
    String title =
        drain
            ? "Drain " + node + ": move its primaries to its DC's other nodes"
            : "Restart " + node + ": move its primaries away, restart it, wait until it caught up";
    return planned(request, title, parameters, names, descriptions, resources, false);
  }

  /**
   * A planned {@code DRILL} like the real drill planner's: of {@code node}, or of the primary of
   * {@code shard} in the served map (parameters {@code node}, when given {@code shard}, and when
   * given {@code fault}: {@code kill}, or {@code partition} with the partition drill's title and
   * steps); a {@code dc}, a {@code fault} of another value, an unknown or down node, or a node that
   * leads no replicated shard are the real planner's 400 problems.
   */
  private Object planDrill(OperationRequest request) {
    Map<String, String> requested = request.parameters();
    if (requested.containsKey("dc")) {
      return new Problem(
          400,
          "Invalid operation",
          "drills of a whole data centre need DC failover, which is not available yet;"
              + " drill its nodes one by one ('node') instead");
    }
    String node = requested.get("node");
    String shard = requested.get("shard");
    String fault = requested.get("fault");
    if (fault != null && !fault.equals("kill") && !fault.equals("partition")) {
      return new Problem(
          400, "Invalid operation", "'fault' is one of kill, partition, not '" + fault + "'");
    }
    boolean partition = "partition".equals(fault);
    if ((node == null) == (shard == null)) {
      return new Problem(
          400, "Invalid operation", "a drill needs exactly one of 'node' and 'shard'");
    }
    if (shard != null) {
      int number;
      try {
        number = Integer.parseInt(shard);
      } catch (NumberFormatException notANumber) {
        return new Problem(400, "Invalid operation", "'shard' must be a shard number: " + shard);
      }
      if (number < 0 || number > 1023) {
        return new Problem(
            400, "Invalid operation", "there is no shard " + number + "; the shards are 0 to 1023");
      }
      node = shardSummary(number).primary();
    }
    String drilled = node;
    List<NodeView> nodes = topology.nodes().toList();
    NodeView view = nodes.stream().filter(n -> n.id().equals(drilled)).findFirst().orElse(null);
    if (view == null) {
      return new Problem(
          400,
          "Invalid operation",
          "there is no node '"
              + node
              + "'; the nodes are "
              + String.join(", ", nodes.stream().map(NodeView::id).toList()));
    }
    if (view.health() == NodeHealth.DOWN) {
      return new Problem(400, "Invalid operation", node + " is down already: nothing to drill");
    }
    if (ledShards(node).isEmpty()) {
      return new Problem(
          400, "Invalid operation", node + " leads no replicated shard: nothing fails over");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("node", node);
    if (shard != null) {
      parameters.put("shard", shard);
    }
    if (fault != null) {
      parameters.put("fault", fault);
    }
    List<String> descriptions = new ArrayList<>();
    descriptions.add("Write to shards " + node + " leads as synthetic users, and check");
    descriptions.add(
        partition
            ? "Cut " + node + " off its cluster network for 20 s; its process runs on"
            : "Kill " + node + " abruptly");
    descriptions.add("Wait for the automatic failover and the first successful write");
    if (partition) {
      descriptions.add(
          "Write through " + node + "'s own gateway: the old primary must not acknowledge");
    }
    descriptions.add("Stop the traffic; read every acknowledged write back");
    descriptions.add(
        partition
            ? "Wait for the partition to heal; check "
                + node
                + " follows at a new epoch and the old primary's write is gone"
            : "Start " + node + " again; check its old epoch is fenced");
    descriptions.add("Compare with the objectives; store the report");
    return planned(
        request,
        (partition ? "Partition drill of " : "Failover drill of ") + node,
        parameters,
        partition ? PARTITION_DRILL_STEPS : DRILL_STEPS,
        descriptions,
        List.of("drill:" + node),
        false);
  }

  /** The shard of the served map (else its default replica set). */
  private ShardSummary shardSummary(int shard) {
    return shardMap.get().shards().stream()
        .filter(candidate -> candidate.shard() == shard)
        .findFirst()
        .orElseGet(() -> ShardMaps.summary(shard));
  }

  /** The shards of the served map {@code node} leads that have followers. */
  private List<Integer> ledShards(String node) {
    return shardMap.get().shards().stream()
        .filter(shard -> node.equals(shard.primary()) && !shard.followers().isEmpty())
        .map(ShardSummary::shard)
        .toList();
  }

  /**
   * Stores the report of {@code drill}, whose {@code report} step runs now: passed, or with {@value
   * #FAILED_DRILL_LOST} lost writes when {@code failed}.
   */
  private void storeDrillReport(OperationView drill, boolean failed) {
    String node = drill.parameters().get("node");
    drillReports.put(
        drill.id(),
        DrillReports.report(
            drill.id(),
            node,
            ledShards(node),
            drill.createdAt().plusMillis(800),
            failed ? FAILED_DRILL_LOST : 0));
  }

  /**
   * The operation the request plans: a dry run (no id, PLANNED), stored PLANNED when it needs
   * approval, else RUNNING its first step.
   */
  private OperationView planned(
      OperationRequest request,
      String title,
      Map<String, String> parameters,
      List<String> stepNames,
      List<String> descriptions,
      List<String> resources,
      boolean approvalRequired) {
    boolean start = !request.dryRun() && !approvalRequired;
    Instant now = OPERATIONS_EPOCH.plusSeconds(operations.size() * 60L);
    List<StepView> steps = new ArrayList<>();
    for (int index = 0; index < stepNames.size(); index++) {
      boolean running = start && index == 0;
      steps.add(
          new StepView(
              stepNames.get(index),
              descriptions.get(index),
              running ? "RUNNING" : "PENDING",
              null,
              running ? now : null,
              null));
    }
    String id =
        request.dryRun()
            ? null
            : "%08d-0000-4000-8000-000000000000".formatted(operations.size() + 1);
    return new OperationView(
        id,
        request.type(),
        title,
        REQUESTER,
        parameters,
        start ? "RUNNING" : "PLANNED",
        approvalRequired,
        null,
        false,
        null,
        resources,
        steps,
        now,
        now);
  }

  /** The operation after one more step of progress, when it runs (and was created here). */
  private OperationView advance(String id) {
    OperationView operation = operations.get(id);
    if (!"RUNNING".equals(operation.state())) {
      return operation;
    }
    List<StepView> steps = new ArrayList<>(operation.steps());
    int running = indexOf(steps, "RUNNING");
    if (running < 0) {
      return operation;
    }
    Instant now = operation.updatedAt().plusMillis(400);
    StepView step = steps.get(running);
    String[] failure = switchoverFailure.get();
    String state = "RUNNING";
    String failureText = null;
    boolean fails = failure != null && failure[0].equals(step.name());
    if (DRILL.equals(operation.type()) && step.name().equals("report")) {
      storeDrillReport(operation, fails);
    }
    if (fails) {
      steps.set(running, finish(step, "FAILED", failure[1], now));
      for (int later = running + 1; later < steps.size(); later++) {
        steps.set(later, finish(steps.get(later), "SKIPPED", null, null));
      }
      state = "FAILED";
      failureText = step.name() + " failed: " + failure[1];
    } else {
      String detail =
          FakeDcFailovers.TYPES.contains(operation.type())
              ? dcFailovers.succeed(operation, step.name(), now)
              : detailOf(step.name(), operation);
      steps.set(running, finish(step, "SUCCEEDED", detail, now));
      if (running + 1 < steps.size()) {
        StepView next = steps.get(running + 1);
        steps.set(
            running + 1, new StepView(next.name(), next.description(), "RUNNING", null, now, null));
      } else {
        state = "SUCCEEDED";
      }
    }
    OperationView advanced = with(operation, state, failureText, steps, now);
    operations.put(id, advanced);
    return advanced;
  }

  private Object act(String id, String action) {
    OperationView operation = operations.get(id);
    String state = operation.state();
    boolean finished = List.of("SUCCEEDED", "FAILED", "CANCELLED", "ROLLED_BACK").contains(state);
    Instant now = operation.updatedAt().plusMillis(100);
    switch (action) {
      case "cancel" -> {
        if (finished) {
          return new Problem(
              409,
              "Not possible in the operation's state",
              "operation " + id + " is " + state + ": a finished operation cannot be cancelled");
        }
        List<StepView> steps = new ArrayList<>();
        for (StepView step : operation.steps()) {
          steps.add("PENDING".equals(step.state()) ? finish(step, "SKIPPED", null, null) : step);
        }
        OperationView cancelled = with(operation, "CANCELLED", null, steps, now);
        operations.put(id, cancelled);
        return cancelled;
      }
      case "approve" -> {
        if (!"PLANNED".equals(state) || !operation.approvalRequired()) {
          return new Problem(
              409,
              "Not possible in the operation's state",
              "operation " + id + " is " + state + ": only a planned operation can be approved");
        }
        List<StepView> steps = new ArrayList<>(operation.steps());
        StepView first = steps.get(0);
        steps.set(0, new StepView(first.name(), first.description(), "RUNNING", null, now, null));
        OperationView approved =
            new OperationView(
                operation.id(),
                operation.type(),
                operation.title(),
                operation.requester(),
                operation.parameters(),
                "RUNNING",
                true,
                "admin",
                false,
                null,
                operation.resources(),
                steps,
                operation.createdAt(),
                now);
        operations.put(id, approved);
        return approved;
      }
      default -> {
        return new Problem(404, "Not Found", "no such action: " + action);
      }
    }
  }

  private static String detailOf(String step, OperationView operation) {
    Map<String, String> parameters = operation.parameters();
    if (step.startsWith(DRAIN_STEP_PREFIX)) {
      String shard = step.substring(DRAIN_STEP_PREFIX.length());
      return "shard "
          + shard
          + ": "
          + parameters.get("shard." + shard + ".target")
          + " is the primary at epoch "
          + parameters.get("shard." + shard + ".epoch");
    }
    if (step.equals("stop-node")) {
      return parameters.get("node") + " stopped";
    }
    if (step.equals("start-node")) {
      return parameters.get("node") + " started";
    }
    if (step.equals("await-rejoin")) {
      return parameters.get("node") + " serves map version 12; its 4 replicas caught up";
    }
    if (DRILL.equals(operation.type())) {
      return drillDetailOf(step, operation);
    }
    String target = parameters.get("target");
    String epoch = parameters.get("epoch");
    return switch (step) {
      case "catch-up" -> target + " holds every committed entry (up to index 42)";
      case "fence" -> "fenced at epoch " + epoch + ": " + SWITCHOVER_FROM + " stopped committing";
      case "promote" -> target + " is the primary at epoch " + epoch;
      default -> "shard map version 8 published";
    };
  }

  private static String drillDetailOf(String step, OperationView drill) {
    String node = drill.parameters().get("node");
    boolean partition = "partition".equals(drill.parameters().get("fault"));
    return switch (step) {
      case "start-traffic" -> "4 synthetic users write to the shards " + node + " leads";
      case "inject-fault" -> partition ? node + " cut off its cluster network" : node + " killed";
      case "write-old-primary" -> "the write through " + node + "'s gateway was not acknowledged";
      case "await-failover" ->
          "failover: fault +0 ms, detected +"
              + DrillReports.DETECTED_MILLIS
              + " ms, confirmed +"
              + DrillReports.CONFIRMED_MILLIS
              + " ms, promoted +"
              + DrillReports.PROMOTED_MILLIS
              + " ms, first-write +"
              + DrillReports.FIRST_WRITE_MILLIS
              + " ms";
      case "verify" ->
          DrillReports.ACKNOWLEDGED
              + " writes acknowledged, 0 of them missing; writes waited at most "
              + DrillReports.UNAVAILABLE_MILLIS
              + " ms";
      case "restore" ->
          partition
              ? "partition healed; " + node + " follows at a new epoch"
              : node + " restarted; its old epoch is fenced";
      default ->
          "passed: failover "
              + DrillReports.FIRST_WRITE_MILLIS
              + " ms PASS, rpo-in-dc 0 messages PASS";
    };
  }

  private static int indexOf(List<StepView> steps, String state) {
    for (int index = 0; index < steps.size(); index++) {
      if (state.equals(steps.get(index).state())) {
        return index;
      }
    }
    return -1;
  }

  private static StepView finish(StepView step, String state, String detail, Instant now) {
    return new StepView(step.name(), step.description(), state, detail, step.startedAt(), now);
  }

  private static OperationView with(
      OperationView operation,
      String state,
      String failure,
      List<StepView> steps,
      Instant updatedAt) {
    return new OperationView(
        operation.id(),
        operation.type(),
        operation.title(),
        operation.requester(),
        operation.parameters(),
        state,
        operation.approvalRequired(),
        operation.approver(),
        operation.cancelRequested(),
        failure,
        operation.resources(),
        List.copyOf(steps),
        operation.createdAt(),
        updatedAt);
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
