package io.switchboard.runtime.testkit.replication;

import io.switchboard.runtime.replication.ShardEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entries 1 to {@link #count()} of a shard's log in the simulation's encoding, which is the state
 * of its {@link io.switchboard.runtime.replication.ShardImage shard images}: per entry its seq and
 * epoch (8 bytes each), kind and payload length (4 bytes each), then the payload. The encoding is
 * canonical, so two encodings of entries 1 to {@code n} are equal byte for byte exactly when the
 * entries are equal, and a checker compares an image with committed entries by comparing bytes. It
 * grows at the end and can be cut back. Not thread-safe.
 */
final class EncodedEntries {

  private static final int HEADER_BYTES = 24;

  private byte[] bytes;
  private int[] ends;
  private int count;

  private EncodedEntries(byte[] bytes, int[] ends, int count) {
    this.bytes = bytes;
    this.ends = ends;
    this.count = count;
  }

  /** No entries. */
  static EncodedEntries empty() {
    return new EncodedEntries(new byte[256], new int[16], 0);
  }

  /**
   * Parses an encoding (a copy is kept).
   *
   * @throws IllegalArgumentException if it is not entries 1, 2, ... encoded as this class does
   */
  static EncodedEntries parse(byte[] encoded) {
    ByteBuffer buffer = ByteBuffer.wrap(encoded);
    int[] ends = new int[16];
    int count = 0;
    while (buffer.hasRemaining()) {
      if (buffer.remaining() < HEADER_BYTES) {
        throw new IllegalArgumentException("truncated entry header after entry " + count);
      }
      long seq = buffer.getLong();
      long epoch = buffer.getLong();
      int kind = buffer.getInt();
      int length = buffer.getInt();
      if (seq != count + 1
          || epoch < 1
          || kind < 0
          || kind > ShardEntry.MAX_KIND
          || length < 0
          || length > buffer.remaining()) {
        throw new IllegalArgumentException(
            "entry "
                + (count + 1)
                + " is malformed: seq "
                + seq
                + ", epoch "
                + epoch
                + ", kind "
                + kind
                + ", "
                + length
                + " payload bytes");
      }
      buffer.position(buffer.position() + length);
      if (count == ends.length) {
        ends = Arrays.copyOf(ends, count * 2);
      }
      ends[count++] = buffer.position();
    }
    return new EncodedEntries(Arrays.copyOf(encoded, Math.max(256, encoded.length)), ends, count);
  }

  /** The encoding of {@code entries}, which must be entries 1, 2, ... in order. */
  static byte[] encode(List<ShardEntry> entries) {
    EncodedEntries encoded = empty();
    entries.forEach(encoded::append);
    return encoded.copyThrough(encoded.count());
  }

  /** The entries an encoding holds. */
  static List<ShardEntry> decode(byte[] encoded) {
    EncodedEntries parsed = parse(encoded);
    List<ShardEntry> entries = new ArrayList<>();
    for (long seq = 1; seq <= parsed.count(); seq++) {
      entries.add(parsed.entry(seq));
    }
    return entries;
  }

  /** How many entries it holds: entries 1 to this. */
  long count() {
    return count;
  }

  /** Adds the entry after the last one. */
  void append(ShardEntry entry) {
    if (entry.seq() != count + 1) {
      throw new IllegalArgumentException("entry " + entry.seq() + " does not follow " + count);
    }
    int start = endOf(count);
    int end = start + HEADER_BYTES + entry.payload().length;
    if (end > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(end, bytes.length * 2));
    }
    ByteBuffer.wrap(bytes, start, end - start)
        .putLong(entry.seq())
        .putLong(entry.epoch())
        .putInt(entry.kind())
        .putInt(entry.payload().length)
        .put(entry.payload());
    if (count == ends.length) {
      ends = Arrays.copyOf(ends, count * 2);
    }
    ends[count++] = end;
  }

  /** Keeps entries 1 to {@code seq} (if it holds more). */
  void cutTo(long seq) {
    if (seq < count) {
      count = Math.toIntExact(Math.max(0, seq));
    }
  }

  /** The encoding of entries 1 to {@code seq}, a new array. */
  byte[] copyThrough(long seq) {
    return Arrays.copyOf(bytes, endOf(seq));
  }

  /** How many bytes encode entries 1 to {@code seq}. */
  int byteLength(long seq) {
    return endOf(seq);
  }

  /** Whether {@code encoded} starts with the encoding of entries 1 to {@code seq}. */
  boolean isPrefixOf(byte[] encoded, long seq) {
    int end = endOf(seq);
    return encoded.length >= end && Arrays.equals(bytes, 0, end, encoded, 0, end);
  }

  /** Entry {@code seq}, decoded. */
  ShardEntry entry(long seq) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, endOf(requireHeld(seq) - 1), HEADER_BYTES);
    long entrySeq = buffer.getLong();
    long epoch = buffer.getLong();
    int kind = buffer.getInt();
    int length = buffer.getInt();
    int payloadStart = endOf(seq - 1) + HEADER_BYTES;
    return new ShardEntry(
        entrySeq, epoch, kind, Arrays.copyOfRange(bytes, payloadStart, payloadStart + length));
  }

  /** The epoch of entry {@code seq}, without decoding its payload. */
  long epochOf(long seq) {
    return ByteBuffer.wrap(bytes).getLong(endOf(requireHeld(seq) - 1) + 8);
  }

  private long requireHeld(long seq) {
    if (seq < 1 || seq > count) {
      throw new IllegalArgumentException("entry " + seq + " is outside 1.." + count);
    }
    return seq;
  }

  private int endOf(long seq) {
    if (seq < 0 || seq > count) {
      throw new IllegalArgumentException("seq " + seq + " is outside 0.." + count);
    }
    return seq == 0 ? 0 : ends[(int) seq - 1];
  }
}
