package io.switchboard.cli.operation;

import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import java.time.Instant;
import java.util.List;

/**
 * One node as {@code node show} shows it, and its JSON form: the topology's view of it and the
 * shards of the newest shard map it holds.
 *
 * @param roles sorted
 * @param mapVersion the version of the shard map the shard lists come from
 * @param leads the shards it is the primary of, by number
 * @param follows the shards it is an in-DC follower of, by number
 * @param asyncReplicaOf the shards it holds an asynchronous replica of, by number
 */
record NodeDetail(
    String id,
    String dc,
    List<NodeRole> roles,
    String gatewayAddress,
    String adminAddress,
    NodeHealth health,
    Instant healthSince,
    String lastError,
    long mapVersion,
    List<Integer> leads,
    List<Integer> follows,
    List<Integer> asyncReplicaOf) {

  static NodeDetail of(NodeView node, long mapVersion, NodeShards shards) {
    return new NodeDetail(
        node.id(),
        node.dc(),
        NodeRow.sortedRoles(node),
        node.gatewayAddress(),
        node.adminAddress(),
        node.health(),
        node.healthSince(),
        node.lastError(),
        mapVersion,
        shards.leads(),
        shards.follows(),
        shards.asyncReplicaOf());
  }
}
