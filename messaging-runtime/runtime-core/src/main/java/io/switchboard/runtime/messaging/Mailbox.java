package io.switchboard.runtime.messaging;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * One user's mailbox index: for each pts, the log position of the record holding the message and a
 * 32-bit key of its peer (so a history read of one peer scans memory, not the disk). Message bodies
 * stay in the log.
 *
 * <p>Layout: two parallel primitive arrays, {@code long[] positions} and {@code int[] peerKeys};
 * the message with pts {@code p} is at index {@code p - 1}. They grow by half their length plus one
 * when full, so spare capacity stays below a third: 12 bytes per message plus under 4 spare.
 *
 * <p>Invariants: pts run 1, 2, 3, ... with no gaps; positions strictly increase with pts (messages
 * are appended in log order); a value at an index below {@link #lastPts()} is never overwritten, as
 * growth replaces the arrays. The last one makes {@link #copy()} cheap: the copy shares the arrays
 * and only ever reads the prefix it captured.
 *
 * <p>Not thread-safe; {@link MessagingState} guards it.
 */
final class Mailbox {

  private static final long[] NO_POSITIONS = new long[0];
  private static final int[] NO_KEYS = new int[0];

  private long[] positions;
  private int[] peerKeys;
  private int count;

  Mailbox() {
    this(NO_POSITIONS, NO_KEYS, 0);
  }

  private Mailbox(long[] positions, int[] peerKeys, int count) {
    this.positions = positions;
    this.peerKeys = peerKeys;
    this.count = count;
  }

  /** The 32-bit key history reads match on; equal peers have equal keys. */
  static int peerKey(Peer peer) {
    long mixed = (peer.id() * 0x9E3779B97F4A7C15L) ^ peer.kind().ordinal();
    return (int) (mixed >>> 32) ^ (int) mixed;
  }

  /**
   * Appends a message.
   *
   * @return its pts: one more than the previous one
   * @throws IllegalArgumentException when {@code position} is not after the last message's
   */
  int append(long position, int peerKey) {
    if (count > 0 && position <= positions[count - 1]) {
      throw new IllegalArgumentException(
          "position " + position + " is not after the last one, " + positions[count - 1]);
    }
    if (count == positions.length) {
      int grown = (int) Math.min(Integer.MAX_VALUE - 8L, count + (count >> 1) + 1L);
      positions = Arrays.copyOf(positions, grown);
      peerKeys = Arrays.copyOf(peerKeys, grown);
    }
    positions[count] = position;
    peerKeys[count] = peerKey;
    count++;
    return count;
  }

  /** The newest pts; 0 for an empty mailbox. */
  int lastPts() {
    return count;
  }

  /** Log position of the message with pts {@code pts}, from 1 to {@link #lastPts()}. */
  long position(int pts) {
    if (pts < 1 || pts > count) {
      throw new IndexOutOfBoundsException("pts " + pts + " is outside 1.." + count);
    }
    return positions[pts - 1];
  }

  /** The pts of the message at {@code position}, if this mailbox holds one there. */
  OptionalInt ptsOf(long position) {
    int index = Arrays.binarySearch(positions, 0, count, position);
    return index >= 0 ? OptionalInt.of(index + 1) : OptionalInt.empty();
  }

  /**
   * The pts of up to {@code limit} messages whose peer key is {@code peerKey}, from {@code
   * beforePts - 1} downwards, newest first.
   */
  int[] ptsWithPeerKey(int peerKey, int beforePts, int limit) {
    int[] found = new int[limit];
    int size = 0;
    for (int index = Math.min(beforePts - 1, count) - 1; index >= 0 && size < limit; index--) {
      if (peerKeys[index] == peerKey) {
        found[size++] = index + 1;
      }
    }
    return Arrays.copyOf(found, size);
  }

  /** A copy sharing the arrays; see the class invariants. Only to be read, never appended to. */
  Mailbox copy() {
    return new Mailbox(positions, peerKeys, count);
  }

  /** Bytes of this object and its arrays; see {@link IndexFootprint}. */
  long accountedBytes() {
    long arrays =
        positions == NO_POSITIONS
            ? 0
            : MemoryLayout.longArray(positions.length) + MemoryLayout.intArray(peerKeys.length);
    return MemoryLayout.object(2L * MemoryLayout.REFERENCE_BYTES + Integer.BYTES) + arrays;
  }

  /** Writes the count, then per message its position and peer key. */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(count);
    for (int i = 0; i < count; i++) {
      out.writeLong(positions[i]);
      out.writeInt(peerKeys[i]);
    }
  }

  /** Hands every log position the mailbox holds to {@code action}, in pts order. */
  void forEachPosition(LongConsumer action) {
    for (int i = 0; i < count; i++) {
      action.accept(positions[i]);
    }
  }

  /**
   * Reads what {@link #writeTo} wrote with every position {@code p} replaced by {@code
   * newPosition.applyAsLong(p)}, checking that the new positions increase.
   */
  static Mailbox readFrom(DataInput in, LongUnaryOperator newPosition) throws IOException {
    int count = SnapshotChecks.count(in.readInt(), "mailbox messages");
    long[] positions = count == 0 ? NO_POSITIONS : new long[count];
    int[] peerKeys = count == 0 ? NO_KEYS : new int[count];
    for (int i = 0; i < count; i++) {
      positions[i] = newPosition.applyAsLong(in.readLong());
      peerKeys[i] = in.readInt();
      if (i > 0 && positions[i] <= positions[i - 1]) {
        throw new IOException("mailbox positions do not increase at pts " + (i + 1));
      }
    }
    return new Mailbox(positions, peerKeys, count);
  }
}
