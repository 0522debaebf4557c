package io.switchboard.runtime.messaging;

import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Shard maps for the tests. */
final class Topologies {

  static final String NODE = "node-a";
  static final String OTHER_NODE = "node-b";
  static final HomeDataCenters HOMES = HomeDataCenters.defaults();

  private Topologies() {}

  /** Every shard led by {@link #NODE} at epoch 1. */
  static ShardMap allLedHere() {
    return ledBy(shard -> NODE);
  }

  /** Each shard led by the node {@code leaderOf} names, at epoch 1. */
  static ShardMap ledBy(IntFunction<String> leaderOf) {
    List<ReplicaSet> sets = new ArrayList<>();
    for (int shard = 0; shard < Shards.COUNT; shard++) {
      sets.add(ReplicaSet.single(shard, leaderOf.apply(shard)));
    }
    return new ShardMap(1, sets);
  }
}
