package io.switchboard.runtime.sharding;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A versioned assignment of every shard to its replica set. Immutable: a change returns a new map
 * with a higher version, so a gateway can always tell which of two maps is newer.
 */
public final class ShardMap {

  private final long version;
  private final ReplicaSet[] replicaSets;

  /**
   * @param version the map's version, at least 1
   * @param replicaSets exactly one replica set per shard, in any order
   */
  public ShardMap(long version, Collection<ReplicaSet> replicaSets) {
    if (version < 1) {
      throw new IllegalArgumentException("Shard map versions start at 1, got " + version);
    }
    this.version = version;
    this.replicaSets = new ReplicaSet[Shards.COUNT];
    for (ReplicaSet set : replicaSets) {
      if (this.replicaSets[set.shard()] != null) {
        throw new IllegalArgumentException("Shard " + set.shard() + " is assigned twice");
      }
      this.replicaSets[set.shard()] = set;
    }
    for (int shard = 0; shard < Shards.COUNT; shard++) {
      if (this.replicaSets[shard] == null) {
        throw new IllegalArgumentException("Shard " + shard + " has no replica set");
      }
    }
  }

  public long version() {
    return version;
  }

  public ReplicaSet replicaSet(int shard) {
    return replicaSets[Shards.requireValid(shard)];
  }

  /** Every replica set, ordered by shard. */
  public List<ReplicaSet> replicaSets() {
    return List.copyOf(Arrays.asList(replicaSets));
  }

  /**
   * This map with one replica set replaced, at the next version.
   *
   * @throws IllegalArgumentException if the new set's epoch is lower than the current one's
   */
  public ShardMap with(ReplicaSet next) {
    ReplicaSet current = replicaSets[next.shard()];
    if (next.epoch() < current.epoch()) {
      throw new IllegalArgumentException(
          "Shard "
              + next.shard()
              + ": epoch "
              + next.epoch()
              + " is older than the current epoch "
              + current.epoch());
    }
    ReplicaSet[] copy = replicaSets.clone();
    copy[next.shard()] = next;
    return new ShardMap(version + 1, Arrays.asList(copy));
  }

  /** Where a request for {@code shard} must go when it arrives at node {@code localNode}. */
  public Route route(int shard, String localNode) {
    ReplicaSet set = replicaSet(shard);
    return set.primary().equals(localNode)
        ? new Route.Local(shard, set.epoch())
        : new Route.Redirect(shard, set.primary(), version);
  }

  /** The outcome of routing a request by shard. */
  public sealed interface Route {

    /** This node leads the shard at {@code epoch}: serve the request here. */
    record Local(int shard, long epoch) implements Route {}

    /**
     * Another node leads the shard: send the request to {@code primary}. {@code mapVersion} is the
     * map that said so; a caller holding an older map must refresh it before retrying.
     */
    record Redirect(int shard, String primary, long mapVersion) implements Route {}
  }
}
