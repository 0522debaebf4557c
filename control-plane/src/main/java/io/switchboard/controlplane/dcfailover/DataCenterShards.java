package io.switchboard.controlplane.dcfailover;

import io.switchboard.api.topology.DataCenterView;
import io.switchboard.controlplane.operation.InvalidOperationException;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.topology.NodeRegistration;
import io.switchboard.controlplane.topology.TopologyService;
import io.switchboard.runtime.sharding.ReplicaSet;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** What DC failover planners and runners ask of the topology and the shard map about one DC. */
@Component
class DataCenterShards {

  private final TopologyService topology;
  private final ReplicaControl replicas;

  DataCenterShards(TopologyService topology, ReplicaControl replicas) {
    this.topology = topology;
    this.replicas = replicas;
  }

  /**
   * The configured data centre {@code dc}.
   *
   * @throws InvalidOperationException if {@code dc} is missing or not configured
   */
  DataCenterView dataCenter(String dc) {
    List<DataCenterView> dcs = topology.view().dataCenters();
    if (dc == null || dc.isBlank()) {
      throw new InvalidOperationException("a DC failover or switchback needs the parameter 'dc'");
    }
    return dcs.stream()
        .filter(candidate -> candidate.id().equals(dc))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidOperationException(
                    "there is no data centre '"
                        + dc
                        + "'; the data centres are "
                        + dcs.stream().map(DataCenterView::id).collect(Collectors.joining(", "))));
  }

  /** The ids of {@code dc}'s nodes, in a stable order. */
  Set<String> nodesOf(String dc) {
    return topology.nodes().stream()
        .filter(node -> node.dc().equals(dc))
        .map(NodeRegistration::id)
        .sorted()
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The shards whose primary is on one of {@code nodes}, by shard number. */
  List<ReplicaSet> ledBy(Set<String> nodes) {
    return replicas.shardMap().replicaSets().stream()
        .filter(set -> nodes.contains(set.primary()))
        .toList();
  }

  /** Parses a comma-separated list of shard numbers written by a planner. */
  static List<Integer> shards(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isBlank()
        ? List.of()
        : Arrays.stream(commaSeparated.split(","))
            .map(String::strip)
            .map(Integer::valueOf)
            .toList();
  }

  static String join(java.util.Collection<?> items) {
    return items.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
