package io.switchboard.runtime.replication;

import java.util.List;
import java.util.Optional;

/**
 * The follower side of one shard's replication: fetches from the primary the shard map names at an
 * epoch, and applies the answers. Async replicas follow the same way. Created by {@link
 * ShardReplica#follow}; replaced when the replica is pointed elsewhere or sees a higher epoch.
 *
 * <p>Algorithm:
 *
 * <ol>
 *   <li>{@link #nextFetch()} asks from {@code lastSeq + 1} with the epoch of entry {@code lastSeq},
 *       but only once every entry is durable ({@code durableSeq == lastSeq}): the request tells the
 *       primary that the follower durably holds what precedes {@code fromSeq}. Until then it
 *       returns empty, and {@link ShardReplica#onDurable()} releases it (long polling).
 *   <li>Answers of another epoch than the followed one change nothing (a lower one is fenced).
 *   <li>{@code Diverging(endSeq)}: if the log still ends where the request said, drop the entries
 *       after {@code endSeq}, then fetch again; repeated, this reaches the last common entry. If
 *       {@code endSeq} lies below the commit seq of a log whose last entry is of an older epoch
 *       than the followed one, the log holds committed entries the primary's history lacks: only a
 *       cross-DC failover (an asynchronous replica promoted after the loss of the shard's home DC)
 *       leaves them, and they are the writes lost with that DC. The state they built cannot be cut
 *       back entry by entry, so the follower asks for an image instead (as for ImageNeeded below)
 *       and replaces its whole log by it, whatever its seq.
 *   <li>{@code Entries}: if the log still holds entry {@code fromSeq - 1} of the answer's previous
 *       epoch (the check that makes delayed and duplicated answers harmless), each entry already
 *       held with the same epoch is skipped; the first one held with another epoch cuts the log
 *       before it; the rest is appended.
 *   <li>Then the log matches the primary's up to {@code fromSeq - 1 + entries}; the commit seq
 *       advances to {@code min(answer's commit seq, last seq known to match)} and never moves back.
 *   <li>{@code ImageNeeded}: if the log still ends where the request said, the follower notes that
 *       end, and the owner fetches a {@link ShardImage} from the primary and {@link #installImage
 *       installs} it. An image replaces the log only while the log still ends where the ImageNeeded
 *       answered, and only if it covers the whole log ({@code seq >= lastSeq}): the follower may
 *       have reported any of its entries durable to the primary (also before a restart), which
 *       counted them for its commit seq, so dropping one could lose a committed entry. A primary of
 *       the same epoch answers ImageNeeded only when its commit seq (and so every later image of
 *       it) is at or beyond the requester's log end, so the check costs nothing in the normal case.
 * </ol>
 */
public final class FollowerReplication {

  private final int shard;
  private final String self;
  private final String primaryId;
  private final long epoch;
  private final ReplicaLog log;
  private final ReplicationListener listener;
  private long matchSeq;
  private long imageNeededFrom = -1;
  private long imageNeededLastEpoch = -1;

  /** Whether the awaited image replaces committed entries of a lost lineage (see Diverging). */
  private boolean imageReplacesLostLineage;

  FollowerReplication(
      int shard,
      String self,
      String primaryId,
      long epoch,
      ReplicaLog log,
      ReplicationListener listener) {
    this.shard = shard;
    this.self = self;
    this.primaryId = primaryId;
    this.epoch = epoch;
    this.log = log;
    this.listener = listener;
  }

  /**
   * The fetch to send to {@link #primaryId()} now, or empty while appended entries are not yet
   * durable. Calling it again builds the same request until the log changes, so a lost request is
   * simply sent again.
   */
  public Optional<FetchRequest> nextFetch() {
    if (log.durableSeq() < log.lastSeq()) {
      return Optional.empty();
    }
    return Optional.of(new FetchRequest(shard, epoch, self, log.lastSeq() + 1, log.lastEpoch()));
  }

  /** Applies an answer from the followed primary; see the class algorithm. */
  FetchOutcome onFetchResponse(FetchResponse response) {
    if (response.epoch() != epoch) {
      return FetchOutcome.IGNORED;
    }
    if (response instanceof FetchResponse.Diverging diverging) {
      return onDiverging(diverging);
    }
    if (response instanceof FetchResponse.Entries entries) {
      return onEntries(entries);
    }
    if (response instanceof FetchResponse.ImageNeeded needed) {
      if (!endsAt(needed.fromSeq(), needed.lastEpoch())) {
        return FetchOutcome.IGNORED;
      }
      return awaitImage(false);
    }
    return response instanceof FetchResponse.NotPrimary
        ? FetchOutcome.NOT_PRIMARY
        : FetchOutcome.IGNORED;
  }

  private FetchOutcome onDiverging(FetchResponse.Diverging diverging) {
    if (!endsAt(diverging.fromSeq(), diverging.lastEpoch())) {
      return FetchOutcome.IGNORED;
    }
    if (diverging.endSeq() < log.commitSeq() && log.lastEpoch() < epoch) {
      return awaitImage(true);
    }
    log.truncateAfter(diverging.endSeq());
    matchSeq = Math.min(matchSeq, diverging.endSeq());
    return FetchOutcome.TRUNCATED;
  }

  /** Notes where the log ends now: the image asked for is installed only while it still ends so. */
  private FetchOutcome awaitImage(boolean replacesLostLineage) {
    imageNeededFrom = log.lastSeq() + 1;
    imageNeededLastEpoch = log.lastEpoch();
    imageReplacesLostLineage = replacesLostLineage;
    return FetchOutcome.IMAGE_NEEDED;
  }

  private FetchOutcome onEntries(FetchResponse.Entries answer) {
    long prevSeq = answer.fromSeq() - 1;
    if (!log.holds(prevSeq, answer.prevEpoch())) {
      return FetchOutcome.IGNORED;
    }
    List<ShardEntry> entries = answer.entries();
    int firstNew = 0;
    while (firstNew < entries.size()) {
      ShardEntry entry = entries.get(firstNew);
      if (entry.seq() > log.lastSeq()) {
        break;
      }
      if (log.epochOf(entry.seq()) != entry.epoch()) {
        log.truncateAfter(entry.seq() - 1);
        break;
      }
      firstNew++;
    }
    List<ShardEntry> appended = entries.subList(firstNew, entries.size());
    log.append(appended);
    matchSeq = Math.max(matchSeq, prevSeq + entries.size());
    long commit = Math.min(answer.commitSeq(), matchSeq);
    if (log.advanceCommit(commit)) {
      listener.committed(commit);
    }
    return appended.isEmpty() ? FetchOutcome.NOTHING_NEW : FetchOutcome.APPENDED;
  }

  /**
   * Replaces the log by {@code image} from the followed primary, unless the image is of another
   * shard or epoch, the log changed since the primary answered ImageNeeded for its end, or the
   * image does not cover the whole log while the log holds no lost lineage (see the class
   * algorithm).
   *
   * @return whether it was installed
   */
  boolean installImage(ShardImage image) {
    if (image.shard() != shard
        || image.epoch() != epoch
        || !endsAt(imageNeededFrom, imageNeededLastEpoch)
        || (image.seq() < log.lastSeq() && !imageReplacesLostLineage)) {
      return false;
    }
    log.installImage(image, imageReplacesLostLineage);
    matchSeq = image.seq();
    imageNeededFrom = -1;
    imageReplacesLostLineage = false;
    if (image.seq() > 0) {
      listener.committed(image.seq());
    }
    return true;
  }

  /** Whether the log ends just before {@code fromSeq}, with an entry of {@code lastEpoch}. */
  private boolean endsAt(long fromSeq, long lastEpoch) {
    return fromSeq == log.lastSeq() + 1 && lastEpoch == log.lastEpoch();
  }

  /** The primary it fetches from. */
  public String primaryId() {
    return primaryId;
  }

  /** The epoch it follows. */
  public long epoch() {
    return epoch;
  }
}
