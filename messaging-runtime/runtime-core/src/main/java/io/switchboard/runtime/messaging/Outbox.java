package io.switchboard.runtime.messaging;

import io.switchboard.runtime.store.LogPosition;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * The pending cross-shard deliveries of one origin shard, by destination shard and sequence.
 *
 * <p>Invariants: sequences are allocated in apply order, 1, 2, 3, ...; an entry stays until an
 * OUTBOX_DELIVERED command for it is applied; per destination, entries are delivered in sequence
 * order (the relay sends a destination's next entry only once the destination acknowledged the one
 * before), which is what lets the destination recognise a redelivery by comparing with the highest
 * sequence it applied.
 *
 * <p>Not thread-safe; {@link MessagingState} guards it. Entries are immutable, so copies share
 * them.
 */
final class Outbox {

  private final int originShard;
  private final Map<Integer, NavigableMap<Long, OutboxEntry>> byDestination;
  private long lastSequence;

  Outbox(int originShard) {
    this(originShard, new TreeMap<>(), 0);
  }

  private Outbox(
      int originShard,
      Map<Integer, NavigableMap<Long, OutboxEntry>> byDestination,
      long lastSequence) {
    this.originShard = originShard;
    this.byDestination = byDestination;
    this.lastSequence = lastSequence;
  }

  /** Records a pending delivery of the command at {@code source} to {@code recipients}. */
  OutboxEntry add(int destinationShard, LogPosition source, List<Long> recipients) {
    OutboxEntry entry =
        new OutboxEntry(originShard, ++lastSequence, destinationShard, source, recipients);
    byDestination
        .computeIfAbsent(destinationShard, shard -> new TreeMap<>())
        .put(entry.sequence(), entry);
    return entry;
  }

  /** Removes a delivered entry; nothing happens when it is not pending (already removed). */
  void remove(int destinationShard, long sequence) {
    NavigableMap<Long, OutboxEntry> pending = byDestination.get(destinationShard);
    if (pending != null) {
      pending.remove(sequence);
      if (pending.isEmpty()) {
        byDestination.remove(destinationShard);
      }
    }
  }

  /**
   * The first entry for {@code destinationShard} with a sequence above {@code afterSequence}, if
   * any: with 0, the entry that must be delivered next.
   */
  Optional<OutboxEntry> firstAfter(int destinationShard, long afterSequence) {
    NavigableMap<Long, OutboxEntry> pending = byDestination.get(destinationShard);
    if (pending == null) {
      return Optional.empty();
    }
    Map.Entry<Long, OutboxEntry> next = pending.higherEntry(afterSequence);
    return next == null ? Optional.empty() : Optional.of(next.getValue());
  }

  /** How many entries are pending, every destination together. */
  int size() {
    int size = 0;
    for (NavigableMap<Long, OutboxEntry> pending : byDestination.values()) {
      size += pending.size();
    }
    return size;
  }

  /** The lanes with pending entries, by destination. */
  List<OutboxLane> lanes() {
    List<OutboxLane> lanes = new ArrayList<>(byDestination.size());
    byDestination
        .keySet()
        .forEach(destination -> lanes.add(new OutboxLane(originShard, destination)));
    return lanes;
  }

  /** Every pending entry, by destination then sequence. */
  List<OutboxEntry> pending() {
    List<OutboxEntry> all = new ArrayList<>();
    byDestination.values().forEach(pending -> all.addAll(pending.values()));
    return all;
  }

  /** An independent copy sharing the (immutable) entries. */
  Outbox copy() {
    Map<Integer, NavigableMap<Long, OutboxEntry>> copy = new TreeMap<>();
    byDestination.forEach((shard, pending) -> copy.put(shard, new TreeMap<>(pending)));
    return new Outbox(originShard, copy, lastSequence);
  }

  /** Writes the last sequence and every pending entry. */
  void writeTo(DataOutput out) throws IOException {
    out.writeLong(lastSequence);
    List<OutboxEntry> all = pending();
    out.writeInt(all.size());
    for (OutboxEntry entry : all) {
      out.writeLong(entry.sequence());
      out.writeShort(entry.destinationShard());
      out.writeLong(entry.source().offset());
      out.writeInt(entry.recipients().size());
      for (long recipient : entry.recipients()) {
        out.writeLong(recipient);
      }
    }
  }

  /** Hands the source position of every pending entry to {@code action}. */
  void forEachPosition(LongConsumer action) {
    byDestination
        .values()
        .forEach(pending -> pending.values().forEach(e -> action.accept(e.source().offset())));
  }

  /** Reads what {@link #writeTo} wrote, source positions replaced as {@code newPosition} says. */
  static Outbox readFrom(DataInput in, int originShard, LongUnaryOperator newPosition)
      throws IOException {
    Outbox outbox = new Outbox(originShard);
    outbox.lastSequence = in.readLong();
    int count = SnapshotChecks.count(in.readInt(), "outbox entries");
    for (int i = 0; i < count; i++) {
      long sequence = in.readLong();
      int destination = in.readUnsignedShort();
      LogPosition source = new LogPosition(newPosition.applyAsLong(in.readLong()));
      List<Long> recipients = new ArrayList<>();
      int recipientCount = SnapshotChecks.count(in.readInt(), "outbox recipients");
      for (int r = 0; r < recipientCount; r++) {
        recipients.add(SnapshotChecks.id(in.readLong(), "recipient"));
      }
      if (sequence < 1 || sequence > outbox.lastSequence) {
        throw new IOException("outbox sequence " + sequence + " was never allocated");
      }
      try {
        OutboxEntry entry = new OutboxEntry(originShard, sequence, destination, source, recipients);
        outbox
            .byDestination
            .computeIfAbsent(destination, shard -> new TreeMap<>())
            .put(sequence, entry);
      } catch (IllegalArgumentException invalid) {
        throw new IOException("invalid outbox entry in a checkpoint", invalid);
      }
    }
    return outbox;
  }
}
