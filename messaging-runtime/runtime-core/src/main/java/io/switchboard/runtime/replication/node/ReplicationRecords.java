package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.replication.EpochRecord;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.store.LogEntry;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How a shard's replicated log is stored as records of the node's {@link
 * io.switchboard.runtime.store.DurableLog} (ADR 0008, step 2). The record format itself is
 * unchanged (ADR 0005); only types and payloads are assigned:
 *
 * <table>
 *   <caption>Record types</caption>
 *   <tr><th>type</th><th>record</th><th>epoch field</th><th>payload</th></tr>
 *   <tr><td>1 .. 15</td><td>an entry: a messaging command (types 1 to 14) or {@link
 *       ShardEntry#EPOCH_START} (15)</td><td>the entry's epoch</td><td>the entry's bytes</td></tr>
 *   <tr><td>{@value #COMMIT}</td><td>COMMIT: entries up to {@code seq} are committed</td>
 *       <td>0</td><td>{@code seq} (8 bytes)</td></tr>
 *   <tr><td>{@value #TRUNCATE}</td><td>TRUNCATE: the shard's entries after {@code afterSeq} are
 *       forgotten</td><td>0</td><td>{@code afterSeq} (8 bytes)</td></tr>
 *   <tr><td>{@value #EPOCH_RECORD}</td><td>the replica's {@link EpochRecord}</td><td>0</td>
 *       <td>{@code seen}, {@code promoted} (8 bytes each)</td></tr>
 *   <tr><td>{@value #IMAGE_ITEM}</td><td>a stored command carried by a shard image (snapshot
 *       catch-up): indexes of the installed state name it like the entry it copies</td>
 *       <td>the copied record's epoch</td><td>the copied record's type (1 byte), then its
 *       payload</td></tr>
 *   <tr><td>{@value #IMAGE_PART}</td><td>a chunk of a shard image's messaging state</td><td>0</td>
 *       <td>the bytes</td></tr>
 *   <tr><td>{@value #IMAGE_INSTALL}</td><td>installs a shard image: the shard's log restarts after
 *       the image's seq, its state is the image's</td><td>0</td><td>see {@link
 *       ShardImageInstall}</td></tr>
 * </table>
 *
 * <p>The shard field of every record is the shard. An entry's seq is not stored: it is 1 plus the
 * number of the shard's live entries before it in the log, where a TRUNCATE record sets that number
 * to its {@code afterSeq}. Integers are big-endian. Type numbers are persisted: never renumber or
 * reuse one. Entry epochs are {@code long} in the replication classes and {@code int} in the
 * record: an epoch above {@link Integer#MAX_VALUE} is refused before anything is written.
 */
public final class ReplicationRecords {

  /** Type of a COMMIT record. */
  public static final int COMMIT = 250;

  /** Type of a TRUNCATE record. */
  public static final int TRUNCATE = 251;

  /** Type of an EPOCH_RECORD record. */
  public static final int EPOCH_RECORD = 252;

  /** Type of a record holding a command copied by a shard image. */
  public static final int IMAGE_ITEM = 253;

  /** Type of a record holding a chunk of a shard image's messaging state. */
  public static final int IMAGE_PART = 254;

  /** Type of the record that installs a shard image. */
  public static final int IMAGE_INSTALL = 255;

  private ReplicationRecords() {}

  /** Whether a record of {@code type} is an entry of a shard's replicated log. */
  public static boolean isEntry(int type) {
    return type >= 1 && type <= ShardEntry.EPOCH_START;
  }

  /**
   * The record of {@code entry} on {@code shard}.
   *
   * @throws IllegalArgumentException if its kind is not an entry type or its epoch exceeds the
   *     record's int epoch field
   */
  public static LogEntry entry(int shard, ShardEntry entry) {
    if (!isEntry(entry.kind())) {
      throw new IllegalArgumentException("kind " + entry.kind() + " is not an entry record type");
    }
    return new LogEntry(entry.kind(), shard, recordEpoch(entry.epoch()), entry.payload());
  }

  /**
   * {@code epoch} as the record's int epoch field.
   *
   * @throws IllegalArgumentException if it is below 1 or above {@link Integer#MAX_VALUE}
   */
  public static int recordEpoch(long epoch) {
    if (epoch < 1 || epoch > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "epoch "
              + epoch
              + " does not fit the node log's epoch field (1 to "
              + Integer.MAX_VALUE
              + ")");
    }
    return (int) epoch;
  }

  static LogEntry commit(int shard, long seq) {
    return new LogEntry(COMMIT, shard, 0, longs(seq));
  }

  static LogEntry truncate(int shard, long afterSeq) {
    return new LogEntry(TRUNCATE, shard, 0, longs(afterSeq));
  }

  static LogEntry epochRecord(int shard, EpochRecord record) {
    return new LogEntry(EPOCH_RECORD, shard, 0, longs(record.seen(), record.promoted()));
  }

  /** The IMAGE_ITEM record copying a command record of {@code type} on {@code shard}. */
  public static LogEntry imageItem(int shard, int type, int epoch, byte[] payload) {
    if (!isEntry(type)) {
      throw new IllegalArgumentException("an image item copies an entry, not type " + type);
    }
    byte[] wrapped = new byte[payload.length + 1];
    wrapped[0] = (byte) type;
    System.arraycopy(payload, 0, wrapped, 1, payload.length);
    return new LogEntry(IMAGE_ITEM, shard, epoch, wrapped);
  }

  /**
   * The record an IMAGE_ITEM copies (type, shard, epoch and payload as they were); any other record
   * unchanged.
   */
  public static LogEntry unwrapped(LogEntry entry) {
    if (entry.type() != IMAGE_ITEM) {
      return entry;
    }
    byte[] wrapped = entry.payload();
    if (wrapped.length < 1) {
      throw new IllegalStateException("empty image item record on shard " + entry.shardId());
    }
    return new LogEntry(
        Byte.toUnsignedInt(wrapped[0]),
        entry.shardId(),
        entry.epoch(),
        Arrays.copyOfRange(wrapped, 1, wrapped.length));
  }

  /** The {@code index}-th long of a COMMIT, TRUNCATE or EPOCH_RECORD payload. */
  static long longAt(LogEntry entry, int index) {
    byte[] payload = entry.payload();
    if (payload.length < (index + 1) * Long.BYTES) {
      throw new IllegalStateException(
          "replication record of type " + entry.type() + " is too short: " + payload.length);
    }
    return ByteBuffer.wrap(payload).getLong(index * Long.BYTES);
  }

  private static byte[] longs(long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES);
    for (long value : values) {
      buffer.putLong(value);
    }
    return buffer.array();
  }
}
