package io.switchboard.controlplane.failover;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.controlplane.operation.InvalidOperationException;
import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationConflictException;
import io.switchboard.controlplane.operation.OperationService;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.topology.NodeHealthChanged;
import io.switchboard.controlplane.topology.TopologyService;
import io.switchboard.runtime.sharding.ReplicaSet;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts a {@code PRIMARY_FAILOVER} operation for the replicated shards a node led when the health
 * checks declare it DOWN (see the package documentation for the safety rules). Runs on its own
 * thread so that health checking never waits for it; one node at a time.
 *
 * <p>A node that stays DOWN while it still leads shards (its failover was refused because a monitor
 * still reached it, or could not start) is evaluated again every {@code
 * switchboard.failover.retry-every}, so a primary that dies for good after a refusal is still
 * failed over.
 *
 * <p>The quiet window is read from the stored operations: a shard is in it while a {@code
 * PRIMARY_FAILOVER} whose promote step ran (it moved primaries) covered it less than the window
 * ago. A failover stopped at its confirm step moved nothing and starts no window; a restarted
 * control plane still knows the window.
 *
 * <p>Alerts (a DC incident, a shard in its quiet window, a failover that could not be started) are
 * logged at WARN and counted in {@code switchboard_failover_alerts_total{reason}}.
 */
@Component
class AutomaticFailover {

  /** The requester of the operations it starts, as the audit and the operations list show it. */
  static final String REQUESTER = "automatic-failover";

  private static final Logger log = LoggerFactory.getLogger(AutomaticFailover.class);

  /** How far back the operations are read for the quiet window and active operations. */
  private static final int RECENT_OPERATIONS = 500;

  /** The step of a PRIMARY_FAILOVER that moves primaries. */
  private static final String PROMOTE_STEP = "promote";

  private final FailoverProperties properties;
  private final TopologyService topology;
  private final ReplicaControl replicas;
  private final OperationService operations;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "automatic-failover");
            thread.setDaemon(true);
            return thread;
          });

  /** When each node was last evaluated; only the worker thread touches it. */
  private final Map<String, Instant> lastEvaluated = new HashMap<>();

  AutomaticFailover(
      FailoverProperties properties,
      TopologyService topology,
      ReplicaControl replicas,
      OperationService operations,
      Clock clock,
      MeterRegistry meters) {
    this.properties = properties;
    this.topology = topology;
    this.replicas = replicas;
    this.operations = operations;
    this.clock = clock;
    this.meters = meters;
    long every = properties.retryEvery().toMillis();
    worker.scheduleWithFixedDelay(this::retryNodesStillDown, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }

  @EventListener
  void onHealthChanged(NodeHealthChanged change) {
    if (properties.enabled() && change.to() == NodeHealth.DOWN) {
      worker.execute(() -> handle(change));
    }
  }

  private void handle(NodeHealthChanged change) {
    try {
      failOver(change.nodeId(), change.dc(), change.at(), change.error());
    } catch (RuntimeException e) {
      alert("error", "automatic failover of " + change.nodeId() + " failed: " + e);
    }
  }

  /** Evaluates again every node still DOWN whose last evaluation is older than the retry period. */
  private void retryNodesStillDown() {
    if (!properties.enabled()) {
      return;
    }
    try {
      Instant now = clock.instant();
      for (var node : topology.nodes()) {
        Instant last = lastEvaluated.get(node.id());
        boolean due = last == null || !last.plus(properties.retryEvery()).isAfter(now);
        if (due
            && topology.nodeView(node.id()).health() == NodeHealth.DOWN
            && leadsShards(node.id())) {
          failOver(node.id(), node.dc(), now, "still down");
        }
      }
    } catch (RuntimeException e) {
      alert("error", "re-evaluating nodes still down failed: " + e);
    }
  }

  private boolean leadsShards(String node) {
    return replicas.shardMap().replicaSets().stream()
        .anyMatch(set -> set.primary().equals(node) && !set.followers().isEmpty());
  }

  private void failOver(String node, String dc, Instant detectedAt, String error) {
    lastEvaluated.put(node, clock.instant());
    Operation holder = activeOperationHolding("node:" + node);
    if (holder != null) {
      if (holder.type() != OperationType.PRIMARY_FAILOVER) {
        alert(
            "not_started",
            "cannot fail "
                + node
                + " over: operation "
                + holder.id()
                + " ("
                + holder.type().label()
                + ") holds it");
      }
      return;
    }
    List<String> downInDc =
        topology.nodes().stream()
            .filter(other -> other.dc().equals(dc))
            .map(other -> other.id())
            .filter(id -> topology.nodeView(id).health() == NodeHealth.DOWN)
            .toList();
    if (downInDc.size() >= properties.dcIncidentNodes()) {
      alert(
          "dc_incident",
          dc
              + " has "
              + downInDc.size()
              + " nodes down ("
              + String.join(", ", downInDc)
              + "): a DC incident, no automatic shard failover of "
              + node);
      return;
    }
    Set<Integer> inQuietWindow = recentlyFailedOver(clock.instant());
    List<Integer> shards = new ArrayList<>();
    List<Integer> quiet = new ArrayList<>();
    for (ReplicaSet set : replicas.shardMap().replicaSets()) {
      if (!set.primary().equals(node) || set.followers().isEmpty()) {
        continue;
      }
      if (inQuietWindow.contains(set.shard())) {
        quiet.add(set.shard());
      } else {
        shards.add(set.shard());
      }
    }
    if (!quiet.isEmpty()) {
      alert(
          "quiet_window",
          "shards "
              + quiet
              + " of "
              + node
              + " were failed over automatically less than "
              + properties.quietWindow().toSeconds()
              + " s ago: not again; they need a person");
    }
    if (shards.isEmpty()) {
      return;
    }
    Map<String, String> parameters = new HashMap<>();
    parameters.put("node", node);
    parameters.put("shards", shards.stream().map(String::valueOf).collect(Collectors.joining(",")));
    parameters.put("detected-at", detectedAt.toString());
    try {
      Operation operation =
          operations.create(OperationType.PRIMARY_FAILOVER, parameters, REQUESTER);
      log.warn(
          "{} is DOWN ({}): failing {} primaries over, operation {}",
          node,
          error,
          shards.size(),
          operation.id());
    } catch (OperationConflictException | InvalidOperationException e) {
      alert("not_started", "cannot fail " + node + " over: " + e.getMessage());
    }
  }

  /**
   * The shards a {@code PRIMARY_FAILOVER} moved (its promote step ran) less than the quiet window
   * before {@code now}.
   */
  private Set<Integer> recentlyFailedOver(Instant now) {
    Set<Integer> shards = new HashSet<>();
    Instant since = now.minus(properties.quietWindow());
    for (Operation operation : operations.list(RECENT_OPERATIONS)) {
      if (operation.type() != OperationType.PRIMARY_FAILOVER) {
        continue;
      }
      boolean promoted =
          operation.steps().stream()
              .anyMatch(
                  step ->
                      step.name().equals(PROMOTE_STEP)
                          && step.finishedAt() != null
                          && step.finishedAt().isAfter(since));
      if (promoted) {
        operation.resources().stream()
            .filter(resource -> resource.startsWith("shard:"))
            .forEach(resource -> shards.add(Integer.parseInt(resource.substring(6))));
      }
    }
    return shards;
  }

  private Operation activeOperationHolding(String resource) {
    return operations.list(RECENT_OPERATIONS).stream()
        .filter(op -> !op.state().terminal() && op.resources().contains(resource))
        .findFirst()
        .orElse(null);
  }

  private void alert(String reason, String message) {
    log.warn("Failover alert ({}): {}", reason, message);
    Counter.builder("switchboard.failover.alerts")
        .description("Automatic failovers not done, and why")
        .tag("reason", reason)
        .register(meters)
        .increment();
  }
}
