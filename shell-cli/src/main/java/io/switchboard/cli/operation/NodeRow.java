package io.switchboard.cli.operation;

import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import java.time.Instant;
import java.util.List;

/**
 * One node as {@code node list} shows it, and its JSON form: the topology's view of it and how many
 * replicas of the newest shard map it holds.
 *
 * @param roles sorted
 * @param primaries how many shards it leads
 * @param replicas how many shards it holds a follower or async replica of
 */
record NodeRow(
    String id,
    String dc,
    List<NodeRole> roles,
    String gatewayAddress,
    String adminAddress,
    NodeHealth health,
    Instant healthSince,
    String lastError,
    int primaries,
    int replicas) {

  static NodeRow of(NodeView node, NodeShards shards) {
    return new NodeRow(
        node.id(),
        node.dc(),
        sortedRoles(node),
        node.gatewayAddress(),
        node.adminAddress(),
        node.health(),
        node.healthSince(),
        node.lastError(),
        shards.leads().size(),
        shards.replicas());
  }

  static List<NodeRole> sortedRoles(NodeView node) {
    return node.roles() == null ? List.of() : node.roles().stream().sorted().toList();
  }
}
