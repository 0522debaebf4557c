package io.switchboard.controlplane.topology;

import jakarta.annotation.PreDestroy;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Checks every registered node's admin {@code /health} endpoint once per interval.
 *
 * <ol>
 *   <li>Each round sends all checks concurrently, each bounded by the configured timeout.
 *   <li>When all have answered or timed out, results are fed to {@link TopologyService} on this
 *       single checker thread, so per-node health trackers never race.
 *   <li>The next round starts one interval after the previous round ended (fixed delay), so a slow
 *       round never overlaps the next.
 * </ol>
 *
 * A check succeeds only on HTTP 200; anything else (refused, timeout, other status) is a failure
 * with a short human-readable reason.
 */
@Component
class NodeHealthChecker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(NodeHealthChecker.class);

  private final TopologyService topology;
  private final HealthCheckProperties properties;
  private final ExecutorService httpExecutor =
      Executors.newFixedThreadPool(2, daemon("health-http"));
  private final HttpClient http;
  private ScheduledExecutorService scheduler;

  NodeHealthChecker(TopologyService topology, HealthCheckProperties properties) {
    this.topology = topology;
    this.properties = properties;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.timeout())
            .executor(httpExecutor)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(daemon("health-checker"));
    scheduler.scheduleWithFixedDelay(
        this::checkAllSafely, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  /** Start after the node launchers (default phase) so the first round already sees every node. */
  @Override
  public int getPhase() {
    return DEFAULT_PHASE - 1000;
  }

  private void checkAllSafely() {
    try {
      checkAll();
    } catch (RuntimeException e) {
      log.error("Health check round failed", e);
    }
  }

  private void checkAll() {
    List<NodeRegistration> nodes = topology.nodes();
    Map<String, CompletableFuture<String>> checks =
        nodes.stream().collect(Collectors.toMap(NodeRegistration::id, this::check));
    CompletableFuture.allOf(checks.values().toArray(CompletableFuture[]::new)).join();
    checks.forEach((nodeId, result) -> topology.recordCheck(nodeId, result.join()));
  }

  /** Completes with {@code null} when healthy, else with the reason the check failed. */
  private CompletableFuture<String> check(NodeRegistration node) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + node.adminAddress() + "/health"))
            .timeout(properties.timeout())
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenApply(r -> r.statusCode() == 200 ? null : "health endpoint answered " + r.statusCode())
        .exceptionally(NodeHealthChecker::describe);
  }

  private static String describe(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof HttpTimeoutException) {
      return "no answer within the timeout";
    }
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger counter = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Releases the HTTP client's threads on shutdown. */
  @PreDestroy
  void shutdownHttp() {
    httpExecutor.shutdownNow();
  }
}
