package io.switchboard.runtime.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * Maps (mailbox id, pts) to the log position of that mailbox entry, in primitive arrays only, so
 * that its memory per stored message is small and exactly countable.
 *
 * <p>Layout: an open-addressing hash table (linear probing, power-of-two capacity, load at most
 * 3/4) of three parallel arrays: {@code long[] mailboxIds}, {@code int[] counts} and {@code
 * long[][] positions}; slot {@code s} holds one mailbox whose entry with pts {@code p} is at log
 * position {@code positions[s][p - 1]}. A mailbox's array grows by half its length plus one when
 * full (lengths 1, 2, 4, 7, 11, 17, ...), so its spare capacity stays below a third.
 *
 * <p>Memory ({@link #accountedBytes()}) is the sum of every array's size on a 64-bit HotSpot JVM
 * with compressed references (the default below 32 GiB of heap): a 16-byte header plus the elements
 * (8 bytes per {@code long}, 4 per {@code int} or reference), rounded up to 8. Per entry that is 8
 * bytes, plus the spare capacity (less than half the used length: under 4 bytes), plus per mailbox
 * a 16-byte array header and its table slot (16 bytes at a load between 3/8 and 3/4: 21 to 43
 * bytes). So {@link #bytesPerEntry()} stays under 32 when mailboxes hold 3 or more entries on
 * average; a population of single-entry mailboxes would cost up to about 67 bytes per entry.
 *
 * <p>Invariants: pts of a mailbox run 1, 2, 3, ... with no gaps; positions within a mailbox
 * strictly increase; a value at index {@code i < count} of a positions array is never overwritten:
 * growth and truncation replace the array. The last invariant is what makes {@link #snapshot()}
 * cheap: it copies the table, not the entries.
 *
 * <p>Not thread-safe; {@link MailboxIndexer} guards it.
 */
public final class MailboxIndex {

  /** Bytes of an array header on 64-bit HotSpot with compressed class pointers. */
  static final int ARRAY_HEADER_BYTES = 16;

  /** Bytes of a compressed object reference. */
  static final int REFERENCE_BYTES = 4;

  private static final int INITIAL_SLOTS = 16;
  private static final long[] NO_POSITIONS = new long[0];
  private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;
  private static final int IO_CHUNK_LONGS = 8_192;

  private long[] mailboxIds;
  private int[] counts;
  private long[][] positions;
  private int shift;
  private int mailboxes;
  private long entries;
  private long positionArrayBytes;

  /** An empty index. */
  public MailboxIndex() {
    this(INITIAL_SLOTS);
  }

  private MailboxIndex(int slots) {
    mailboxIds = new long[slots];
    counts = new int[slots];
    positions = new long[slots][];
    shift = Long.numberOfLeadingZeros(slots - 1L);
  }

  /**
   * Records that mailbox {@code mailboxId}'s next entry is at {@code position}.
   *
   * @return the entry's pts: 1 for a mailbox's first entry, then one more each time
   * @throws IllegalArgumentException when {@code position} is not after the mailbox's last one
   */
  public int append(long mailboxId, long position) {
    int slot = slotOf(mailboxId);
    if (positions[slot] == null) {
      if ((mailboxes + 1L) * 4 > positions.length * 3L) {
        resize(positions.length * 2);
        slot = slotOf(mailboxId);
      }
      mailboxIds[slot] = mailboxId;
      positions[slot] = NO_POSITIONS;
      mailboxes++;
    }
    long[] mailbox = positions[slot];
    int count = counts[slot];
    if (count > 0 && position <= mailbox[count - 1]) {
      throw new IllegalArgumentException(
          "position "
              + position
              + " is not after mailbox "
              + mailboxId
              + "'s last entry at "
              + mailbox[count - 1]);
    }
    if (count == Integer.MAX_VALUE - 1) {
      throw new IllegalStateException("mailbox " + mailboxId + " is full");
    }
    if (count == mailbox.length) {
      long[] grown =
          Arrays.copyOf(mailbox, (int) Math.min(Integer.MAX_VALUE - 1L, count + (count >> 1) + 1L));
      positionArrayBytes += longArrayBytes(grown.length) - positionArrayBytesOf(mailbox);
      mailbox = grown;
      positions[slot] = grown;
    }
    mailbox[count] = position;
    counts[slot] = count + 1;
    entries++;
    return count + 1;
  }

  /** The pts of the mailbox's last entry, 0 when it has none. */
  public int lastPts(long mailboxId) {
    int slot = slotOf(mailboxId);
    return positions[slot] == null ? 0 : counts[slot];
  }

  /**
   * The log position of the mailbox's entry {@code pts}.
   *
   * @throws NoSuchElementException when {@code pts} is not from 1 to {@link #lastPts}
   */
  public long position(long mailboxId, int pts) {
    int slot = slotOf(mailboxId);
    int count = positions[slot] == null ? 0 : counts[slot];
    if (pts < 1 || pts > count) {
      throw new NoSuchElementException(
          "mailbox " + mailboxId + " has pts 1 to " + count + ", not " + pts);
    }
    return positions[slot][pts - 1];
  }

  /**
   * Forgets every entry at a position after {@code lastKeptPosition}, in every mailbox. A mailbox
   * left without entries stays known, with {@link #lastPts} 0; its next entry gets pts 1 again.
   */
  public void truncateAfter(long lastKeptPosition) {
    for (int slot = 0; slot < positions.length; slot++) {
      long[] mailbox = positions[slot];
      if (mailbox == null) {
        continue;
      }
      int count = counts[slot];
      int kept = count;
      while (kept > 0 && mailbox[kept - 1] > lastKeptPosition) {
        kept--;
      }
      if (kept < count) {
        long[] shortened = kept == 0 ? NO_POSITIONS : Arrays.copyOf(mailbox, kept);
        positionArrayBytes += positionArrayBytesOf(shortened) - positionArrayBytesOf(mailbox);
        positions[slot] = shortened;
        counts[slot] = kept;
        entries -= count - kept;
      }
    }
  }

  /** Entries over all mailboxes. */
  public long entries() {
    return entries;
  }

  /** Mailboxes known, including those truncated to no entries. */
  public int mailboxes() {
    return mailboxes;
  }

  /** Bytes of every array the index holds, counted from their lengths; see the class Javadoc. */
  public long accountedBytes() {
    return longArrayBytes(mailboxIds.length)
        + intArrayBytes(counts.length)
        + referenceArrayBytes(positions.length)
        + positionArrayBytes;
  }

  /** {@link #accountedBytes()} per entry, 0 when there are none. */
  public double bytesPerEntry() {
    return entries == 0 ? 0 : (double) accountedBytes() / entries;
  }

  /**
   * Captures the index in time proportional to the number of table slots, not entries: the snapshot
   * shares the positions arrays, whose captured part never changes (see the invariants). The
   * snapshot can be written from another thread while this index keeps changing.
   */
  public Snapshot snapshot() {
    return new Snapshot(mailboxIds.clone(), counts.clone(), positions.clone(), mailboxes, entries);
  }

  /**
   * Reads an index written by {@link Snapshot#writeTo}.
   *
   * @throws IOException when the data is truncated or inconsistent
   */
  public static MailboxIndex readFrom(DataInput in) throws IOException {
    int mailboxes = in.readInt();
    long entries = in.readLong();
    if (mailboxes < 0 || entries < 0) {
      throw new IOException("negative sizes in a mailbox index: " + mailboxes + ", " + entries);
    }
    MailboxIndex index = new MailboxIndex(slotsFor(mailboxes));
    ByteBuffer chunk = ByteBuffer.allocate(IO_CHUNK_LONGS * Long.BYTES);
    long remaining = entries;
    for (int i = 0; i < mailboxes; i++) {
      long mailboxId = in.readLong();
      int count = in.readInt();
      if (count < 0 || count > remaining) {
        throw new IOException("mailbox " + mailboxId + " claims " + count + " entries");
      }
      int slot = index.slotOf(mailboxId);
      if (index.positions[slot] != null) {
        throw new IOException("mailbox " + mailboxId + " appears twice");
      }
      long[] mailbox = count == 0 ? NO_POSITIONS : new long[count];
      readLongs(in, mailbox, chunk);
      for (int p = 1; p < count; p++) {
        if (mailbox[p] <= mailbox[p - 1]) {
          throw new IOException("mailbox " + mailboxId + " positions do not increase");
        }
      }
      index.mailboxIds[slot] = mailboxId;
      index.positions[slot] = mailbox;
      index.counts[slot] = count;
      index.positionArrayBytes += positionArrayBytesOf(mailbox);
      remaining -= count;
    }
    if (remaining != 0) {
      throw new IOException(remaining + " entries announced but missing");
    }
    index.mailboxes = mailboxes;
    index.entries = entries;
    return index;
  }

  /** A captured state of the index; see {@link #snapshot()}. Immutable. */
  public static final class Snapshot {

    private final long[] mailboxIds;
    private final int[] counts;
    private final long[][] positions;
    private final int mailboxes;
    private final long entries;

    private Snapshot(
        long[] mailboxIds, int[] counts, long[][] positions, int mailboxes, long entries) {
      this.mailboxIds = mailboxIds;
      this.counts = counts;
      this.positions = positions;
      this.mailboxes = mailboxes;
      this.entries = entries;
    }

    /**
     * Writes the captured index: mailbox count (int), entry count (long), then per mailbox its id
     * (long), its entry count (int) and its positions (longs, in pts order).
     */
    public void writeTo(DataOutput out) throws IOException {
      out.writeInt(mailboxes);
      out.writeLong(entries);
      ByteBuffer chunk = ByteBuffer.allocate(IO_CHUNK_LONGS * Long.BYTES);
      for (int slot = 0; slot < positions.length; slot++) {
        if (positions[slot] != null) {
          out.writeLong(mailboxIds[slot]);
          out.writeInt(counts[slot]);
          writeLongs(out, positions[slot], counts[slot], chunk);
        }
      }
    }
  }

  private int slotOf(long mailboxId) {
    int mask = positions.length - 1;
    int slot = (int) ((mailboxId * HASH_MULTIPLIER) >>> shift) & mask;
    while (positions[slot] != null && mailboxIds[slot] != mailboxId) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void resize(int slots) {
    long[] oldIds = mailboxIds;
    int[] oldCounts = counts;
    long[][] oldPositions = positions;
    mailboxIds = new long[slots];
    counts = new int[slots];
    positions = new long[slots][];
    shift = Long.numberOfLeadingZeros(slots - 1L);
    for (int old = 0; old < oldPositions.length; old++) {
      if (oldPositions[old] != null) {
        int slot = slotOf(oldIds[old]);
        mailboxIds[slot] = oldIds[old];
        counts[slot] = oldCounts[old];
        positions[slot] = oldPositions[old];
      }
    }
  }

  private static int slotsFor(int mailboxes) {
    int slots = INITIAL_SLOTS;
    while ((long) mailboxes * 4 > slots * 3L) {
      slots *= 2;
    }
    return slots;
  }

  private static void writeLongs(DataOutput out, long[] values, int count, ByteBuffer chunk)
      throws IOException {
    for (int from = 0; from < count; from += IO_CHUNK_LONGS) {
      int length = Math.min(IO_CHUNK_LONGS, count - from);
      chunk.clear();
      chunk.asLongBuffer().put(values, from, length);
      out.write(chunk.array(), 0, length * Long.BYTES);
    }
  }

  private static void readLongs(DataInput in, long[] values, ByteBuffer chunk) throws IOException {
    for (int from = 0; from < values.length; from += IO_CHUNK_LONGS) {
      int length = Math.min(IO_CHUNK_LONGS, values.length - from);
      in.readFully(chunk.array(), 0, length * Long.BYTES);
      chunk.clear();
      chunk.asLongBuffer().get(values, from, length);
    }
  }

  private static long positionArrayBytesOf(long[] mailbox) {
    return mailbox == NO_POSITIONS ? 0 : longArrayBytes(mailbox.length);
  }

  private static long longArrayBytes(int length) {
    return ARRAY_HEADER_BYTES + (long) length * Long.BYTES;
  }

  private static long intArrayBytes(int length) {
    return alignedTo8(ARRAY_HEADER_BYTES + (long) length * Integer.BYTES);
  }

  private static long referenceArrayBytes(int length) {
    return alignedTo8(ARRAY_HEADER_BYTES + (long) length * REFERENCE_BYTES);
  }

  private static long alignedTo8(long bytes) {
    return (bytes + 7) & ~7L;
  }
}
