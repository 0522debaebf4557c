package io.switchboard.runtime.replication;

/**
 * Notifications from a {@link ShardReplica}, called synchronously from the method that caused them,
 * after the replica's state changed.
 */
public interface ReplicationListener {

  /** A listener that ignores everything. */
  ReplicationListener NONE = new ReplicationListener() {};

  /**
   * The replica's commit seq advanced to {@code commitSeq}: entries up to it are committed. On a
   * primary, proposals up to it can be acknowledged once applied.
   */
  default void committed(long commitSeq) {}

  /**
   * The primary of {@code epoch} stepped down because it saw {@code higherEpoch}: it accepts no
   * more proposals, and those above its commit seq fail with NOT_LEADER (they may or may not commit
   * under the next primary).
   */
  default void steppedDown(long epoch, long higherEpoch) {}
}
