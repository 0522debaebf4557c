package io.switchboard.runtime.replication.node;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One shard's entry positions by seq, compact: about 4 bytes per entry instead of 8. Entries are
 * grouped in chunks of {@value #CHUNK} seqs; a chunk keeps the position of its first entry (a
 * {@code long}), each entry its distance from it as an unsigned {@code int}. An entry more than 4
 * GiB of node log after its chunk's first one (a shard written rarely on a busy node) goes to a
 * small overflow map instead. Arrays grow by an eighth, so spare capacity stays small.
 *
 * <p>Positions grow with the seq (the log is append-only). Only the last entries are ever removed
 * ({@link #truncateAfter}) and rewritten; a grown array is a new one. Not thread-safe.
 */
final class SeqPositions {

  static final int CHUNK = 256;
  private static final long NOT_IN_LINE = 0xFFFF_FFFFL;

  private long[] bases = new long[1];
  private int[] distances = new int[4];
  private Map<Long, Long> overflow = Map.of();
  private long size;

  /** Entries held: seqs 1 to {@code size()}. */
  long size() {
    return size;
  }

  /** Records the position of entry {@code size() + 1}. */
  void append(long position) {
    long index = size;
    if (index >= Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("too many entries in one shard");
    }
    int chunk = (int) (index / CHUNK);
    if (index % CHUNK == 0) {
      if (chunk == bases.length) {
        bases = Arrays.copyOf(bases, grown(bases.length));
      }
      bases[chunk] = position;
    }
    if (index == distances.length) {
      distances = Arrays.copyOf(distances, grown(distances.length));
    }
    long distance = position - bases[chunk];
    if (distance < 0) {
      throw new IllegalArgumentException("positions must grow: " + position);
    }
    if (distance >= NOT_IN_LINE) {
      if (overflow.isEmpty()) {
        overflow = new HashMap<>();
      }
      overflow.put(index + 1, position);
      distance = NOT_IN_LINE;
    }
    distances[(int) index] = (int) distance;
    size++;
  }

  /** Position of entry {@code seq}, 1 &lt;= seq &lt;= {@link #size()}. */
  long positionOf(long seq) {
    if (seq < 1 || seq > size) {
      throw new IllegalArgumentException("no entry " + seq + " (size " + size + ")");
    }
    int index = (int) (seq - 1);
    long distance = Integer.toUnsignedLong(distances[index]);
    if (distance == NOT_IN_LINE) {
      return overflow.get(seq);
    }
    return bases[index / CHUNK] + distance;
  }

  /** Forgets the entries after {@code seq}. */
  void truncateAfter(long seq) {
    if (seq < 0 || seq > size) {
      throw new IllegalArgumentException("cannot truncate after " + seq + " (size " + size + ")");
    }
    if (!overflow.isEmpty()) {
      overflow.keySet().removeIf(key -> key > seq);
    }
    size = seq;
  }

  /**
   * The positions of entries 1 to {@link #size()} as they are now, immune to later changes,
   * cheaply: entries up to {@code stableUpTo} (never truncated: committed) share the arrays, whose
   * slots for them are never written again; the others are copied.
   */
  Frozen freeze(long stableUpTo) {
    long stable = Math.min(stableUpTo, size);
    long[] tail = new long[(int) (size - stable)];
    for (int i = 0; i < tail.length; i++) {
      tail[i] = positionOf(stable + 1 + i);
    }
    Map<Long, Long> overflowCopy = overflow.isEmpty() ? Map.of() : new HashMap<>(overflow);
    return new Frozen(bases, distances, overflowCopy, stable, tail);
  }

  /** See {@link #freeze}. */
  record Frozen(long[] bases, int[] distances, Map<Long, Long> overflow, long stable, long[] tail) {

    long size() {
      return stable + tail.length;
    }

    long positionOf(long seq) {
      if (seq > stable) {
        return tail[(int) (seq - stable - 1)];
      }
      int index = (int) (seq - 1);
      long distance = Integer.toUnsignedLong(distances[index]);
      return distance == NOT_IN_LINE ? overflow.get(seq) : bases[index / CHUNK] + distance;
    }
  }

  /** Bytes of the arrays (and overflow entries, at ~48 bytes each). */
  long bytes() {
    return (long) bases.length * Long.BYTES
        + (long) distances.length * Integer.BYTES
        + overflow.size() * 48L;
  }

  private static int grown(int length) {
    return (int) Math.min(Integer.MAX_VALUE - 8L, length + Math.max(4, length >> 3));
  }
}
