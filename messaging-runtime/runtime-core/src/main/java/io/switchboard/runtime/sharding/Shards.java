package io.switchboard.runtime.sharding;

/** The fixed shard space: a user lives in shard {@code user_id % 1024}, a channel likewise. */
public final class Shards {

  /** Number of shards; fixed for the lifetime of a cluster. */
  public static final int COUNT = 1024;

  private Shards() {}

  /**
   * The shard of a user or channel id.
   *
   * @throws IllegalArgumentException for ids below 1 (ids are positive)
   */
  public static int shardOf(long id) {
    if (id < 1) {
      throw new IllegalArgumentException("Ids are positive, got " + id);
    }
    return (int) (id % COUNT);
  }

  /**
   * Checks that {@code shard} is a valid shard number.
   *
   * @return the shard
   */
  public static int requireValid(int shard) {
    if (shard < 0 || shard >= COUNT) {
      throw new IllegalArgumentException("Shard " + shard + " is outside 0.." + (COUNT - 1));
    }
    return shard;
  }
}
