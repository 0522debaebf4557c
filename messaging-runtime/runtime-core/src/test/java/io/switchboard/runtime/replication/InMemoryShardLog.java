package io.switchboard.runtime.replication;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ShardLog} in memory whose entries become durable when the test calls {@link #sync()},
 * and whose {@link #crash()} keeps only what was durable. Truncations are modelled as durable at
 * once (the testkit's fake models them as the node log does).
 */
final class InMemoryShardLog implements ShardLog {

  private final List<ShardEntry> entries = new ArrayList<>();
  private long durableSeq;
  private long commitSeq;
  private long durableCommitSeq;
  private EpochRecord epochRecord = EpochRecord.INITIAL;

  /** Makes everything durable. */
  void sync() {
    durableSeq = entries.size();
    durableCommitSeq = commitSeq;
  }

  /** Loses what was not durable. */
  void crash() {
    entries.subList((int) durableSeq, entries.size()).clear();
    commitSeq = durableCommitSeq;
  }

  ShardEntry entry(long seq) {
    return entries.get((int) seq - 1);
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
    entries.addAll(appended);
  }

  @Override
  public void truncateAfter(long seq) {
    entries.subList((int) seq, entries.size()).clear();
    durableSeq = Math.min(durableSeq, seq);
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
