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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * <p>Alerts (a DC incident, a shard in its quiet window, a failover that could not be started) are
 * logged at WARN and counted in {@code switchboard_failover_alerts_total{reason}}.
 */
@Component
class AutomaticFailover {

  /** The requester of the operations it starts, as the audit and the operations list show it. */
  static final String REQUESTER = "automatic-failover";

  private static final Logger log = LoggerFactory.getLogger(AutomaticFailover.class);

  private final FailoverProperties properties;
  private final TopologyService topology;
  private final ReplicaControl replicas;
  private final OperationService operations;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "automatic-failover");
            thread.setDaemon(true);
            return thread;
          });

  /** When each shard was last failed over automatically; only this thread touches it. */
  private final Map<Integer, Instant> lastFailover = new HashMap<>();

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
  }

  @EventListener
  void onHealthChanged(NodeHealthChanged change) {
    if (properties.enabled() && change.to() == NodeHealth.DOWN) {
      worker.execute(() -> handle(change));
    }
  }

  private void handle(NodeHealthChanged change) {
    try {
      failOver(change);
    } catch (RuntimeException e) {
      alert("error", "automatic failover of " + change.nodeId() + " failed: " + e);
    }
  }

  private void failOver(NodeHealthChanged change) {
    String node = change.nodeId();
    List<String> downInDc =
        topology.nodes().stream()
            .filter(other -> other.dc().equals(change.dc()))
            .map(other -> other.id())
            .filter(id -> topology.nodeView(id).health() == NodeHealth.DOWN)
            .toList();
    if (downInDc.size() >= properties.dcIncidentNodes()) {
      alert(
          "dc_incident",
          change.dc()
              + " has "
              + downInDc.size()
              + " nodes down ("
              + String.join(", ", downInDc)
              + "): a DC incident, no automatic shard failover of "
              + node);
      return;
    }
    Instant now = clock.instant();
    List<Integer> shards = new ArrayList<>();
    List<Integer> quiet = new ArrayList<>();
    for (ReplicaSet set : replicas.shardMap().replicaSets()) {
      if (!set.primary().equals(node) || set.followers().isEmpty()) {
        continue;
      }
      Instant last = lastFailover.get(set.shard());
      if (last != null && last.plus(properties.quietWindow()).isAfter(now)) {
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
    parameters.put("detected-at", change.at().toString());
    try {
      Operation operation =
          operations.create(OperationType.PRIMARY_FAILOVER, parameters, REQUESTER);
      shards.forEach(shard -> lastFailover.put(shard, now));
      log.warn(
          "{} is DOWN ({}): failing {} primaries over, operation {}",
          node,
          change.error(),
          shards.size(),
          operation.id());
    } catch (OperationConflictException | InvalidOperationException e) {
      alert("not_started", "cannot fail " + node + " over: " + e.getMessage());
    }
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
