package io.switchboard.runtime.messaging;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a destination shard has applied from each origin shard's outbox: the highest outbox
 * sequence. Because an origin delivers to one destination in sequence order, one number per origin
 * suffices to recognise every redelivery: a sequence at or below it was applied already. At most
 * 1024 numbers per shard.
 *
 * <p>Not thread-safe; {@link MessagingState} guards it.
 */
final class DeliveryLedger {

  private final Map<Integer, Long> highestByOrigin;

  DeliveryLedger() {
    this(new HashMap<>());
  }

  private DeliveryLedger(Map<Integer, Long> highestByOrigin) {
    this.highestByOrigin = highestByOrigin;
  }

  /**
   * Records that {@code (originShard, sequence)} is being applied.
   *
   * @return false when it was applied before (a redelivery), and then nothing is recorded
   */
  boolean recordFirstDelivery(int originShard, long sequence) {
    long highest = highestByOrigin.getOrDefault(originShard, 0L);
    if (sequence <= highest) {
      return false;
    }
    highestByOrigin.put(originShard, sequence);
    return true;
  }

  DeliveryLedger copy() {
    return new DeliveryLedger(new HashMap<>(highestByOrigin));
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeInt(highestByOrigin.size());
    for (Map.Entry<Integer, Long> entry : new TreeMap<>(highestByOrigin).entrySet()) {
      out.writeShort(entry.getKey());
      out.writeLong(entry.getValue());
    }
  }

  static DeliveryLedger readFrom(DataInput in) throws IOException {
    int count = SnapshotChecks.count(in.readInt(), "delivery ledger entries");
    Map<Integer, Long> highest = new HashMap<>();
    for (int i = 0; i < count; i++) {
      highest.put(in.readUnsignedShort(), in.readLong());
    }
    return new DeliveryLedger(highest);
  }
}
