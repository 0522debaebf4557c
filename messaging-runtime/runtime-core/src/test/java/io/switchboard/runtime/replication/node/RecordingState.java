package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongUnaryOperator;

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

  /** Captures the records seen of the shard; they name themselves by position. */
  @Override
  public synchronized CapturedShardState captureShard(int shard) {
    List<Seen> ofShard = seen.stream().filter(one -> one.shard() == shard).toList();
    byte[] bytes = encode(ofShard);
    long[] positions = ofShard.stream().mapToLong(Seen::position).distinct().sorted().toArray();
    return new CapturedShardState() {
      @Override
      public int shard() {
        return shard;
      }

      @Override
      public long[] positions() {
        return positions;
      }

      @Override
      public byte[] stateBytes() {
        return bytes;
      }
    };
  }

  @Override
  public byte[] remapShardState(byte[] state, LongUnaryOperator newPosition) throws IOException {
    List<Seen> remapped = new ArrayList<>();
    for (Seen one : decode(state)) {
      remapped.add(
          new Seen(
              newPosition.applyAsLong(one.position()),
              one.shard(),
              one.type(),
              one.epoch(),
              one.payload()));
    }
    return encode(remapped);
  }

  @Override
  public synchronized void installShard(int shard, byte[] state) {
    try {
      List<Seen> installed = decode(state);
      seen.removeIf(one -> one.shard() == shard);
      seen.addAll(installed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] encode(List<Seen> records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(records.size());
      for (Seen one : records) {
        out.writeLong(one.position());
        out.writeInt(one.shard());
        out.writeInt(one.type());
        out.writeInt(one.epoch());
        out.writeUTF(one.payload());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<Seen> decode(byte[] state) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
    List<Seen> records = new ArrayList<>();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      records.add(new Seen(in.readLong(), in.readInt(), in.readInt(), in.readInt(), in.readUTF()));
    }
    return records;
  }

  @Override
  public synchronized void rebuild(Iterator<LogRecord> records) {
    seen.clear();
    records.forEachRemaining(this::apply);
  }
}
