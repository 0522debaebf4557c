package io.switchboard.console.shards;

import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the shard map's colours need to know about the nodes, from one topology view and the drift
 * list of one shard map: the data centres in configuration order, each node's data centre and
 * health, which nodes were stopped and which serve another map version.
 *
 * <p>The shard API reports drift as sentences ("americas-2 serves map version 11, not 12",
 * "europe-3 is down: it serves no map", "asia-1 did not say which map it serves: ..."), each
 * starting with the node id; sentences that name no known node are ignored.
 */
public record ClusterState(
    List<DataCenterView> dataCenters,
    Map<String, String> dcOfNode,
    Map<String, NodeHealth> healthOfNode,
    Set<String> stoppedNodes,
    Set<String> driftingNodes) {

  public ClusterState {
    dataCenters = List.copyOf(dataCenters);
    dcOfNode = Map.copyOf(dcOfNode);
    healthOfNode = Map.copyOf(healthOfNode);
    stoppedNodes = Set.copyOf(stoppedNodes);
    driftingNodes = Set.copyOf(driftingNodes);
  }

  /** The state of {@code topology}'s nodes with the map {@code drift} the shard API reported. */
  public static ClusterState of(TopologyView topology, List<String> drift) {
    Map<String, String> dcs = new HashMap<>();
    Map<String, NodeHealth> health = new HashMap<>();
    for (DataCenterView dc : topology.dataCenters()) {
      for (NodeView node : dc.nodes()) {
        dcs.put(node.id(), dc.id());
        health.put(node.id(), node.health());
      }
    }
    Set<String> stopped = new HashSet<>();
    Set<String> drifting = new HashSet<>();
    for (String sentence : drift == null ? List.<String>of() : drift) {
      int space = sentence.indexOf(' ');
      String node = space < 0 ? sentence : sentence.substring(0, space);
      if (!dcs.containsKey(node)) {
        continue;
      }
      if (sentence.startsWith(node + " is down")) {
        stopped.add(node);
      } else {
        drifting.add(node);
      }
    }
    return new ClusterState(topology.dataCenters(), dcs, health, stopped, drifting);
  }

  /** Whether {@code node} is down: failed its health checks, or stopped. */
  public boolean isDown(String node) {
    return healthOfNode.get(node) == NodeHealth.DOWN || stoppedNodes.contains(node);
  }

  /** Whether {@code node} has not been checked yet (or is not in the topology). */
  public boolean isUnchecked(String node) {
    NodeHealth health = healthOfNode.get(node);
    return health == null || health == NodeHealth.UNKNOWN;
  }

  /** The id of the data centre {@code node} lives in, or {@code null} for an unknown node. */
  public String dcOf(String node) {
    return dcOfNode.get(node);
  }

  /** The display name of data centre {@code dcId} ({@code dcId} itself when unknown). */
  public String dcName(String dcId) {
    for (DataCenterView dc : dataCenters) {
      if (dc.id().equals(dcId)) {
        return dc.name();
      }
    }
    return dcId == null ? "unknown DC" : dcId;
  }

  /** The position of data centre {@code dcId} in configuration order, or -1. */
  public int dcIndex(String dcId) {
    for (int i = 0; i < dataCenters.size(); i++) {
      if (dataCenters.get(i).id().equals(dcId)) {
        return i;
      }
    }
    return -1;
  }
}
