package io.switchboard.cli.operation;

import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardMapView.ShardSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * The shards of one map that a node holds, each list by shard number.
 *
 * @param leads the shards whose primary it is
 * @param follows the shards it is an in-DC follower of
 * @param asyncReplicaOf the shards it holds an asynchronous (cross-DC) replica of
 */
record NodeShards(List<Integer> leads, List<Integer> follows, List<Integer> asyncReplicaOf) {

  NodeShards {
    leads = List.copyOf(leads);
    follows = List.copyOf(follows);
    asyncReplicaOf = List.copyOf(asyncReplicaOf);
  }

  /** What {@code node} (its exact id) holds in {@code map}. */
  static NodeShards of(String node, ShardMapView map) {
    List<Integer> leads = new ArrayList<>();
    List<Integer> follows = new ArrayList<>();
    List<Integer> async = new ArrayList<>();
    List<ShardSummary> shards = map.shards() == null ? List.of() : map.shards();
    for (ShardSummary shard : shards) {
      if (node.equals(shard.primary())) {
        leads.add(shard.shard());
      }
      if (shard.followers() != null && shard.followers().contains(node)) {
        follows.add(shard.shard());
      }
      if (shard.asyncReplicas() != null && shard.asyncReplicas().contains(node)) {
        async.add(shard.shard());
      }
    }
    return new NodeShards(sorted(leads), sorted(follows), sorted(async));
  }

  /** How many replicas that are not the primary it holds: followers and async replicas. */
  int replicas() {
    return follows.size() + asyncReplicaOf.size();
  }

  private static List<Integer> sorted(List<Integer> shards) {
    return shards.stream().sorted().toList();
  }
}
