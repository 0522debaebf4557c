package io.switchboard.api.dcfailover;

import java.time.Instant;
import java.util.List;

/**
 * What a DC failover did to each shard it covered, and the data at risk: how far each promoted
 * asynchronous replica was behind the lost primary when the DC was lost.
 *
 * @param operationId the {@code DC_FAILOVER} operation
 * @param dc the data centre failed over
 * @param trigger what started it: {@code operator}, {@code unreachable} or {@code error-rate}
 * @param shards one entry per shard the DC led, by shard number
 */
public record DcFailoverReportView(
    String operationId, String dc, String trigger, List<ShardRisk> shards) {

  public DcFailoverReportView {
    shards = List.copyOf(shards);
  }

  /** Shards promoted in another DC. */
  public long promoted() {
    return shards.stream().filter(shard -> shard.newPrimary() != null).count();
  }

  /** The sum of the shards' lag in records at the last sample: entries possibly lost. */
  public long recordsAtRisk() {
    return shards.stream()
        .filter(shard -> shard.lagRecords() != null)
        .mapToLong(ShardRisk::lagRecords)
        .sum();
  }

  /**
   * One shard.
   *
   * @param shard the shard
   * @param lostPrimary its primary in the lost DC
   * @param newPrimary the asynchronous replica promoted in another DC; null if none could be
   * @param epoch the epoch it leads; null if not promoted
   * @param lagRecords entries the lost primary held that its asynchronous replica had not
   *     acknowledged, at the last sample before the failover; null if never sampled
   * @param lagSeconds the age of the oldest of them, in seconds; null if never sampled
   * @param sampledAt when that lag was sampled; null if never
   * @param failure why the shard was not promoted; null if it was
   */
  public record ShardRisk(
      int shard,
      String lostPrimary,
      String newPrimary,
      Long epoch,
      Long lagRecords,
      Double lagSeconds,
      Instant sampledAt,
      String failure) {}
}
