package io.switchboard.runtime.replication;

/** What a follower did with a {@link FetchResponse}, and therefore what its owner does next. */
public enum FetchOutcome {
  /**
   * New entries were appended: fetch again once they are durable ({@link ShardReplica#onDurable}).
   */
  APPENDED,
  /** The answer brought nothing new: the follower is caught up; poll again later. */
  NOTHING_NEW,
  /** A divergent suffix was dropped: fetch again now. */
  TRUNCATED,
  /**
   * The primary sends no entries from where the log ends: install a {@link ShardImage} of the
   * primary ({@link ShardReplica#installImage}), then fetch again.
   */
  IMAGE_NEEDED,
  /** Stale, duplicated or not for this follower's current log or epoch: nothing changed. */
  IGNORED,
  /** The replica asked is not the primary at the followed epoch: refresh the shard map. */
  NOT_PRIMARY,
  /**
   * A higher epoch exists: the replica recorded it and follows nobody until the control plane
   * points it at the new primary.
   */
  STALE_EPOCH
}
