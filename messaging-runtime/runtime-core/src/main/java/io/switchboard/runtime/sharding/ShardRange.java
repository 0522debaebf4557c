package io.switchboard.runtime.sharding;

/** A contiguous, non-empty range of shards, both ends inclusive. */
public record ShardRange(int first, int last) {

  public ShardRange {
    Shards.requireValid(first);
    Shards.requireValid(last);
    if (last < first) {
      throw new IllegalArgumentException("Empty shard range " + first + ".." + last);
    }
  }

  public boolean contains(int shard) {
    return shard >= first && shard <= last;
  }

  public int size() {
    return last - first + 1;
  }

  /** The {@code index}-th shard of the range, 0-based. */
  int shardAt(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException(index);
    }
    return first + index;
  }

  @Override
  public String toString() {
    return first + ".." + last;
  }
}
