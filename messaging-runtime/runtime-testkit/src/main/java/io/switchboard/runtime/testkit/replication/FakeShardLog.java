package io.switchboard.runtime.testkit.replication;

import io.switchboard.runtime.replication.EpochHistory;
import io.switchboard.runtime.replication.EpochRecord;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.replication.ShardImage;
import io.switchboard.runtime.replication.ShardLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 *   <li>The epoch record is durable as soon as it is stored; so is an installed {@link ShardImage}
 *       ({@link #installImage}) or one the log made of its own prefix ({@link #compact}).
 * </ul>
 *
 * <p>A {@link ShardImage}'s state is, here, its entries in the {@link EncodedEntries} encoding: a
 * checker compares them with the entries other replicas committed. Entries an image covers are not
 * {@link #read} any more, but {@link #entry} still decodes them from the image.
 *
 * <p>It also remembers the lowest seq a truncation or an install removed, so a checker can tell
 * whether a committed entry was ever removed. Not thread-safe.
 */
public final class FakeShardLog implements ShardLog {

  /** Entries after {@link #imageSeq()}: entry {@code seq} is at {@code seq - imageSeq() - 1}. */
  private final List<ShardEntry> entries = new ArrayList<>();

  private final List<ShardEntry> durableTail = new ArrayList<>();
  private ShardImage image;
  private EpochHistory imageHistory = EpochHistory.empty();

  /**
   * Committed entries 1 to {@code encoded.count()}, encoded: the state of the next image. It always
   * holds at least the entries the image covers, which are read from it.
   */
  private EncodedEntries encoded = EncodedEntries.empty();

  /**
   * The last image {@link #imageOf} made, until a crash or a truncation: asked again for the same
   * one, it returns it.
   */
  private ShardImage lastMade;

  private long durableSeq;
  private long commitSeq;
  private long durableCommitSeq;
  private EpochRecord epochRecord = EpochRecord.INITIAL;
  private long lowestRemovedSeq = Long.MAX_VALUE;

  /** Makes everything durable, as an fsync of the node log would. */
  public void sync() {
    durableTail.clear();
    durableSeq = lastSeq();
    durableCommitSeq = commitSeq;
  }

  /** A machine crash: the visible log becomes what the disk holds (an image included). */
  public void crash() {
    entries.subList(index(durableSeq + 1), entries.size()).clear();
    entries.addAll(durableTail);
    durableTail.clear();
    durableSeq = lastSeq();
    commitSeq = durableCommitSeq;
    encoded.cutTo(durableCommitSeq);
    lastMade = null;
  }

  /** Entry {@code seq} of the visible log; decoded from the image if it covers it. */
  public ShardEntry entry(long seq) {
    if (seq < 1 || seq > lastSeq()) {
      throw new IllegalArgumentException("entry " + seq + " is outside 1.." + lastSeq());
    }
    return seq <= imageSeq() ? encoded.entry(seq) : entries.get(index(seq));
  }

  /** The commit seq a crash would leave. */
  public long durableCommitSeq() {
    return durableCommitSeq;
  }

  /** The image the log starts with, if any. */
  public Optional<ShardImage> image() {
    return Optional.ofNullable(image);
  }

  /**
   * The image of this log's entries 1 to {@code seq}, which must be committed, as the primary of
   * {@code epoch} of {@code shard} sends it: its epoch history and, as state, the entries encoded.
   * The same image asked twice in a row is made once.
   */
  public ShardImage imageOf(int shard, long epoch, long seq) {
    if (seq > commitSeq) {
      throw new IllegalArgumentException(
          "an image holds committed entries; " + seq + " is beyond " + commitSeq);
    }
    return imageOfPrefix(shard, epoch, seq);
  }

  /**
   * Like {@link #imageOf}, but of any prefix, uncommitted entries included: for a simulation fault
   * only. Entries of a primary's epoch do not change while it serves, and a truncation or a crash
   * forgets the encoding of what it removes.
   */
  ShardImage imageOfPrefix(int shard, long epoch, long seq) {
    if (seq > lastSeq()) {
      throw new IllegalArgumentException("no entry " + seq + " beyond " + lastSeq());
    }
    while (encoded.count() < seq) {
      encoded.append(entry(encoded.count() + 1));
    }
    if (lastMade != null
        && lastMade.shard() == shard
        && lastMade.epoch() == epoch
        && lastMade.seq() == seq) {
      return lastMade;
    }
    EpochHistory history = EpochHistory.of(this);
    lastMade =
        new ShardImage(
            shard,
            epoch,
            seq,
            history.epochsUpTo(seq),
            history.firstSeqsUpTo(seq),
            encoded.copyThrough(seq));
    return lastMade;
  }

  /**
   * Compacts the log as a node would: its durably committed prefix becomes an image (of the epoch
   * of its last entry), entries after it stay. Durable at once; nothing changes for the running
   * replica except that it no longer reads the entries the image covers.
   *
   * @return the new image, empty if the durable commit seq is not beyond the current image
   */
  public Optional<ShardImage> compact(int shard) {
    long seq = durableCommitSeq;
    if (seq <= imageSeq()) {
      return Optional.empty();
    }
    ShardImage compacted = imageOf(shard, epochOf(seq), seq);
    entries.subList(0, Math.toIntExact(seq - imageSeq())).clear();
    image = compacted;
    imageHistory = compacted.history();
    return Optional.of(compacted);
  }

  /**
   * The lowest seq removed by {@link #truncateAfter} or {@link #installImage} since the previous
   * call ({@link Long#MAX_VALUE} if none), and starts remembering afresh.
   */
  public long takeLowestRemovedSeq() {
    long lowest = lowestRemovedSeq;
    lowestRemovedSeq = Long.MAX_VALUE;
    return lowest;
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

  /**
   * Replaces the log by {@code installed}, durably at once. Entries the log held after the image's
   * seq count as removed; those it covers are replaced by the image's own.
   *
   * @throws IllegalArgumentException if the image's state is not its entries 1 to its seq, with the
   *     epochs its history gives
   * @throws IllegalStateException if it would drop committed entries
   */
  @Override
  public void installImage(ShardImage installed) {
    if (installed.seq() < commitSeq) {
      throw new IllegalStateException(
          "an image at " + installed.seq() + " would drop entries committed up to " + commitSeq);
    }
    EncodedEntries parsed = EncodedEntries.parse(installed.state());
    if (parsed.count() != installed.seq()) {
      throw new IllegalArgumentException(
          installed + " holds " + parsed.count() + " entries instead of " + installed.seq());
    }
    EpochHistory history = installed.history();
    for (long seq = 1; seq <= parsed.count(); seq++) {
      if (parsed.epochOf(seq) != history.epochOf(seq)) {
        throw new IllegalArgumentException(
            installed
                + ": entry "
                + seq
                + " is of epoch "
                + parsed.epochOf(seq)
                + ", not "
                + history);
      }
    }
    if (lastSeq() > installed.seq()) {
      lowestRemovedSeq = Math.min(lowestRemovedSeq, installed.seq() + 1);
    }
    entries.clear();
    durableTail.clear();
    durableSeq = installed.seq();
    commitSeq = installed.seq();
    durableCommitSeq = installed.seq();
    encoded = parsed;
    image = installed;
    imageHistory = history;
  }

  /**
   * Entries from {@code fromSeq}; see {@link ShardLog#read}.
   *
   * @throws IllegalArgumentException if the image covers {@code fromSeq}
   */
  @Override
  public List<ShardEntry> read(long fromSeq, int maxBytes) {
    if (fromSeq <= imageSeq()) {
      throw new IllegalArgumentException(
          "cannot read from " + fromSeq + ": an image covers entries up to " + imageSeq());
    }
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
    for (ShardEntry entry : appended) {
      if (entry.seq() != lastSeq() + 1) {
        throw new IllegalArgumentException("entry " + entry + " leaves a gap after " + lastSeq());
      }
      entries.add(entry);
    }
  }

  @Override
  public void truncateAfter(long seq) {
    if (seq < imageSeq()) {
      throw new IllegalArgumentException(
          "cannot truncate after " + seq + ": an image covers entries up to " + imageSeq());
    }
    if (seq >= lastSeq()) {
      return;
    }
    if (seq < durableSeq) {
      durableTail.addAll(0, entries.subList(index(seq + 1), index(durableSeq + 1)));
      durableSeq = seq;
    }
    entries.subList(index(seq + 1), entries.size()).clear();
    encoded.cutTo(seq);
    lastMade = null;
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
    if (seq < commitSeq || seq > lastSeq()) {
      throw new IllegalArgumentException(
          "commit " + seq + " outside " + commitSeq + ".." + lastSeq());
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

  /** Index in {@link #entries} of entry {@code seq} (after the image). */
  private int index(long seq) {
    return Math.toIntExact(seq - imageSeq() - 1);
  }
}
