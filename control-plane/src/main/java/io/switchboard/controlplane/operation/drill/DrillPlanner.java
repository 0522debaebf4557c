package io.switchboard.controlplane.operation.drill;

import io.switchboard.controlplane.operation.InvalidOperationException;
import io.switchboard.controlplane.operation.OperationPlanner;
import io.switchboard.controlplane.operation.OperationStep;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.topology.NodeLifecycle;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.Shards;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Plans a failover drill of a node ({@code node}) or of the node leading a shard ({@code shard}):
 * steps {@code start-traffic}, {@code inject-fault} (kill the node), {@code await-failover}, {@code
 * verify} (stop the traffic, read every acknowledged write back), {@code restore} (start the node,
 * check its old epoch is fenced) and {@code report} ({@link DrillRunner}).
 *
 * <p>The drill holds the resource {@code drill:NODE}, not {@code node:NODE}: the automatic failover
 * it measures must be free to take the node. It needs automatic failover on, a node that leads
 * replicated shards, and a launcher that can kill and start it (the embedded cluster).
 */
@Component
class DrillPlanner implements OperationPlanner {

  static final List<String> STEPS =
      List.of("start-traffic", "inject-fault", "await-failover", "verify", "restore", "report");

  private final ReplicaControl replicas;
  private final List<NodeLifecycle> launchers;
  private final boolean failoverEnabled;

  DrillPlanner(
      ReplicaControl replicas,
      List<NodeLifecycle> launchers,
      @Value("${switchboard.failover.enabled:true}") boolean failoverEnabled) {
    this.replicas = replicas;
    this.launchers = launchers;
    this.failoverEnabled = failoverEnabled;
  }

  @Override
  public OperationType type() {
    return OperationType.DRILL;
  }

  @Override
  public Plan plan(Map<String, String> parameters) {
    String node = target(parameters);
    if (!failoverEnabled) {
      throw new InvalidOperationException(
          "automatic failover is off (switchboard.failover.enabled): a drill would only kill "
              + node);
    }
    if (!replicas.isRunning(node)) {
      throw new InvalidOperationException(node + " is down already: nothing to drill");
    }
    if (launchers.stream().noneMatch(launcher -> launcher.manages(node))) {
      throw new InvalidOperationException(
          node + " was not started by this control plane: a drill cannot kill and restore it");
    }
    long led =
        replicas.shardMap().replicaSets().stream()
            .filter(set -> set.primary().equals(node) && !set.followers().isEmpty())
            .count();
    if (led == 0) {
      throw new InvalidOperationException(node + " leads no replicated shard: nothing fails over");
    }
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("node", node);
    if (parameters.containsKey("shard")) {
      fixed.put("shard", parameters.get("shard"));
    }
    List<OperationStep> steps =
        List.of(
            OperationStep.pending(
                STEPS.get(0), "Write to shards " + node + " leads as synthetic users, and check"),
            OperationStep.pending(STEPS.get(1), "Kill " + node + " abruptly"),
            OperationStep.pending(
                STEPS.get(2), "Wait for the automatic failover and the first successful write"),
            OperationStep.pending(
                STEPS.get(3), "Stop the traffic; read every acknowledged write back"),
            OperationStep.pending(
                STEPS.get(4), "Start " + node + " again; check its old epoch is fenced"),
            OperationStep.pending(STEPS.get(5), "Compare with the objectives; store the report"));
    return new Plan(fixed, steps, Set.of("drill:" + node));
  }

  @Override
  public String title(Map<String, String> parameters) {
    return "Failover drill of " + parameters.get("node");
  }

  private String target(Map<String, String> parameters) {
    if (parameters.containsKey("dc")) {
      throw new InvalidOperationException(
          "drills of a whole data centre need DC failover, which is not available yet;"
              + " drill its nodes one by one ('node') instead");
    }
    String node = parameters.get("node");
    String shard = parameters.get("shard");
    if ((node == null) == (shard == null)) {
      throw new InvalidOperationException("a drill needs exactly one of 'node' and 'shard'");
    }
    if (shard != null) {
      int number;
      try {
        number = Integer.parseInt(shard);
      } catch (NumberFormatException e) {
        throw new InvalidOperationException("'shard' must be a shard number: " + shard);
      }
      if (number < 0 || number >= Shards.COUNT) {
        throw new InvalidOperationException(
            "there is no shard " + number + "; the shards are 0 to " + (Shards.COUNT - 1));
      }
      ReplicaSet set = replicas.shardMap().replicaSet(number);
      return set.primary();
    }
    if (!replicas.nodes().contains(node)) {
      throw new InvalidOperationException(
          "there is no node '" + node + "'; the nodes are " + String.join(", ", replicas.nodes()));
    }
    return node;
  }
}
