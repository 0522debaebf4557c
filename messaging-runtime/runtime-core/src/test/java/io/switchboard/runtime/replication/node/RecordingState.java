package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import java.io.DataInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** A committed state that records what it was given: (shard, type, payload) per record. */
final class RecordingState implements CommittedStateMachine {

  record Seen(long position, int shard, int type, int epoch, String payload) {}

  private final List<Seen> seen = new ArrayList<>();

  synchronized List<Seen> seen() {
    return List.copyOf(seen);
  }

  @Override
  public synchronized void apply(LogRecord record) {
    seen.add(
        new Seen(
            record.position().offset(),
            record.entry().shardId(),
            record.entry().type(),
            record.entry().epoch(),
            Arrays.toString(record.entry().payload())));
  }

  @Override
  public void truncateAfter(LogPosition lastKept) {
    throw new AssertionError("replicated shards rebuild instead");
  }

  /**
   * Writes what it saw grouped by shard (stable): shards are independent, so a rebuild in log order
   * equals applying in commit order shard by shard.
   */
  @Override
  public synchronized Snapshot snapshot() {
    List<Seen> copy = new ArrayList<>(seen);
    copy.sort(java.util.Comparator.comparingInt(Seen::shard));
    return out -> {
      out.writeInt(copy.size());
      for (Seen one : copy) {
        out.writeLong(one.position());
        out.writeInt(one.shard());
        out.writeInt(one.type());
        out.writeInt(one.epoch());
        out.writeUTF(one.payload());
      }
    };
  }

  @Override
  public synchronized void restore(DataInput in) throws IOException {
    seen.clear();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      seen.add(new Seen(in.readLong(), in.readInt(), in.readInt(), in.readInt(), in.readUTF()));
    }
  }

  @Override
  public synchronized void rebuild(Iterator<LogRecord> records) {
    seen.clear();
    records.forEachRemaining(this::apply);
  }
}
