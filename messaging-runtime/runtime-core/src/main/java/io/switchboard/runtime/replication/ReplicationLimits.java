package io.switchboard.runtime.replication;

/**
 * Bounds of the replication state.
 *
 * @param maxFetchBytes payload bytes a fetch answer carries at most (it carries at least one entry
 *     when there is one)
 * @param maxAppendTimeSamples append times a primary keeps for lag in milliseconds: one per
 *     distinct millisecond of the entries not yet held by every replica; beyond it the oldest
 *     samples merge, which can only overstate a lag
 */
public record ReplicationLimits(int maxFetchBytes, int maxAppendTimeSamples) {

  public ReplicationLimits {
    if (maxFetchBytes < 1 || maxAppendTimeSamples < 2) {
      throw new IllegalArgumentException(
          "need maxFetchBytes >= 1 and maxAppendTimeSamples >= 2, got "
              + maxFetchBytes
              + ", "
              + maxAppendTimeSamples);
    }
  }

  /** 1 MiB per fetch, 4096 append-time samples. */
  public static ReplicationLimits defaults() {
    return new ReplicationLimits(1 << 20, 4096);
  }
}
