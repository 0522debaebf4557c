package io.switchboard.controlplane.operation.failover;

import io.switchboard.controlplane.operation.InvalidOperationException;
import io.switchboard.controlplane.operation.OperationPlanner;
import io.switchboard.controlplane.operation.OperationStep;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.topology.TopologyService;
import io.switchboard.runtime.sharding.ReplicaSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Plans the failover of the primaries of a node that failed ({@link PrimaryFailoverRunner}): step
 * {@code confirm} asks up to {@value #MONITORS} other running nodes of the node's data centre
 * whether they still reach it; step {@code promote} fences and promotes, for every shard, the most
 * up-to-date in-DC voter and publishes the new map.
 *
 * <p>Parameters: {@code node}; optional {@code shards} (comma-separated; by default every
 * replicated shard the node leads) and {@code detected-at} (when the failure was detected, for the
 * timeline). The plan fixes {@code shards} and {@code monitors}. Shards that have no other voter
 * cannot fail over and are not planned.
 */
@Component
class PrimaryFailoverPlanner implements OperationPlanner {

  static final String CONFIRM = "confirm";
  static final String PROMOTE = "promote";
  static final int MONITORS = 2;

  private final ReplicaControl replicas;
  private final TopologyService topology;

  PrimaryFailoverPlanner(ReplicaControl replicas, TopologyService topology) {
    this.replicas = replicas;
    this.topology = topology;
  }

  @Override
  public OperationType type() {
    return OperationType.PRIMARY_FAILOVER;
  }

  @Override
  public Plan plan(Map<String, String> parameters) {
    String node = parameters.get("node");
    if (node == null || node.isBlank()) {
      throw new InvalidOperationException("a primary failover needs the parameter 'node'");
    }
    List<String> nodes = replicas.nodes();
    if (!nodes.contains(node)) {
      throw new InvalidOperationException(
          "there is no node '" + node + "'; the nodes are " + String.join(", ", nodes));
    }
    Set<Integer> led = ledReplicatedShards(node);
    Set<Integer> shards = requested(parameters.get("shards"), led, node);
    if (shards.isEmpty()) {
      throw new InvalidOperationException(
          node + " leads no replicated shard: nothing to fail over");
    }
    String dc = topology.node(node).dc();
    List<String> monitors =
        nodes.stream()
            .filter(other -> !other.equals(node))
            .filter(other -> topology.node(other).dc().equals(dc))
            .filter(replicas::isRunning)
            .limit(MONITORS)
            .toList();
    if (monitors.isEmpty()) {
      throw new InvalidOperationException(
          "no other running node in " + dc + " can confirm that " + node + " is unreachable");
    }
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("node", node);
    fixed.put("shards", shards.stream().map(String::valueOf).collect(Collectors.joining(",")));
    fixed.put("monitors", String.join(",", monitors));
    if (parameters.containsKey("detected-at")) {
      fixed.put("detected-at", parameters.get("detected-at"));
    }
    Set<String> resources = new LinkedHashSet<>(List.of("node:" + node));
    shards.forEach(shard -> resources.add("shard:" + shard));
    List<OperationStep> steps =
        List.of(
            OperationStep.pending(
                CONFIRM, "Ask " + String.join(" and ", monitors) + " whether they reach " + node),
            OperationStep.pending(
                PROMOTE,
                "Fence and promote an in-DC voter of "
                    + shards.size()
                    + " shards at their next epoch; publish the map"));
    return new Plan(fixed, steps, resources);
  }

  @Override
  public String title(Map<String, String> parameters) {
    return "Fail the primaries of " + parameters.get("node") + " over to their DC's followers";
  }

  /** Parses {@code shards}; every one must be a replicated shard {@code node} leads. */
  static Set<Integer> requested(String shards, Set<Integer> led, String node) {
    if (shards == null || shards.isBlank()) {
      return led;
    }
    Set<Integer> requested = new LinkedHashSet<>();
    for (String item : Arrays.stream(shards.split(",")).map(String::strip).toList()) {
      int shard;
      try {
        shard = Integer.parseInt(item);
      } catch (NumberFormatException e) {
        throw new InvalidOperationException("'" + item + "' in 'shards' is not a shard number");
      }
      if (!led.contains(shard)) {
        throw new InvalidOperationException(
            "shard " + shard + " is not a replicated shard led by " + node);
      }
      requested.add(shard);
    }
    return requested;
  }

  private Set<Integer> ledReplicatedShards(String node) {
    Set<Integer> led = new LinkedHashSet<>();
    List<ReplicaSet> sets = new ArrayList<>(replicas.shardMap().replicaSets());
    for (ReplicaSet set : sets) {
      if (set.primary().equals(node) && !set.followers().isEmpty()) {
        led.add(set.shard());
      }
    }
    return led;
  }
}
