package io.switchboard.runtime.testkit.replication;

import io.switchboard.runtime.replication.EpochRecord;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.replication.ShardLog;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link ShardLog} on a disk that keeps only what was synced, for simulations of
 * replication.
 *
 * <p>It keeps what the running replica sees and, separately, what the disk holds: the first {@link
 * #durableSeq()} entries of the visible log plus a durable tail, which is what the disk still holds
 * beyond them (entries that a truncation removed from view but that no sync has overwritten yet).
 * Like the node log, the disk applies appends, truncations and commit records in order, and a sync
 * makes all of them durable at once:
 *
 * <ul>
 *   <li>{@link #sync()} makes the visible log, its commit seq included, the durable one.
 *   <li>{@link #crash()} replaces the visible log by the durable one: unsynced appends vanish,
 *       unsynced truncations are undone, and the commit seq returns to the last synced one.
 *   <li>The epoch record is durable as soon as it is stored.
 * </ul>
 *
 * It also remembers the lowest seq a truncation removed, so a checker can tell whether a committed
 * entry was ever removed. Not thread-safe.
 */
public final class FakeShardLog implements ShardLog {

  private final List<ShardEntry> entries = new ArrayList<>();
  private final List<ShardEntry> durableTail = new ArrayList<>();
  private int durableSeq;
  private long commitSeq;
  private long durableCommitSeq;
  private EpochRecord epochRecord = EpochRecord.INITIAL;
  private long lowestRemovedSeq = Long.MAX_VALUE;

  /** Makes everything durable, as an fsync of the node log would. */
  public void sync() {
    durableTail.clear();
    durableSeq = entries.size();
    durableCommitSeq = commitSeq;
  }

  /** A machine crash: the visible log becomes what the disk holds. */
  public void crash() {
    entries.subList(durableSeq, entries.size()).clear();
    entries.addAll(durableTail);
    durableTail.clear();
    durableSeq = entries.size();
    commitSeq = durableCommitSeq;
  }

  /** Entry {@code seq} of the visible log. */
  public ShardEntry entry(long seq) {
    return entries.get(Math.toIntExact(seq - 1));
  }

  /** The commit seq a crash would leave. */
  public long durableCommitSeq() {
    return durableCommitSeq;
  }

  /**
   * The lowest seq removed by {@link #truncateAfter} since the previous call ({@link
   * Long#MAX_VALUE} if none), and starts remembering afresh.
   */
  public long takeLowestRemovedSeq() {
    long lowest = lowestRemovedSeq;
    lowestRemovedSeq = Long.MAX_VALUE;
    return lowest;
  }

  @Override
  public long lastSeq() {
    return entries.size();
  }

  @Override
  public long epochOf(long seq) {
    return entry(seq).epoch();
  }

  @Override
  public List<ShardEntry> read(long fromSeq, int maxBytes) {
    List<ShardEntry> read = new ArrayList<>();
    long bytes = 0;
    for (long seq = fromSeq; seq <= entries.size(); seq++) {
      ShardEntry entry = entry(seq);
      bytes += entry.payload().length;
      if (!read.isEmpty() && bytes > maxBytes) {
        break;
      }
      read.add(entry);
    }
    return read;
  }

  @Override
  public void append(List<ShardEntry> appended) {
    for (ShardEntry entry : appended) {
      if (entry.seq() != entries.size() + 1) {
        throw new IllegalArgumentException("entry " + entry + " leaves a gap after " + lastSeq());
      }
      entries.add(entry);
    }
  }

  @Override
  public void truncateAfter(long seq) {
    int kept = Math.toIntExact(seq);
    if (kept >= entries.size()) {
      return;
    }
    if (kept < durableSeq) {
      durableTail.addAll(0, entries.subList(kept, durableSeq));
      durableSeq = kept;
    }
    entries.subList(kept, entries.size()).clear();
    lowestRemovedSeq = Math.min(lowestRemovedSeq, seq + 1);
  }

  @Override
  public long durableSeq() {
    return durableSeq;
  }

  @Override
  public long commitSeq() {
    return commitSeq;
  }

  @Override
  public void commit(long seq) {
    if (seq < commitSeq || seq > entries.size()) {
      throw new IllegalArgumentException(
          "commit " + seq + " outside " + commitSeq + ".." + entries.size());
    }
    commitSeq = seq;
  }

  @Override
  public EpochRecord epochRecord() {
    return epochRecord;
  }

  @Override
  public void storeEpochRecord(EpochRecord record) {
    epochRecord = record;
  }
}
