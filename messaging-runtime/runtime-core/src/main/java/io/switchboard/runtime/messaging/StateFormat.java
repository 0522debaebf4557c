package io.switchboard.runtime.messaging;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;

/**
 * Encodings shared by the parts of a checkpoint. Collections are written in ascending key order so
 * that equal states write equal bytes, whatever order their hash maps iterate in.
 */
final class StateFormat {

  private StateFormat() {}

  /** Writes a set of ids: count, then the ids ascending. */
  static void writeIds(DataOutput out, Set<Long> ids) throws IOException {
    out.writeInt(ids.size());
    for (long id : ids.stream().mapToLong(Long::longValue).sorted().toArray()) {
      out.writeLong(id);
    }
  }

  static Set<Long> readIds(DataInput in, String what) throws IOException {
    int count = SnapshotChecks.count(in.readInt(), what + "s");
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      ids.add(SnapshotChecks.id(in.readLong(), what));
    }
    return ids;
  }

  /** Writes windows by owner id: count, then (owner id, window) ascending by owner. */
  static void writeWindows(DataOutput out, Map<Long, SendWindow> windows) throws IOException {
    out.writeInt(windows.size());
    for (Map.Entry<Long, SendWindow> entry : new TreeMap<>(windows).entrySet()) {
      out.writeLong(entry.getKey());
      entry.getValue().writeTo(out);
    }
  }

  /** Reads what {@link #writeWindows} wrote, positions replaced as {@code newPosition} says. */
  static Map<Long, SendWindow> readWindows(
      DataInput in, int capacity, LongUnaryOperator newPosition) throws IOException {
    int count = SnapshotChecks.count(in.readInt(), "windows");
    Map<Long, SendWindow> windows = new HashMap<>();
    for (int i = 0; i < count; i++) {
      long owner = SnapshotChecks.id(in.readLong(), "window owner");
      windows.put(owner, SendWindow.readFrom(in, capacity, newPosition));
    }
    return windows;
  }
}
