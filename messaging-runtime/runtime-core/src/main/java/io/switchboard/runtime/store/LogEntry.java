package io.switchboard.runtime.store;

import java.util.Arrays;

/**
 * What a caller appends to the log: an opaque payload tagged with the record type, the shard it
 * belongs to and the leadership epoch it was written in. The log interprets none of these; the
 * protocol layer assigns their meaning (types are its record kinds, epochs fence stale primaries).
 *
 * <p>The payload array is not copied: once an entry is built, its payload must not be modified.
 *
 * @param type record kind, 0 to {@value #MAX_TYPE}
 * @param shardId shard the record belongs to, 0 to {@value #MAX_SHARD_ID}
 * @param epoch leadership epoch of the writer, zero or more
 * @param payload the record's bytes, possibly empty
 */
public record LogEntry(int type, int shardId, int epoch, byte[] payload) {

  /** Largest record type: types are stored in one unsigned byte. */
  public static final int MAX_TYPE = 0xFF;

  /** Largest shard id: shard ids are stored in one unsigned 16-bit field. */
  public static final int MAX_SHARD_ID = 0xFFFF;

  public LogEntry {
    if (type < 0 || type > MAX_TYPE) {
      throw new IllegalArgumentException("type must be 0 to " + MAX_TYPE + ": " + type);
    }
    if (shardId < 0 || shardId > MAX_SHARD_ID) {
      throw new IllegalArgumentException("shard id must be 0 to " + MAX_SHARD_ID + ": " + shardId);
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must not be negative: " + epoch);
    }
    if (payload == null) {
      throw new NullPointerException("payload");
    }
  }

  /** Equal when every field is equal, payloads compared byte by byte. */
  @Override
  public boolean equals(Object other) {
    return other instanceof LogEntry entry
        && type == entry.type
        && shardId == entry.shardId
        && epoch == entry.epoch
        && Arrays.equals(payload, entry.payload);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * type + shardId) + epoch) + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "LogEntry[type="
        + type
        + ", shardId="
        + shardId
        + ", epoch="
        + epoch
        + ", payload="
        + payload.length
        + " bytes]";
  }
}
