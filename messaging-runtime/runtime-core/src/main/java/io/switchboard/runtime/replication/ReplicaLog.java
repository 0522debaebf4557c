package io.switchboard.runtime.replication;

import java.util.List;

/**
 * This replica's log of one shard: the {@link ShardLog} with its {@link EpochHistory} kept in step,
 * and the guards that every role relies on.
 *
 * <p>Invariants it enforces:
 *
 * <ul>
 *   <li>Appended entries continue the log without a gap, with epochs that never decrease.
 *   <li>The commit seq never moves back and never exceeds the last seq.
 *   <li>No truncation removes a committed entry: it fails with {@link IllegalStateException}, since
 *       only a broken protocol (or storage) can ask for it.
 * </ul>
 */
final class ReplicaLog {

  private final ShardLog log;
  private EpochHistory history;

  private ReplicaLog(ShardLog log, EpochHistory history) {
    this.log = log;
    this.history = history;
  }

  /** Opens the log as it is in storage (after a restart: what was durable). */
  static ReplicaLog open(ShardLog log) {
    ReplicaLog opened = new ReplicaLog(log, EpochHistory.of(log));
    if (log.commitSeq() > log.lastSeq()) {
      throw new IllegalStateException(
          "recorded commit seq " + log.commitSeq() + " is beyond the last entry " + log.lastSeq());
    }
    return opened;
  }

  long lastSeq() {
    return history.lastSeq();
  }

  long lastEpoch() {
    return history.lastEpoch();
  }

  long epochOf(long seq) {
    return history.epochOf(seq);
  }

  long endOfEpoch(long epoch) {
    return history.endOfEpoch(epoch);
  }

  long durableSeq() {
    return log.durableSeq();
  }

  long commitSeq() {
    return log.commitSeq();
  }

  /** Whether the log holds entry {@code seq} with {@code epoch}; seq 0 is held with epoch 0. */
  boolean holds(long seq, long epoch) {
    return seq >= 0 && seq <= lastSeq() && epochOf(seq) == epoch;
  }

  /** The last seq an installed image covers: entries up to it cannot be read. */
  long imageSeq() {
    return log.imageSeq();
  }

  List<ShardEntry> read(long fromSeq, int maxBytes) {
    if (fromSeq <= imageSeq()) {
      throw new IllegalArgumentException(
          "entries up to " + imageSeq() + " are covered by an image; cannot read from " + fromSeq);
    }
    return log.read(fromSeq, maxBytes);
  }

  /**
   * Replaces the log by {@code image}, durably.
   *
   * @param dropsLostLineage the log holds committed entries of a lineage a cross-DC failover
   *     abandoned (see {@link FollowerReplication}): the image may then end before the commit seq
   * @throws IllegalStateException if the image does not cover every committed entry and {@code
   *     dropsLostLineage} is false
   */
  void installImage(ShardImage image, boolean dropsLostLineage) {
    if (image.seq() < commitSeq() && !dropsLostLineage) {
      throw new IllegalStateException(
          "refusing an image at "
              + image.seq()
              + ": entries up to "
              + commitSeq()
              + " are committed");
    }
    log.installImage(image);
    history = image.history();
  }

  /** Appends entries that continue the log; see the class invariants. */
  void append(List<ShardEntry> entries) {
    append(entries, false);
  }

  /**
   * Appends entries that are committed once durable (the primary is its group's only voter); see
   * {@link ShardLog#appendCommittedOnceDurable}.
   */
  void appendCommittedOnceDurable(List<ShardEntry> entries) {
    append(entries, true);
  }

  private void append(List<ShardEntry> entries, boolean committedOnceDurable) {
    if (entries.isEmpty()) {
      return;
    }
    long seq = lastSeq();
    long epoch = lastEpoch();
    for (ShardEntry entry : entries) {
      if (entry.seq() != ++seq || entry.epoch() < epoch) {
        throw new IllegalArgumentException(
            "entry " + entry + " does not continue the log at " + (seq - 1) + ", epoch " + epoch);
      }
      epoch = entry.epoch();
    }
    if (committedOnceDurable) {
      log.appendCommittedOnceDurable(entries);
    } else {
      log.append(entries);
    }
    for (ShardEntry entry : entries) {
      history.append(entry.seq(), entry.epoch());
    }
  }

  /**
   * Forgets the entries after {@code seq}.
   *
   * @throws IllegalStateException if that would remove a committed entry
   */
  void truncateAfter(long seq) {
    if (seq < commitSeq()) {
      throw new IllegalStateException(
          "refusing to truncate after "
              + seq
              + ": entries up to "
              + commitSeq()
              + " are committed");
    }
    if (seq < lastSeq()) {
      log.truncateAfter(seq);
      history.truncateAfter(seq);
    }
  }

  /**
   * Moves the commit seq to {@code seq} if that is forward.
   *
   * @return whether it moved
   */
  boolean advanceCommit(long seq) {
    if (seq <= commitSeq()) {
      return false;
    }
    if (seq > lastSeq()) {
      throw new IllegalStateException(
          "cannot commit " + seq + " beyond the last entry " + lastSeq());
    }
    log.commit(seq);
    return true;
  }

  EpochRecord epochRecord() {
    return log.epochRecord();
  }

  void storeEpochRecord(EpochRecord record) {
    log.storeEpochRecord(record);
  }

  /** The durable end of the log as {@code (epoch of the last durable entry, its seq)}. */
  long durableEpoch() {
    return epochOf(durableSeq());
  }
}
