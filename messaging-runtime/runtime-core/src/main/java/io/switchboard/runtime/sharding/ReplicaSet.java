package io.switchboard.runtime.sharding;

import java.util.List;
import java.util.Objects;

/**
 * The replicas of one shard at one leadership epoch.
 *
 * @param shard the shard
 * @param epoch leadership epoch, starting at 1; every change of primary increases it
 * @param primary node id of the replica that accepts writes
 * @param followers node ids of the other replicas, without the primary, without duplicates
 */
public record ReplicaSet(int shard, long epoch, String primary, List<String> followers) {

  public ReplicaSet {
    Shards.requireValid(shard);
    if (epoch < 1) {
      throw new IllegalArgumentException("Epochs start at 1, got " + epoch);
    }
    Objects.requireNonNull(primary, "primary");
    followers = List.copyOf(followers);
    if (followers.contains(primary) || followers.stream().distinct().count() != followers.size()) {
      throw new IllegalArgumentException(
          "Shard " + shard + ": replicas must be distinct, got " + primary + " + " + followers);
    }
  }

  /** A single-copy replica set at epoch 1. */
  public static ReplicaSet single(int shard, String node) {
    return new ReplicaSet(shard, 1, node, List.of());
  }

  /** Whether the node holds a replica of this shard. */
  public boolean hasReplicaOn(String nodeId) {
    return primary.equals(nodeId) || followers.contains(nodeId);
  }
}
