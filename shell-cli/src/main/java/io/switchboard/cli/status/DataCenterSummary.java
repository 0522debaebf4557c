package io.switchboard.cli.status;

import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeView;
import java.util.List;

/**
 * One data centre as {@code dc list} shows it, and its JSON form.
 *
 * @param firstShard first shard homed in it (inclusive)
 * @param lastShard last shard homed in it (inclusive)
 * @param nodesUp how many of its nodes are UP
 * @param nodes how many nodes it has
 * @param health the data centre's health, from its nodes' ({@link Health})
 */
record DataCenterSummary(
    String id,
    String name,
    String region,
    int firstShard,
    int lastShard,
    long nodesUp,
    int nodes,
    Health health) {

  /** A data centre's health, from the health of its nodes. */
  enum Health {
    /** Every node is UP. */
    UP,
    /** Some nodes are DOWN, at least one is UP. */
    DEGRADED,
    /** No node is UP and at least one is DOWN. */
    DOWN,
    /** No node is DOWN but some have not been checked yet. */
    UNKNOWN,
    /** It has no nodes. */
    EMPTY;

    static Health of(List<NodeView> nodes) {
      if (nodes.isEmpty()) {
        return EMPTY;
      }
      long up = nodes.stream().filter(node -> node.health() == NodeHealth.UP).count();
      long down = nodes.stream().filter(node -> node.health() == NodeHealth.DOWN).count();
      if (up == nodes.size()) {
        return UP;
      }
      if (down > 0) {
        return up > 0 ? DEGRADED : DOWN;
      }
      return UNKNOWN;
    }
  }

  static DataCenterSummary of(DataCenterView dataCenter) {
    List<NodeView> nodes = dataCenter.nodes() == null ? List.of() : dataCenter.nodes();
    return new DataCenterSummary(
        dataCenter.id(),
        dataCenter.name(),
        dataCenter.region(),
        dataCenter.firstShard(),
        dataCenter.lastShard(),
        nodes.stream().filter(node -> node.health() == NodeHealth.UP).count(),
        nodes.size(),
        Health.of(nodes));
  }
}
