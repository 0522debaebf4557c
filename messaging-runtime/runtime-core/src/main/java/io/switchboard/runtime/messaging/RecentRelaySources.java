package io.switchboard.runtime.messaging;

import com.google.protobuf.Message;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The commands that most recently queued outbox deliveries, by log position, so that the relay
 * builds a delivery from the command in memory instead of reading its record back from the log (a
 * read from the file and a decode per relayed message).
 *
 * <p>Direct-mapped and bounded: a position hashes to one slot, and a newer command replaces the one
 * in its slot. So memory stays bounded however long deliveries wait (an unreachable DC), and a
 * lookup either finds the command recorded at exactly that position or misses; a miss means "read
 * the log", never a wrong command. The positions of the kept records are never reused, except after
 * a truncation of the whole log, which must {@link #clear} this first.
 *
 * <p>Thread-safe: the log's writer thread records, any thread looks up.
 */
final class RecentRelaySources {

  private final AtomicReferenceArray<Source> slots;
  private final int shift;

  private record Source(long position, Message command) {}

  /**
   * @param slotsLog2 log2 of the number of slots, 1 to 20
   */
  RecentRelaySources(int slotsLog2) {
    if (slotsLog2 < 1 || slotsLog2 > 20) {
      throw new IllegalArgumentException("slotsLog2 must be 1 to 20: " + slotsLog2);
    }
    this.slots = new AtomicReferenceArray<>(1 << slotsLog2);
    this.shift = Long.SIZE - slotsLog2;
  }

  /** Keeps {@code command}, the record at {@code position}, in place of its slot's command. */
  void record(long position, Message command) {
    slots.set(slotOf(position), new Source(position, command));
  }

  /** The command recorded at {@code position}, unless another replaced it since. */
  Optional<Message> at(long position) {
    Source source = slots.get(slotOf(position));
    return source != null && source.position() == position
        ? Optional.of(source.command())
        : Optional.empty();
  }

  /** Forgets every command; before log positions are reused. */
  void clear() {
    for (int i = 0; i < slots.length(); i++) {
      slots.set(i, null);
    }
  }

  /** Fibonacci hashing: consecutive record positions spread over the slots. */
  private int slotOf(long position) {
    return (int) ((position * 0x9E3779B97F4A7C15L) >>> shift);
  }
}
