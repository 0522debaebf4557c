package io.switchboard.runtime.sharding;

/**
 * How many copies of each shard a placement aims for.
 *
 * @param inDcCopies voters in the shard's home data centre, the primary included; at least 1
 * @param asyncCopies asynchronous replicas, each in a different other data centre; at least 0
 */
public record ReplicationFactor(int inDcCopies, int asyncCopies) {

  public ReplicationFactor {
    if (inDcCopies < 1) {
      throw new IllegalArgumentException("A shard needs at least 1 in-DC copy, got " + inDcCopies);
    }
    if (asyncCopies < 0) {
      throw new IllegalArgumentException("Async copies must not be negative, got " + asyncCopies);
    }
  }

  /** A primary and two followers in the home DC, one asynchronous replica in another DC. */
  public static ReplicationFactor defaults() {
    return new ReplicationFactor(3, 1);
  }
}
