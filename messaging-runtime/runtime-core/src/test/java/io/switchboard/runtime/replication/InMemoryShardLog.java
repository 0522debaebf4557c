package io.switchboard.runtime.replication;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ShardLog} in memory whose entries become durable when the test calls {@link #sync()},
 * and whose {@link #crash()} keeps only what was durable. Truncations are modelled as durable at
 * once (the testkit's fake models them as the node log does); so is an installed {@link
 * ShardImage}, as the contract requires.
 */
final class InMemoryShardLog implements ShardLog {

  /**
   * Entries after {@link #imageSeq()}: entry {@code seq} is at index {@code seq - imageSeq - 1}.
   */
  private final List<ShardEntry> entries = new ArrayList<>();

  private final List<Long> committedOnceDurable = new ArrayList<>();

  private ShardImage image;
  private EpochHistory imageHistory = EpochHistory.empty();
  private long durableSeq;
  private long commitSeq;
  private long durableCommitSeq;
  private EpochRecord epochRecord = EpochRecord.INITIAL;

  /** Makes everything durable. */
  void sync() {
    durableSeq = lastSeq();
    durableCommitSeq = commitSeq;
  }

  /** Loses what was not durable; an installed image is durable. */
  void crash() {
    entries.subList(Math.toIntExact(durableSeq - imageSeq()), entries.size()).clear();
    commitSeq = durableCommitSeq;
  }

  /** Entry {@code seq}, which must be after {@link #imageSeq()}. */
  ShardEntry entry(long seq) {
    if (seq <= imageSeq()) {
      throw new IllegalArgumentException("entry " + seq + " is covered by " + image);
    }
    return entries.get(Math.toIntExact(seq - imageSeq() - 1));
  }

  /** The installed image, null if none. */
  ShardImage image() {
    return image;
  }

  @Override
  public long lastSeq() {
    return imageSeq() + entries.size();
  }

  @Override
  public long epochOf(long seq) {
    return seq <= imageSeq() ? imageHistory.epochOf(seq) : entry(seq).epoch();
  }

  @Override
  public long imageSeq() {
    return image == null ? 0 : image.seq();
  }

  @Override
  public void installImage(ShardImage installed) {
    image = installed;
    imageHistory = installed.history();
    entries.clear();
    durableSeq = installed.seq();
    commitSeq = installed.seq();
    durableCommitSeq = installed.seq();
  }

  @Override
  public List<ShardEntry> read(long fromSeq, int maxBytes) {
    List<ShardEntry> read = new ArrayList<>();
    long bytes = 0;
    for (long seq = fromSeq; seq <= lastSeq(); seq++) {
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
  public void appendCommittedOnceDurable(List<ShardEntry> appended) {
    committedOnceDurable.addAll(appended.stream().map(ShardEntry::seq).toList());
    append(appended);
  }

  /** Seqs of the entries appended with {@link #appendCommittedOnceDurable}, in order. */
  List<Long> committedOnceDurable() {
    return committedOnceDurable;
  }

  @Override
  public void truncateAfter(long seq) {
    if (seq < imageSeq()) {
      throw new IllegalArgumentException("cannot truncate into " + image + " after " + seq);
    }
    entries.subList(Math.toIntExact(seq - imageSeq()), entries.size()).clear();
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
