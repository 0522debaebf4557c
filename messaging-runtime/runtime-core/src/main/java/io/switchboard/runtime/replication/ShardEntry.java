package io.switchboard.runtime.replication;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a shard's replicated log. {@code (seq, epoch)} names the entry on every replica:
 * only the primary of {@code epoch} creates entries of that epoch, each at a distinct seq, so two
 * replicas holding an entry with the same seq and epoch hold the same entry and the same log before
 * it.
 *
 * <p>The payload array is not copied: once an entry is built, its payload must not be modified.
 *
 * @param seq position in the shard's log, from 1, without gaps
 * @param epoch epoch of the primary that created the entry, from 1
 * @param kind what the payload is: a messaging command kind, or {@link #EPOCH_START}; 0 to {@value
 *     #MAX_KIND}, so that it fits the node log's one-byte record type
 * @param payload the entry's bytes, possibly empty
 */
public record ShardEntry(long seq, long epoch, int kind, byte[] payload) {

  /**
   * Kind of the entry a new primary writes first in its epoch (ADR 0008). Record types 1 to 14
   * belong to messaging commands; 15 is the first type left to other subsystems.
   */
  public static final int EPOCH_START = 15;

  /** Largest kind: kinds are stored in the node log's one-byte record type. */
  public static final int MAX_KIND = 0xFF;

  public ShardEntry {
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1: " + seq);
    }
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch starts at 1: " + epoch);
    }
    if (kind < 0 || kind > MAX_KIND) {
      throw new IllegalArgumentException("kind must be 0 to " + MAX_KIND + ": " + kind);
    }
    Objects.requireNonNull(payload, "payload");
  }

  /** The entry a primary of {@code epoch} writes first, at {@code seq}. */
  static ShardEntry epochStart(long seq, long epoch) {
    return new ShardEntry(seq, epoch, EPOCH_START, new byte[0]);
  }

  /** Equal when every field is equal, payloads compared byte by byte. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ShardEntry entry
        && seq == entry.seq
        && epoch == entry.epoch
        && kind == entry.kind
        && Arrays.equals(payload, entry.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seq, epoch, kind) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "ShardEntry[seq="
        + seq
        + ", epoch="
        + epoch
        + ", kind="
        + kind
        + ", payload="
        + payload.length
        + " bytes]";
  }
}
