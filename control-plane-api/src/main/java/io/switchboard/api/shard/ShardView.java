package io.switchboard.api.shard;

import java.time.Instant;
import java.util.List;

/**
 * One shard in detail.
 *
 * @param summary its replica set in the newest map
 * @param replicas every replica with what it reports now
 * @param history the operations that acted on it, newest first
 */
public record ShardView(
    ShardMapView.ShardSummary summary, List<ReplicaView> replicas, List<HistoryEntry> history) {

  /**
   * One replica.
   *
   * @param node the node holding it
   * @param dc the node's data centre
   * @param kind {@code PRIMARY}, {@code FOLLOWER} or {@code ASYNC} by the map
   * @param reachable whether the node answered
   * @param role what the replica says it is ({@code PRIMARY}, {@code FOLLOWER}, {@code
   *     UNASSIGNED}), {@code null} when unreachable
   * @param lagRecords on a primary's report: entries this replica lacks; 0 for the primary
   * @param lagMillis age of the oldest entry it lacks
   */
  public record ReplicaView(
      String node,
      String dc,
      String kind,
      boolean reachable,
      String role,
      long highestEpoch,
      long lastSeq,
      long commitSeq,
      long lagRecords,
      long lagMillis) {}

  /** An operation that touched the shard. */
  public record HistoryEntry(
      String operationId, String title, String state, Instant createdAt, Instant updatedAt) {}
}
