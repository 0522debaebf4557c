package io.switchboard.runtime.sharding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The replicas of one shard at one leadership epoch.
 *
 * <p>The primary and its followers are the shard's <em>voters</em>: the synchronous replicas in its
 * home data centre whose majority commits a write. Asynchronous replicas live in other data
 * centres, follow the primary too, but never count towards a commit; their lag is the shard's RPO
 * for the loss of its home DC.
 *
 * @param shard the shard
 * @param epoch leadership epoch, starting at 1; every change of primary increases it
 * @param primary node id of the replica that accepts writes
 * @param followers node ids of the other voters, without the primary
 * @param asyncReplicas node ids of the asynchronous replicas, none of them a voter
 */
public record ReplicaSet(
    int shard, long epoch, String primary, List<String> followers, List<String> asyncReplicas) {

  /**
   * @throws IllegalArgumentException for an invalid shard, an epoch below 1, or a node named twice
   *     among the primary, the followers and the asynchronous replicas
   */
  public ReplicaSet {
    Shards.requireValid(shard);
    if (epoch < 1) {
      throw new IllegalArgumentException("Epochs start at 1, got " + epoch);
    }
    Objects.requireNonNull(primary, "primary");
    followers = List.copyOf(followers);
    asyncReplicas = List.copyOf(asyncReplicas);
    Set<String> distinct = new HashSet<>(followers);
    distinct.add(primary);
    distinct.addAll(asyncReplicas);
    if (distinct.size() != 1 + followers.size() + asyncReplicas.size()) {
      throw new IllegalArgumentException(
          "Shard "
              + shard
              + ": replicas must be distinct, got "
              + primary
              + " + "
              + followers
              + (asyncReplicas.isEmpty() ? "" : " + async " + asyncReplicas));
    }
  }

  /** A replica set without asynchronous replicas. */
  public ReplicaSet(int shard, long epoch, String primary, List<String> followers) {
    this(shard, epoch, primary, followers, List.of());
  }

  /** A single-copy replica set at epoch 1. */
  public static ReplicaSet single(int shard, String node) {
    return new ReplicaSet(shard, 1, node, List.of());
  }

  /** The primary followed by the followers: the replicas whose majority commits a write. */
  public List<String> voters() {
    List<String> voters = new ArrayList<>(1 + followers.size());
    voters.add(primary);
    voters.addAll(followers);
    return List.copyOf(voters);
  }

  /** Whether the node holds a replica of this shard, voter or asynchronous. */
  public boolean hasReplicaOn(String nodeId) {
    return primary.equals(nodeId) || followers.contains(nodeId) || asyncReplicas.contains(nodeId);
  }
}
