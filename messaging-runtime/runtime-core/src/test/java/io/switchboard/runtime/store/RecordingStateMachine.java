package io.switchboard.runtime.store;

import java.io.DataInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A state machine whose state is the list of records applied to it, so tests can compare exactly
 * what a log rebuilt against what was acknowledged.
 */
final class RecordingStateMachine implements LogStateMachine {

  private final List<LogRecord> applied = new ArrayList<>();

  /** The records applied since the last restore, restored ones first. */
  synchronized List<LogRecord> applied() {
    return List.copyOf(applied);
  }

  @Override
  public synchronized void apply(LogRecord record) {
    applied.add(record);
  }

  @Override
  public synchronized void truncateAfter(LogPosition lastKept) {
    applied.removeIf(record -> record.position().compareTo(lastKept) > 0);
  }

  @Override
  public synchronized Snapshot snapshot() {
    List<LogRecord> captured = List.copyOf(applied);
    return out -> {
      out.writeInt(captured.size());
      for (LogRecord record : captured) {
        out.writeLong(record.position().offset());
        out.writeInt(record.entry().type());
        out.writeInt(record.entry().shardId());
        out.writeInt(record.entry().epoch());
        out.writeInt(record.entry().payload().length);
        out.write(record.entry().payload());
      }
    };
  }

  @Override
  public synchronized void restore(DataInput in) throws IOException {
    int count = in.readInt();
    List<LogRecord> restored = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      LogPosition position = new LogPosition(in.readLong());
      int type = in.readInt();
      int shardId = in.readInt();
      int epoch = in.readInt();
      byte[] payload = new byte[in.readInt()];
      in.readFully(payload);
      restored.add(new LogRecord(position, new LogEntry(type, shardId, epoch, payload)));
    }
    applied.clear();
    applied.addAll(restored);
  }
}
