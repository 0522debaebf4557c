package io.switchboard.runtime.replication;

/**
 * Bounds of the replication state.
 *
 * @param maxFetchBytes payload bytes a fetch answer carries at most (it carries at least one entry
 *     when there is one)
 * @param maxAppendTimeSamples append times a primary keeps for lag in milliseconds: one per
 *     distinct millisecond of the entries not yet held by every replica; beyond it the oldest
 *     samples merge, which can only overstate a lag
 * @param imageCatchUpEntries how many committed entries a replica may lack before the primary
 *     answers {@link FetchResponse.ImageNeeded} instead of entries: a new or long-absent replica
 *     installs an image rather than replaying every entry
 */
public record ReplicationLimits(
    int maxFetchBytes, int maxAppendTimeSamples, long imageCatchUpEntries) {

  /** Entries a replica may lack before it gets an image, by default. */
  public static final long DEFAULT_IMAGE_CATCH_UP_ENTRIES = 10_000;

  public ReplicationLimits {
    if (maxFetchBytes < 1 || maxAppendTimeSamples < 2 || imageCatchUpEntries < 1) {
      throw new IllegalArgumentException(
          "need maxFetchBytes >= 1, maxAppendTimeSamples >= 2 and imageCatchUpEntries >= 1, got "
              + maxFetchBytes
              + ", "
              + maxAppendTimeSamples
              + ", "
              + imageCatchUpEntries);
    }
  }

  /** 1 MiB per fetch, 4096 append-time samples, an image beyond 10,000 missing entries. */
  public static ReplicationLimits defaults() {
    return new ReplicationLimits(1 << 20, 4096, DEFAULT_IMAGE_CATCH_UP_ENTRIES);
  }

  /** These limits with {@code entries} as {@link #imageCatchUpEntries}. */
  public ReplicationLimits withImageCatchUpEntries(long entries) {
    return new ReplicationLimits(maxFetchBytes, maxAppendTimeSamples, entries);
  }
}
