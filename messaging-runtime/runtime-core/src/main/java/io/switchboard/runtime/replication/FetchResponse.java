package io.switchboard.runtime.replication;

import java.util.List;

/**
 * The answer to a {@link FetchRequest}. Every answer carries the epoch of whoever answers, so a
 * replica can refuse answers from a primary of an epoch below the highest it has seen. Answers that
 * depend on the requester's log echo the request's {@code fromSeq} and epoch: the network may
 * delay, duplicate and reorder them, and a follower applies one only while its log still ends where
 * the request said.
 */
public sealed interface FetchResponse {

  /** The shard. */
  int shard();

  /** The epoch of the replica that answers (for {@link NotPrimary}: the highest it has seen). */
  long epoch();

  /**
   * The primary's log matches the requester's up to {@code fromSeq - 1}: here are the next entries.
   *
   * @param fromSeq the request's {@code fromSeq}; the entries start there
   * @param prevEpoch epoch of entry {@code fromSeq - 1} (the request's {@code lastEpoch})
   * @param entries consecutive entries from {@code fromSeq}, possibly none (bounded by bytes)
   * @param commitSeq the primary's commit seq when it answered
   */
  record Entries(
      int shard, long epoch, long fromSeq, long prevEpoch, List<ShardEntry> entries, long commitSeq)
      implements FetchResponse {

    public Entries {
      entries = List.copyOf(entries);
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i).seq() != fromSeq + i) {
          throw new IllegalArgumentException("entries must be consecutive from " + fromSeq);
        }
      }
    }
  }

  /**
   * The requester's log diverges from the primary's: it must drop its entries after {@code endSeq}
   * and fetch again. {@code endSeq = min(fromSeq - 1, primary's endOfEpoch(lastEpoch))}: every
   * entry of the requester after it is absent from the primary's log. Repeated, this converges on
   * the last common entry.
   *
   * @param fromSeq the request's {@code fromSeq}
   * @param lastEpoch the request's {@code lastEpoch}
   * @param endSeq the seq to truncate after
   */
  record Diverging(int shard, long epoch, long fromSeq, long lastEpoch, long endSeq)
      implements FetchResponse {}

  /**
   * The primary will not send entries from the request's {@code fromSeq}: it no longer reads them
   * (an image it installed covers them) or the requester is more than {@link
   * ReplicationLimits#imageCatchUpEntries()} behind its commit seq. The requester should install a
   * {@link ShardImage} from the primary, then fetch the entries after it.
   *
   * @param fromSeq the request's {@code fromSeq}
   * @param lastEpoch the request's {@code lastEpoch}
   * @param commitSeq the primary's commit seq when it answered
   */
  record ImageNeeded(int shard, long epoch, long fromSeq, long lastEpoch, long commitSeq)
      implements FetchResponse {}

  /**
   * The request's epoch is below the answering primary's {@code epoch}: the requester follows a
   * stale shard map.
   */
  record StaleEpoch(int shard, long epoch) implements FetchResponse {}

  /**
   * The answering replica is not the primary of the request's epoch (it was fenced, restarted or
   * never promoted); {@code epoch} is the highest epoch it has seen.
   */
  record NotPrimary(int shard, long epoch) implements FetchResponse {}
}
