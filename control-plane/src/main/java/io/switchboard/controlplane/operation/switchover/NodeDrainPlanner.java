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

  /** The parameter listing the shards that cannot move (no running follower), comma-separated. */
  static final String UNMOVABLE = "unmovable";

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
    String node = runningNode(nodes, parameters, running, "a node drain");
    Plan moves = moves(map, node, running);
    if (moves.steps().isEmpty()) {
      String unmovable = moves.parameters().get(UNMOVABLE);
      throw new InvalidOperationException(
          node
              + " leads no shard that can move"
              + (unmovable == null ? "" : " (single-replica shards: " + unmovable + ")"));
    }
    return moves;
  }

  /**
   * The {@code node} parameter, checked: a node of the cluster that runs.
   *
   * @param what the operation, for messages: "a drain"
   */
  static String runningNode(
      List<String> nodes, Map<String, String> parameters, Predicate<String> running, String what) {
    String node = parameters.get("node");
    if (node == null || node.isBlank()) {
      throw new InvalidOperationException(what + " needs the parameter 'node'");
    }
    if (!nodes.contains(node)) {
      throw new InvalidOperationException(
          "there is no node '" + node + "'; the nodes are " + String.join(", ", nodes));
    }
    if (!running.test(node)) {
      throw new InvalidOperationException(
          node + " is down: its shards need a failover, not " + what);
    }
    return node;
  }

  /**
   * One {@code switch-shard-N} step per replicated shard {@code node} leads, to a running in-DC
   * follower (rotating over them), with the parameters {@code node}, {@code shard.N.target}, {@code
   * shard.N.epoch} and, if some shards have no running follower, {@code unmovable}; the resources
   * are the node and the shards. Possibly without steps.
   */
  static Plan moves(ShardMap map, String node, Predicate<String> running) {
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
    if (!unmovable.isEmpty()) {
      fixed.put(UNMOVABLE, String.join(",", unmovable));
    }
    return new Plan(fixed, steps, resources);
  }

  @Override
  public String title(Map<String, String> parameters) {
    return "Drain " + parameters.get("node") + ": move its primaries to its DC's other nodes";
  }
}
