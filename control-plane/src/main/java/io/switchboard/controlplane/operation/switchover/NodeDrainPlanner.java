package io.switchboard.controlplane.operation.switchover;

import io.switchboard.controlplane.operation.InvalidOperationException;
import io.switchboard.controlplane.operation.OperationPlanner;
import io.switchboard.controlplane.operation.OperationStep;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Plans a node drain: every replicated shard whose primary is the node gets a planned switchover to
 * one of its running in-DC followers, one step per shard (see {@link NodeDrainRunner}). The targets
 * rotate over the followers so the node's primaries spread over its DC. Parameters: {@code node};
 * the plan fixes {@code shard.N.target} and {@code shard.N.epoch} for every shard. Shards with a
 * single replica cannot move and are listed in {@code unmovable}.
 */
@Component
class NodeDrainPlanner implements OperationPlanner {

  static final String STEP_PREFIX = "switch-shard-";

  private final ReplicaControl replicas;

  NodeDrainPlanner(ReplicaControl replicas) {
    this.replicas = replicas;
  }

  @Override
  public OperationType type() {
    return OperationType.NODE_DRAIN;
  }

  @Override
  public Plan plan(Map<String, String> parameters) {
    return plan(replicas.shardMap(), replicas.nodes(), parameters, replicas::isRunning);
  }

  /** The plan against {@code map}; pure but for {@code running}. */
  static Plan plan(
      ShardMap map, List<String> nodes, Map<String, String> parameters, Predicate<String> running) {
    String node = parameters.get("node");
    if (node == null || node.isBlank()) {
      throw new InvalidOperationException("a node drain needs the parameter 'node'");
    }
    if (!nodes.contains(node)) {
      throw new InvalidOperationException(
          "there is no node '" + node + "'; the nodes are " + String.join(", ", nodes));
    }
    if (!running.test(node)) {
      throw new InvalidOperationException(
          node + " is down: its shards need a failover, not a drain");
    }
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("node", node);
    List<OperationStep> steps = new ArrayList<>();
    Set<String> resources = new LinkedHashSet<>(List.of("node:" + node));
    List<String> unmovable = new ArrayList<>();
    int turn = 0;
    for (ReplicaSet set : map.replicaSets()) {
      if (!set.primary().equals(node)) {
        continue;
      }
      List<String> candidates = set.followers().stream().filter(running).toList();
      if (candidates.isEmpty()) {
        unmovable.add(Integer.toString(set.shard()));
        continue;
      }
      String target = candidates.get(turn++ % candidates.size());
      long epoch = set.epoch() + 1;
      fixed.put("shard." + set.shard() + ".target", target);
      fixed.put("shard." + set.shard() + ".epoch", Long.toString(epoch));
      steps.add(
          OperationStep.pending(
              STEP_PREFIX + set.shard(),
              "Switch shard " + set.shard() + " from " + node + " to " + target + " at " + epoch));
      resources.add("shard:" + set.shard());
    }
    if (steps.isEmpty()) {
      throw new InvalidOperationException(
          node
              + " leads no shard that can move"
              + (unmovable.isEmpty() ? "" : " (single-replica shards: " + unmovable + ")"));
    }
    if (!unmovable.isEmpty()) {
      fixed.put("unmovable", String.join(",", unmovable));
    }
    return new Plan(fixed, steps, resources);
  }

  @Override
  public String title(Map<String, String> parameters) {
    return "Drain " + parameters.get("node") + ": move its primaries to its DC's other nodes";
  }
}
