package io.switchboard.console.shards;

/**
 * The steps of the replication-lag gradient, from in sync to far behind, then the two states
 * without a number. A shard's lag is the largest of its replicas' (by age of the oldest missing
 * entry); a replica more than {@link #SNAPSHOT_RECORDS} entries behind is caught up with a shard
 * image and counts as far behind whatever its age.
 */
public enum LagBucket {
  IN_SYNC("lag-0", "In sync"),
  UP_TO_100_MS("lag-1", "≤ 100 ms"),
  UP_TO_1_S("lag-2", "≤ 1 s"),
  UP_TO_10_S("lag-3", "≤ 10 s"),
  OVER_10_S("lag-4", "> 10 s or > 10,000 entries"),
  /** A replica did not answer, so its lag is not known. */
  UNREACHABLE("lag-unreachable", "Replica unreachable"),
  /** The shard has not been sampled since the view opened. */
  NOT_SAMPLED("lag-pending", "Not sampled yet");

  /** Beyond this many missing entries a replica is caught up from a shard image (ADR 0008). */
  public static final long SNAPSHOT_RECORDS = 10_000;

  private final String key;
  private final String label;

  LagBucket(String key, String label) {
    this.key = key;
    this.label = label;
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  /** The bucket of a sample; {@code null} (not sampled) gives {@link #NOT_SAMPLED}. */
  public static LagBucket of(LagSample sample) {
    if (sample == null) {
      return NOT_SAMPLED;
    }
    if (!sample.unreachable().isEmpty()) {
      return UNREACHABLE;
    }
    if (sample.lagRecords() > SNAPSHOT_RECORDS || sample.lagMillis() > 10_000) {
      return OVER_10_S;
    }
    if (sample.lagMillis() > 1_000) {
      return UP_TO_10_S;
    }
    if (sample.lagMillis() > 100) {
      return UP_TO_1_S;
    }
    if (sample.lagMillis() > 0 || sample.lagRecords() > 0) {
      return UP_TO_100_MS;
    }
    return IN_SYNC;
  }
}
