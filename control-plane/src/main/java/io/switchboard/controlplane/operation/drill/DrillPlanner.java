package io.switchboard.controlplane.operation.drill;

import io.switchboard.controlplane.operation.InvalidOperationException;
import io.switchboard.controlplane.operation.OperationPlanner;
import io.switchboard.controlplane.operation.OperationStep;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.topology.NodeLifecycle;
import io.switchboard.controlplane.topology.TopologyService;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.Shards;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Plans a failover drill of a node ({@code node}), of the node leading a shard ({@code shard}), or
 * of a whole data centre ({@code dc}, run by {@link DcDrill}): steps {@code start-traffic}, {@code
 * inject-fault} (the {@link DrillFault}: kill the node, or cut it off the network), {@code
 * await-failover}, for a partition {@code write-old-primary} (a write through the cut-off node's
 * gateway must not be acknowledged), {@code verify} (stop the traffic, read every acknowledged
 * write back), {@code restore} (start the node or wait for the partition to heal, check its old
 * epoch is fenced) and {@code report} ({@link DrillRunner}).
 *
 * <p>The drill holds the resource {@code drill:NODE}, not {@code node:NODE}: the automatic failover
 * it measures must be free to take the node. It needs automatic failover on and a node that leads
 * replicated shards; a kill needs a launcher that can kill and start the node (the embedded
 * cluster), a partition only the node's admin commands. A DC drill only kills.
 */
@Component
class DrillPlanner implements OperationPlanner {

  static final List<String> STEPS =
      List.of("start-traffic", "inject-fault", "await-failover", "verify", "restore", "report");

  /** The step a partition drill adds after {@code await-failover}. */
  static final String WRITE_OLD_PRIMARY = "write-old-primary";

  private final ReplicaControl replicas;
  private final List<NodeLifecycle> launchers;
  private final boolean failoverEnabled;
  private final TopologyService topology;
  private final boolean dcFailoverAutomatic;
  private final DrillProperties properties;

  DrillPlanner(
      ReplicaControl replicas,
      List<NodeLifecycle> launchers,
      TopologyService topology,
      @Value("${switchboard.failover.enabled:true}") boolean failoverEnabled,
      @Value("${switchboard.failover.dc.automatic:true}") boolean dcFailoverAutomatic,
      DrillProperties properties) {
    this.properties = properties;
    this.topology = topology;
    this.dcFailoverAutomatic = dcFailoverAutomatic;
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
    if (parameters.containsKey("dc")) {
      return planDc(parameters);
    }
    String node = target(parameters);
    DrillFault fault = DrillFault.of(parameters.get(DrillFault.PARAMETER));
    if (!failoverEnabled) {
      throw new InvalidOperationException(
          "automatic failover is off (switchboard.failover.enabled): a drill would only kill "
              + node);
    }
    if (!replicas.isRunning(node)) {
      throw new InvalidOperationException(node + " is down already: nothing to drill");
    }
    if (fault == DrillFault.KILL && launchers.stream().noneMatch(l -> l.manages(node))) {
      throw new InvalidOperationException(
          node
              + " was not started by this control plane: a drill cannot kill and restore it"
              + " (a partition drill can: fault=partition)");
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
    fixed.put(DrillFault.PARAMETER, fault.value());
    boolean partition = fault == DrillFault.PARTITION;
    List<OperationStep> steps = new ArrayList<>();
    steps.add(
        OperationStep.pending(
            STEPS.get(0), "Write to shards " + node + " leads as synthetic users, and check"));
    steps.add(
        OperationStep.pending(
            STEPS.get(1),
            partition
                ? "Cut "
                    + node
                    + " off its cluster network for "
                    + properties.partitionFor().toSeconds()
                    + " s; its process runs on"
                : "Kill " + node + " abruptly"));
    steps.add(
        OperationStep.pending(
            STEPS.get(2), "Wait for the automatic failover and the first successful write"));
    if (partition) {
      steps.add(
          OperationStep.pending(
              WRITE_OLD_PRIMARY,
              "Write through " + node + "'s own gateway: the old primary must not acknowledge"));
    }
    steps.add(
        OperationStep.pending(
            STEPS.get(3), "Stop the traffic; read every acknowledged write back"));
    steps.add(
        OperationStep.pending(
            STEPS.get(4),
            partition
                ? "Wait for the partition to heal; check "
                    + node
                    + " follows at a new epoch and the old primary's write is gone"
                : "Start " + node + " again; check its old epoch is fenced"));
    steps.add(OperationStep.pending(STEPS.get(5), "Compare with the objectives; store the report"));
    return new Plan(fixed, steps, Set.of("drill:" + node));
  }

  @Override
  public String title(Map<String, String> parameters) {
    if (parameters.containsKey("dc")) {
      return "DC failover drill of " + parameters.get("dc");
    }
    return (DrillFault.of(parameters.get(DrillFault.PARAMETER)) == DrillFault.PARTITION
            ? "Partition drill of "
            : "Failover drill of ")
        + parameters.get("node");
  }

  /**
   * A drill of data centre {@code dc} ({@link DcDrill}): needs automatic DC failover on, every node
   * of the DC running and started by this control plane, and shards the DC leads that have a
   * replica in another DC.
   */
  private Plan planDc(Map<String, String> parameters) {
    String dc = parameters.get("dc");
    if (parameters.containsKey("node") || parameters.containsKey("shard")) {
      throw new InvalidOperationException("a drill needs exactly one of 'node', 'shard' and 'dc'");
    }
    if (DrillFault.of(parameters.get(DrillFault.PARAMETER)) != DrillFault.KILL) {
      throw new InvalidOperationException(
          "a DC drill kills the nodes of the DC; a partition is drilled on one node");
    }
    List<String> nodes =
        topology.nodes().stream().filter(n -> n.dc().equals(dc)).map(n -> n.id()).sorted().toList();
    if (nodes.isEmpty()) {
      throw new InvalidOperationException("there is no data centre '" + dc + "' with nodes");
    }
    if (!dcFailoverAutomatic) {
      throw new InvalidOperationException(
          "automatic DC failover is off (switchboard.failover.dc.automatic): a drill would only"
              + " kill "
              + dc);
    }
    for (String node : nodes) {
      if (!replicas.isRunning(node)) {
        throw new InvalidOperationException(node + " of " + dc + " is down already");
      }
      if (launchers.stream().noneMatch(launcher -> launcher.manages(node))) {
        throw new InvalidOperationException(
            node + " was not started by this control plane: a drill cannot kill and restore it");
      }
    }
    boolean coverable =
        replicas.shardMap().replicaSets().stream()
            .anyMatch(
                set ->
                    nodes.contains(set.primary())
                        && set.asyncReplicas().stream().anyMatch(r -> !nodes.contains(r)));
    if (!coverable) {
      throw new InvalidOperationException(
          "no shard "
              + dc
              + " leads has a replica in another data centre (residency keeps them in "
              + dc
              + "): a DC failover cannot be drilled there");
    }
    List<OperationStep> steps =
        List.of(
            OperationStep.pending(
                STEPS.get(0), "Write to shards " + dc + " leads as its synthetic users, and check"),
            OperationStep.pending(STEPS.get(1), "Kill every node of " + dc + " abruptly"),
            OperationStep.pending(
                STEPS.get(2), "Wait for the automatic DC failover and the first successful write"),
            OperationStep.pending(
                STEPS.get(3), "Stop the traffic; read every acknowledged write back"),
            OperationStep.pending(
                STEPS.get(4), "Start the nodes of " + dc + " again and switch it back"),
            OperationStep.pending(STEPS.get(5), "Compare with the objectives; store the report"));
    return new Plan(Map.of("dc", dc), steps, Set.of("drill:dc:" + dc));
  }

  private String target(Map<String, String> parameters) {
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
