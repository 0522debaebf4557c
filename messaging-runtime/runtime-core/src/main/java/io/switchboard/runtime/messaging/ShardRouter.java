package io.switchboard.runtime.messaging;

import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.ShardRange;

/**
 * Decides, by the node's newest shard map, whether this node leads a shard; a request for a shard
 * led elsewhere fails with a {@link NotLeaderException} carrying the map's route.
 */
final class ShardRouter {

  private final NodeContext context;

  ShardRouter(NodeContext context) {
    this.context = context;
  }

  /**
   * The replica set of a shard this node leads, with the epoch to propose at.
   *
   * @throws NotLeaderException when another node leads it
   */
  ReplicaSet requireLocal(int shard) {
    ShardMap map = context.shardMap().get();
    ShardMap.Route route = map.route(shard, context.nodeId());
    if (route instanceof ShardMap.Route.Redirect redirect) {
      throw new NotLeaderException(redirect);
    }
    return map.replicaSet(shard);
  }

  boolean leads(int shard) {
    return context.shardMap().get().route(shard, context.nodeId()) instanceof ShardMap.Route.Local;
  }

  /**
   * The first shard of {@code range} this node leads, looking from its {@code start}-th shard on
   * (wrapping), so that successive starts spread over the led shards.
   *
   * @throws NotLeaderException redirecting to the leader of the range's first shard when this node
   *     leads none of the range
   */
  int pickLedShard(ShardRange range, int start) {
    ShardMap map = context.shardMap().get();
    for (int i = 0; i < range.size(); i++) {
      int shard = range.first() + Math.floorMod(start + i, range.size());
      if (map.route(shard, context.nodeId()) instanceof ShardMap.Route.Local) {
        return shard;
      }
    }
    throw new NotLeaderException(
        (ShardMap.Route.Redirect) map.route(range.first(), context.nodeId()));
  }
}
