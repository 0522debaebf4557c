package io.switchboard.runtime.sharding;

/**
 * Allocates user and channel ids whose shard is homed in one data centre.
 *
 * <ol>
 *   <li>The k-th allocation (k = 0, 1, 2, ...) takes shard {@code first + k mod size} of the DC's
 *       range, so new ids spread evenly over the DC's shards.
 *   <li>Its id is {@code (k div size + 1) * COUNT + shard}: the shard is {@code id mod COUNT} as
 *       required, ids are positive, and distinct k give distinct ids.
 * </ol>
 *
 * The allocator is a pure function of k: the caller persists the next k (for example in the log) so
 * that ids are never reused across restarts.
 */
public final class HomedIdAllocator {

  private final ShardRange range;

  public HomedIdAllocator(ShardRange range) {
    this.range = range;
  }

  /**
   * The id of the {@code sequence}-th allocation.
   *
   * @throws IllegalArgumentException for a negative sequence or one whose id would overflow
   */
  public long idFor(long sequence) {
    if (sequence < 0) {
      throw new IllegalArgumentException("Sequence must not be negative: " + sequence);
    }
    long round = sequence / range.size() + 1;
    int shard = range.shardAt((int) (sequence % range.size()));
    if (round > (Long.MAX_VALUE - shard) / Shards.COUNT) {
      throw new IllegalArgumentException("Id space exhausted at sequence " + sequence);
    }
    return round * Shards.COUNT + shard;
  }
}
