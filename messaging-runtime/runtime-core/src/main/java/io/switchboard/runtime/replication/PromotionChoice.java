package io.switchboard.runtime.replication;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The control plane's choice of the replica to promote, as a pure function of the fence reports.
 *
 * <p>Why it is safe: a voter vouches to a primary only for entries it holds durably, and stops
 * vouching to primaries of older epochs once fenced. So an entry any earlier primary commits,
 * before or even after the fence (through fetches still in flight), is durable on a replica of
 * every fenced majority and is covered by that replica's report (reports give the durable end). The
 * log of the most up-to-date report (highest last epoch, then longest) holds it too: by log
 * matching when its last epoch is the same, and because every primary of a later epoch was itself
 * chosen this way when it is higher. The control plane must use a new epoch for every attempt.
 */
public final class PromotionChoice {

  private static final Comparator<FenceReport> UP_TO_DATE =
      Comparator.comparingLong(FenceReport::lastEpoch)
          .thenComparingLong(FenceReport::lastSeq)
          .thenComparing(FenceReport::replicaId, Comparator.reverseOrder());

  private PromotionChoice() {}

  /**
   * The replica to promote at {@code epoch}: among the reports of voters fenced at exactly {@code
   * epoch}, the one with the highest last epoch, then the longest log, then the smallest id.
   *
   * @return empty until a quorum of the group's voters reported being fenced at {@code epoch}
   */
  public static Optional<FenceReport> mostUpToDate(
      ReplicaGroup group, long epoch, Collection<FenceReport> reports) {
    long fencedVoters =
        reports.stream()
            .filter(
                report -> report.epoch() == epoch && group.voters().contains(report.replicaId()))
            .map(FenceReport::replicaId)
            .distinct()
            .count();
    if (fencedVoters < group.quorum()) {
      return Optional.empty();
    }
    return reports.stream()
        .filter(report -> report.epoch() == epoch && group.voters().contains(report.replicaId()))
        .max(UP_TO_DATE);
  }
}
