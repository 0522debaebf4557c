package io.switchboard.runtime.messaging;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * The idempotency window of one sender on one shard (or one author in one channel): the random ids
 * of their most recent accepted sends, each with the log position of the command that was accepted.
 * A send whose random id is in the window is a retry and gets the original's answer.
 *
 * <p>Layout: a ring of two parallel arrays, {@code long[] randomIds} and {@code long[] positions},
 * which grow (doubling from 2) up to {@code capacity} and then overwrite the oldest entry: 16 bytes
 * per remembered send, never more than {@code capacity} entries. Until they reach {@code capacity}
 * the arrays fill in order, so growing never has to unwind the ring.
 *
 * <p>Not thread-safe; {@link MessagingState} guards it.
 */
final class SendWindow {

  private final int capacity;
  private long[] randomIds;
  private long[] positions;
  private int size;
  private int next;

  SendWindow(int capacity) {
    this.capacity = capacity;
    int initial = Math.min(2, capacity);
    this.randomIds = new long[initial];
    this.positions = new long[initial];
  }

  /** Log position of the accepted send with this random id, if the window still holds it. */
  OptionalLong find(long randomId) {
    for (int i = 0; i < size; i++) {
      if (randomIds[i] == randomId) {
        return OptionalLong.of(positions[i]);
      }
    }
    return OptionalLong.empty();
  }

  /** Remembers an accepted send, forgetting the oldest one when the window is full. */
  void remember(long randomId, long position) {
    if (size == randomIds.length && size < capacity) {
      int grown = Math.min(capacity, size * 2);
      randomIds = Arrays.copyOf(randomIds, grown);
      positions = Arrays.copyOf(positions, grown);
      next = size;
    }
    randomIds[next] = randomId;
    positions[next] = position;
    next = (next + 1) % randomIds.length;
    size = Math.min(size + 1, randomIds.length);
  }

  /** An independent copy with the same entries. */
  SendWindow copy() {
    SendWindow copy = new SendWindow(capacity);
    copy.randomIds = randomIds.clone();
    copy.positions = positions.clone();
    copy.size = size;
    copy.next = next;
    return copy;
  }

  /** Bytes of this object and its arrays; see {@link IndexFootprint}. */
  long accountedBytes() {
    return MemoryLayout.object(2L * MemoryLayout.REFERENCE_BYTES + 3L * Integer.BYTES)
        + MemoryLayout.longArray(randomIds.length)
        + MemoryLayout.longArray(positions.length);
  }

  /** Writes the entries, oldest first: count, then (random id, position) pairs. */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(size);
    int oldest = size < randomIds.length ? 0 : next;
    for (int i = 0; i < size; i++) {
      int index = (oldest + i) % randomIds.length;
      out.writeLong(randomIds[index]);
      out.writeLong(positions[index]);
    }
  }

  /** Hands the log position of every remembered send to {@code action}, in no particular order. */
  void forEachPosition(LongConsumer action) {
    for (int i = 0; i < size; i++) {
      action.accept(positions[i]);
    }
  }

  /**
   * Reads what {@link #writeTo} wrote into a window of {@code capacity}; when the checkpoint holds
   * more entries than that, the oldest ones are dropped.
   */
  static SendWindow readFrom(DataInput in, int capacity) throws IOException {
    return readFrom(in, capacity, LongUnaryOperator.identity());
  }

  /**
   * As {@link #readFrom(DataInput, int)}, with every position {@code p} replaced by {@code
   * newPosition.applyAsLong(p)} (dropped entries included).
   */
  static SendWindow readFrom(DataInput in, int capacity, LongUnaryOperator newPosition)
      throws IOException {
    SendWindow window = new SendWindow(capacity);
    int size = SnapshotChecks.count(in.readInt(), "window entries");
    for (int i = 0; i < size; i++) {
      long randomId = in.readLong();
      window.remember(randomId, newPosition.applyAsLong(in.readLong()));
    }
    return window;
  }
}
