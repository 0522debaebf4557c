package io.switchboard.runtime.node.peer;

import io.switchboard.runtime.peer.ReplicaSetEntry;
import io.switchboard.runtime.peer.ShardMapSnapshot;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import java.util.List;

/** Converts shard maps to and from their peer protocol form. */
public final class ShardMapSnapshots {

  private ShardMapSnapshots() {}

  public static ShardMapSnapshot toSnapshot(ShardMap map) {
    ShardMapSnapshot.Builder snapshot = ShardMapSnapshot.newBuilder().setVersion(map.version());
    for (ReplicaSet set : map.replicaSets()) {
      snapshot.addReplicaSets(
          ReplicaSetEntry.newBuilder()
              .setShard(set.shard())
              .setEpoch(set.epoch())
              .setPrimary(set.primary())
              .addAllFollowers(set.followers())
              .addAllAsyncReplicas(set.asyncReplicas()));
    }
    return snapshot.build();
  }

  /**
   * @throws IllegalArgumentException if the snapshot is not a valid map (a shard missing or twice,
   *     version 0)
   */
  public static ShardMap fromSnapshot(ShardMapSnapshot snapshot) {
    List<ReplicaSet> sets =
        snapshot.getReplicaSetsList().stream()
            .map(
                entry ->
                    new ReplicaSet(
                        entry.getShard(),
                        entry.getEpoch(),
                        entry.getPrimary(),
                        List.copyOf(entry.getFollowersList()),
                        List.copyOf(entry.getAsyncReplicasList())))
            .toList();
    return new ShardMap(snapshot.getVersion(), sets);
  }
}
