package io.switchboard.runtime.replication;

import java.util.List;

/**
 * One replica's storage of one shard's replicated log, as the replication classes see it: the
 * entries, what of them is durable, the recorded commit seq and the durable {@link EpochRecord}.
 * The node implements it over its durable log (ADR 0008, step 2); the testkit implements it in
 * memory with a disk that loses what was not synced.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Entries are numbered 1 to {@link #lastSeq()} without gaps; their epochs never decrease with
 *       the seq. Entries up to {@link #imageSeq()} are covered by an installed {@link ShardImage}:
 *       committed, their epochs known, their entries not readable.
 *   <li>{@link #append} and {@link #truncateAfter} change what {@link #read} returns at once; they
 *       become durable later, in the order they were made. The owner learns it from the storage and
 *       calls {@link ShardReplica#onDurable()}.
 *   <li>{@link #durableSeq()} is the highest seq such that entries 1 to it are durable and equal to
 *       what {@link #read} returns: after a crash the log holds at least them. It never exceeds
 *       {@link #lastSeq()} and drops to {@code seq} at most on {@code truncateAfter(seq)}.
 *   <li>{@link #commit} records the commit seq like an entry: durable in order with the entries
 *       before it, so a recorded commit seq never exceeds the entries that survive a crash.
 *   <li>{@link #storeEpochRecord} is durable when it returns.
 * </ul>
 *
 * Implementations need not be thread-safe: the replication classes are driven by one thread at a
 * time per shard.
 */
public interface ShardLog {

  /** Seq of the last entry, 0 when the log is empty. */
  long lastSeq();

  /**
   * Epoch of entry {@code seq}, for 1 &lt;= {@code seq} &lt;= {@link #lastSeq()} (entries covered
   * by an image included).
   */
  long epochOf(long seq);

  /** The last seq an installed {@link ShardImage} covers, 0 if none was installed. */
  long imageSeq();

  /**
   * Replaces the whole log by {@code image}: afterwards entries 1 to {@code image.seq()} are
   * covered by it and committed ({@link #lastSeq}, {@link #durableSeq}, {@link #commitSeq} and
   * {@link #imageSeq} are its seq), the epoch record stays. Durable when it returns.
   */
  void installImage(ShardImage image);

  /**
   * Entries from {@code fromSeq} ({@code > imageSeq()}) in seq order: at least one if {@code
   * fromSeq <= lastSeq()}, then more while their payloads total at most {@code maxBytes}. Empty
   * when {@code fromSeq > lastSeq()}.
   */
  List<ShardEntry> read(long fromSeq, int maxBytes);

  /** Appends entries whose seqs continue {@link #lastSeq()} without a gap. */
  void append(List<ShardEntry> entries);

  /**
   * Appends entries, as {@link #append}, that are committed as soon as they are durable: the
   * primary appending them is its group's only voter. A log may record their commit right behind
   * them (durable in order after them, typically in the same group commit), so that the {@link
   * #commit} that follows their durability needs no write of its own; {@link #commitSeq()} still
   * advances only through {@link #commit}. The default appends them like any entries.
   */
  default void appendCommittedOnceDurable(List<ShardEntry> entries) {
    append(entries);
  }

  /** Forgets every entry after {@code seq}, for 0 &lt;= {@code seq} &lt;= {@link #lastSeq()}. */
  void truncateAfter(long seq);

  /** See the class contract. */
  long durableSeq();

  /** The last recorded commit seq, 0 if none; after a restart, the last durable one. */
  long commitSeq();

  /** Records that entries up to {@code seq} are committed; {@code seq} only grows. */
  void commit(long seq);

  /** The durable epoch record, {@link EpochRecord#INITIAL} for a new replica. */
  EpochRecord epochRecord();

  /** Replaces the epoch record, durably before returning. */
  void storeEpochRecord(EpochRecord record);
}
