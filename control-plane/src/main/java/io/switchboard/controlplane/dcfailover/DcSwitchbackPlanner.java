package io.switchboard.controlplane.dcfailover;

import io.switchboard.api.topology.DataCenterView;
import io.switchboard.controlplane.operation.InvalidOperationException;
import io.switchboard.controlplane.operation.OperationPlanner;
import io.switchboard.controlplane.operation.OperationStep;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.sharding.ReplicaSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Plans the switchback of a data centre after its DC failover ({@link DcSwitchbackRunner}):
 * parameter {@code dc}. The plan fixes {@code nodes} (the DC's) and {@code shards}: the shards
 * homed in the DC that another DC leads while some of the DC's nodes hold replicas of them (the
 * former voters a DC failover kept as asynchronous replicas).
 */
@Component
class DcSwitchbackPlanner implements OperationPlanner {

  static final String AWAIT_REJOIN = "await-rejoin";
  static final String RESTORE_VOTERS = "restore-voters";
  static final String RESTORE_GATEWAYS = "restore-gateways";

  private final DataCenterShards dataCenters;
  private final ReplicaControl replicas;
  private final GatewayDirectory directory;

  DcSwitchbackPlanner(
      DataCenterShards dataCenters, ReplicaControl replicas, GatewayDirectory directory) {
    this.dataCenters = dataCenters;
    this.replicas = replicas;
    this.directory = directory;
  }

  @Override
  public OperationType type() {
    return OperationType.DC_SWITCHBACK;
  }

  @Override
  public Plan plan(Map<String, String> parameters) {
    DataCenterView dc = dataCenters.dataCenter(parameters.get("dc"));
    Set<String> nodes = dataCenters.nodesOf(dc.id());
    List<Integer> shards = awayFromHome(dc, nodes);
    if (shards.isEmpty() && directory.isServing(dc.id())) {
      throw new InvalidOperationException(
          dc.id() + " serves clients and leads its shards: nothing to switch back");
    }
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("dc", dc.id());
    fixed.put("nodes", String.join(",", nodes));
    fixed.put("shards", DataCenterShards.join(shards));
    Set<String> resources = new LinkedHashSet<>(List.of("dc:" + dc.id()));
    nodes.forEach(node -> resources.add("node:" + node));
    shards.forEach(shard -> resources.add("shard:" + shard));
    List<OperationStep> steps =
        List.of(
            OperationStep.pending(
                AWAIT_REJOIN,
                "Wait until "
                    + dc.id()
                    + "'s replicas of "
                    + shards.size()
                    + " shards run and have caught up"),
            OperationStep.pending(
                RESTORE_VOTERS,
                "Make them voters again and give their former primaries the lead back"),
            OperationStep.pending(
                RESTORE_GATEWAYS, "Put " + dc.id() + " back into the gateway endpoint directory"));
    return new Plan(fixed, steps, resources);
  }

  @Override
  public String title(Map<String, String> parameters) {
    return "Switch " + parameters.get("dc") + " back";
  }

  /** Shards homed in {@code dc}, led elsewhere, with a replica on one of {@code nodes}. */
  private List<Integer> awayFromHome(DataCenterView dc, Set<String> nodes) {
    return replicas.shardMap().replicaSets().stream()
        .filter(set -> set.shard() >= dc.firstShard() && set.shard() <= dc.lastShard())
        .filter(set -> !nodes.contains(set.primary()))
        .filter(set -> homeReplicas(set, nodes).size() > 0)
        .map(ReplicaSet::shard)
        .toList();
  }

  /** {@code set}'s replicas on {@code nodes}, in the order the set lists them. */
  static List<String> homeReplicas(ReplicaSet set, Set<String> nodes) {
    List<String> all = new java.util.ArrayList<>(set.voters());
    all.addAll(set.asyncReplicas());
    return all.stream().filter(nodes::contains).toList();
  }
}
