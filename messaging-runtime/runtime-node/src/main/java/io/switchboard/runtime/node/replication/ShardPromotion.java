package io.switchboard.runtime.node.replication;

import io.switchboard.runtime.replication.FenceReport;
import io.switchboard.runtime.replication.PromotionChoice;
import io.switchboard.runtime.replication.ReplicaGroup;
import io.switchboard.runtime.replication.StaleEpochException;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Moves the primary of shards to their most up-to-date in-DC replica at a new epoch, the way the
 * control plane does it (ADR 0008, "Fencing"), through the nodes' admin commands:
 *
 * <ol>
 *   <li>Fence every voter of the shard at epoch {@code E} (the map's epoch + 1, or above the
 *       highest epoch a voter reports having seen), waiting for each at most the timeout. Voters
 *       that do not answer (down, partitioned) are simply not counted.
 *   <li>Once a majority of the voters is fenced at {@code E}, the old primary can no longer commit:
 *       choose the fenced voter with the highest last epoch, then the longest log ({@link
 *       PromotionChoice}). It holds every committed entry.
 *   <li>Promote it at {@code E} with the same voters and asynchronous replicas; the old primary
 *       becomes a follower, and truncates what it had beyond the new primary's log when it rejoins.
 *   <li>Publish a map of the next version with the new primaries to every node that answers.
 * </ol>
 *
 * Shards are promoted concurrently. A shard whose voters cannot be fenced by a majority fails the
 * whole call with an {@link IllegalStateException} naming it; the shards promoted before stay
 * promoted, and a later call (at a higher epoch) is safe.
 */
public final class ShardPromotion {

  private static final int MAX_EPOCH_ATTEMPTS = 5;

  private final ReplicaAdminClient admin;
  private final Duration callTimeout;

  public ShardPromotion(ReplicaAdminClient admin, Duration callTimeout) {
    this.admin = admin;
    this.callTimeout = callTimeout;
  }

  /**
   * Promotes a new primary for each of {@code shards} and publishes the resulting map to {@code
   * nodes}.
   *
   * @param current the newest map (the nodes' current one)
   * @param excluded voters neither fenced nor chosen (down, or being drained); they stay voters of
   *     the new replica sets, and the majority is still counted over every voter
   * @return the published map: version {@code current.version() + 1}
   * @throws IllegalStateException if a shard could not be fenced by a majority of its voters
   */
  public ShardMap promote(
      ShardMap current,
      Collection<Integer> shards,
      Set<String> excluded,
      Collection<String> nodes) {
    Outcome outcome = promoteEach(current, shards, excluded, new PromotionMilestones.Tracker());
    if (!outcome.failures().isEmpty()) {
      throw new IllegalStateException(
          "promotion failed: " + String.join("; ", outcome.failures().values()));
    }
    publish(outcome.map(), nodes);
    return outcome.map();
  }

  /**
   * What a failover needs: promotes each of {@code shards} as {@link #promote} does, and publishes
   * the shards that could be promoted even if others could not (their replica sets stay as they
   * were, and why is reported).
   *
   * @return the published map (version {@code current.version() + 1}; {@code current} itself,
   *     unpublished, when no shard could be promoted) and the failures by shard
   */
  public Outcome promoteWhatCan(
      ShardMap current,
      Collection<Integer> shards,
      Set<String> excluded,
      Collection<String> nodes) {
    return publishWhatCan(
        current, promoteEach(current, shards, excluded, new PromotionMilestones.Tracker()), nodes);
  }

  /**
   * Fails {@code shards} over to another data centre after the loss of their home DC, whose nodes
   * are {@code lost}: for each shard, every replica is fenced at the next epoch as far as it
   * answers (a lost voter that still answers can no longer commit either), the most up-to-date
   * fenced asynchronous replica outside {@code lost} (highest last epoch, then longest log) is
   * promoted as the single voter of the new epoch, and the former voters become its asynchronous
   * replicas, so that they follow it when they return. Shards that could be promoted are published
   * as {@link #promoteWhatCan} does.
   *
   * <p>This gives up the quorum rule on purpose (the voters are gone): entries the lost primary
   * committed that the promoted replica had not fetched are lost, which is what a DC failover
   * accepts and reports. When the former voters return they replace what they hold beyond the new
   * primary's history by its image (see {@link
   * io.switchboard.runtime.replication.FollowerReplication}).
   *
   * @return the published map and, for each shard that could not be promoted, why (no asynchronous
   *     replica outside the lost DC, or none answered)
   */
  public Outcome promoteAcrossDc(
      ShardMap current, Collection<Integer> shards, Set<String> lost, Collection<String> nodes) {
    PromotionMilestones.Tracker tracker = new PromotionMilestones.Tracker();
    Map<Integer, CompletableFuture<ReplicaSet>> promotions = new TreeMap<>();
    for (int shard : shards) {
      promotions.put(shard, promoteAcrossDc(current.replicaSet(shard), lost, 1, tracker));
    }
    return publishWhatCan(current, collect(current, promotions, tracker), nodes);
  }

  /**
   * Publishes {@code outcome}'s map to {@code nodes} if any shard could be changed, and stamps when
   * it was published; otherwise returns {@code current}, unpublished, with the failures.
   */
  private Outcome publishWhatCan(ShardMap current, Outcome outcome, Collection<String> nodes) {
    if (outcome.failures().size() < outcome.attempted()) {
      publish(outcome.map(), nodes);
      return new Outcome(
          outcome.map(),
          outcome.failures(),
          outcome.attempted(),
          outcome.milestones().notifiedAt(Instant.now()));
    }
    return new Outcome(current, outcome.failures(), outcome.attempted(), outcome.milestones());
  }

  private CompletableFuture<ReplicaSet> promoteAcrossDc(
      ReplicaSet set, Set<String> lost, int attempt, PromotionMilestones.Tracker tracker) {
    List<String> candidates =
        set.asyncReplicas().stream().filter(replica -> !lost.contains(replica)).toList();
    if (candidates.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "shard "
                  + set.shard()
                  + " has no asynchronous replica outside the lost nodes"
                  + (set.asyncReplicas().isEmpty() ? " (it has none)" : "")));
    }
    long epoch = set.epoch() + attempt;
    List<String> everyReplica = new ArrayList<>(set.voters());
    everyReplica.addAll(set.asyncReplicas());
    Map<String, CompletableFuture<Object>> answers = new TreeMap<>();
    for (String replica : everyReplica) {
      answers.put(
          replica,
          admin
              .fence(replica, set.shard(), epoch)
              .orTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
              .<Object>thenApply(report -> report)
              .exceptionally(ShardPromotion::unwrap));
    }
    return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
        .thenCompose(
            done -> {
              FenceReport best = null;
              List<String> refusals = new ArrayList<>();
              boolean staleSeen = false;
              for (String candidate : candidates) {
                Object answer = answers.get(candidate).join();
                if (answer instanceof FenceReport report) {
                  if (best == null
                      || report.lastEpoch() > best.lastEpoch()
                      || (report.lastEpoch() == best.lastEpoch()
                          && report.lastSeq() > best.lastSeq())) {
                    best = report;
                  }
                } else {
                  staleSeen |= answer instanceof StaleEpochException;
                  refusals.add(candidate + ": " + answer);
                }
              }
              if (best == null) {
                if (staleSeen && attempt < MAX_EPOCH_ATTEMPTS) {
                  return promoteAcrossDc(set, lost, attempt + 1, tracker);
                }
                return CompletableFuture.failedFuture(
                    new IllegalStateException(
                        "shard "
                            + set.shard()
                            + ": no asynchronous replica could be fenced at epoch "
                            + epoch
                            + " "
                            + refusals));
              }
              tracker.fenced();
              String chosen = best.replicaId();
              tracker.elected();
              List<String> followers =
                  everyReplica.stream().filter(replica -> !replica.equals(chosen)).toList();
              ReplicaGroup group = new ReplicaGroup(Set.of(chosen), Set.copyOf(followers));
              return admin
                  .promote(chosen, set.shard(), epoch, group)
                  .orTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                  .thenApply(
                      start -> {
                        tracker.promoted();
                        return new ReplicaSet(set.shard(), epoch, chosen, List.of(), followers);
                      });
            });
  }

  /**
   * The result of promoting several shards.
   *
   * @param map the map with every shard that could be promoted at its new epoch
   * @param failures why each other shard could not be promoted
   * @param attempted how many shards the call tried to promote
   * @param milestones when the promotion passed each stage
   */
  public record Outcome(
      ShardMap map, Map<Integer, String> failures, int attempted, PromotionMilestones milestones) {
    public Outcome {
      failures = Map.copyOf(failures);
    }
  }

  private Outcome promoteEach(
      ShardMap current,
      Collection<Integer> shards,
      Set<String> excluded,
      PromotionMilestones.Tracker tracker) {
    Map<Integer, CompletableFuture<ReplicaSet>> promotions = new TreeMap<>();
    for (int shard : shards) {
      ReplicaSet set = current.replicaSet(shard);
      promotions.put(
          shard,
          promoteShard(
              set,
              excluded,
              set.voters(),
              set.asyncReplicas(),
              Comparator.naturalOrder(),
              tracker));
    }
    return collect(current, promotions, tracker);
  }

  /** {@code current} with every promotion that succeeded, at the next version; the failures. */
  private static Outcome collect(
      ShardMap current,
      Map<Integer, CompletableFuture<ReplicaSet>> promotions,
      PromotionMilestones.Tracker tracker) {
    List<ReplicaSet> sets = new ArrayList<>(current.replicaSets());
    Map<Integer, String> failures = new TreeMap<>();
    promotions.forEach(
        (shard, promotion) -> {
          try {
            sets.set(shard, promotion.join());
          } catch (CompletionException e) {
            failures.put(shard, e.getCause() == null ? e.toString() : e.getCause().getMessage());
          }
        });
    return new Outcome(
        new ShardMap(current.version() + 1, sets),
        failures,
        promotions.size(),
        tracker.milestones());
  }

  /** Installs {@code map} on every node of {@code nodes} that answers within the timeout. */
  public void publish(ShardMap map, Collection<String> nodes) {
    List<CompletableFuture<Long>> installs = new ArrayList<>();
    for (String node : nodes) {
      installs.add(
          admin
              .installShardMap(node, map)
              .orTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
              .exceptionally(failure -> -1L));
    }
    installs.forEach(CompletableFuture::join);
  }

  /**
   * Fences a majority of {@code set}'s voters at a new epoch and promotes, with the replicas {@code
   * voters} and {@code asyncReplicas}, the most up-to-date fenced voter that is among {@code
   * voters}: one whose log equals the most up-to-date report's (same last epoch and seq), so that
   * no committed entry is left behind. Among equally up-to-date ones, the first by {@code
   * preference}.
   */
  private CompletableFuture<ReplicaSet> promoteShard(
      ReplicaSet set,
      Set<String> excluded,
      List<String> voters,
      List<String> asyncReplicas,
      Comparator<String> preference,
      PromotionMilestones.Tracker tracker) {
    ReplicaGroup next = new ReplicaGroup(new HashSet<>(voters), Set.copyOf(asyncReplicas));
    return fenceMajority(set, excluded, set.epoch() + 1, 1)
        .thenCompose(
            fenced -> {
              tracker.fenced();
              FenceReport best =
                  PromotionChoice.mostUpToDate(groupOf(set), fenced.epoch(), fenced.reports())
                      .orElseThrow();
              FenceReport chosen =
                  fenced.reports().stream()
                      .filter(report -> next.voters().contains(report.replicaId()))
                      .filter(
                          report ->
                              report.lastEpoch() == best.lastEpoch()
                                  && report.lastSeq() == best.lastSeq())
                      .min(Comparator.comparing(FenceReport::replicaId, preference))
                      .orElse(null);
              if (chosen == null) {
                return CompletableFuture.failedFuture(
                    new IllegalStateException(
                        "shard "
                            + set.shard()
                            + ": the most up-to-date replica "
                            + best.replicaId()
                            + " would not be a voter of "
                            + voters
                            + "; move the primary to it first"));
              }
              tracker.elected();
              return admin
                  .promote(chosen.replicaId(), set.shard(), fenced.epoch(), next)
                  .orTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                  .thenApply(
                      start -> {
                        tracker.promoted();
                        return new ReplicaSet(
                            set.shard(),
                            fenced.epoch(),
                            chosen.replicaId(),
                            voters.stream().filter(v -> !v.equals(chosen.replicaId())).toList(),
                            asyncReplicas);
                      });
            });
  }

  /**
   * Changes the replicas of {@code shard} (adds or removes a follower or an asynchronous replica)
   * at a new epoch: the primary's group is fixed per epoch, so a new group needs a promotion, done
   * as in {@link #promote} (a majority of the current voters fenced, the most up-to-date promoted,
   * here among the new voters, the first of {@code voters} among equally up-to-date ones, so the
   * listed primary keeps or takes the lead when it holds every entry). A new replica starts empty
   * and fetches the shard's log from its first entry; a removed one stops following it (its copy
   * stays on its disk).
   *
   * @return the published map: version {@code current.version() + 1}
   * @throws IllegalStateException if the current voters could not be fenced by a majority, or the
   *     most up-to-date of them is not among {@code voters}
   */
  public ShardMap reconfigure(
      ShardMap current,
      int shard,
      List<String> voters,
      List<String> asyncReplicas,
      Collection<String> nodes) {
    ReplicaSet next;
    try {
      next =
          promoteShard(
                  current.replicaSet(shard),
                  Set.of(),
                  voters,
                  asyncReplicas,
                  Comparator.comparingInt(voters::indexOf),
                  new PromotionMilestones.Tracker())
              .join();
    } catch (CompletionException e) {
      throw new IllegalStateException(
          "reconfiguration failed: " + (e.getCause() == null ? e : e.getCause().getMessage()));
    }
    List<ReplicaSet> sets = new ArrayList<>(current.replicaSets());
    sets.set(shard, next);
    ShardMap map = new ShardMap(current.version() + 1, sets);
    publish(map, nodes);
    return map;
  }

  /**
   * The replicas a shard should have.
   *
   * @param voters the voters; the first one leads if it is as up to date as any
   * @param asyncReplicas the asynchronous replicas
   */
  public record Replicas(List<String> voters, List<String> asyncReplicas) {
    public Replicas {
      voters = List.copyOf(voters);
      asyncReplicas = List.copyOf(asyncReplicas);
    }
  }

  /**
   * Reconfigures several shards as {@link #reconfigure} does one, concurrently, and publishes the
   * shards that could be reconfigured in one map (as {@link #promoteWhatCan} does).
   */
  public Outcome reconfigureAll(
      ShardMap current, Map<Integer, Replicas> changes, Collection<String> nodes) {
    PromotionMilestones.Tracker tracker = new PromotionMilestones.Tracker();
    Map<Integer, CompletableFuture<ReplicaSet>> promotions = new TreeMap<>();
    changes.forEach(
        (shard, replicas) ->
            promotions.put(
                shard,
                promoteShard(
                    current.replicaSet(shard),
                    Set.of(),
                    replicas.voters(),
                    replicas.asyncReplicas(),
                    Comparator.comparingInt(replicas.voters()::indexOf),
                    tracker)));
    return publishWhatCan(current, collect(current, promotions, tracker), nodes);
  }

  private record Fencing(long epoch, List<FenceReport> reports) {}

  private CompletableFuture<Fencing> fenceMajority(
      ReplicaSet set, Set<String> excluded, long epoch, int attempt) {
    List<CompletableFuture<Object>> answers = new ArrayList<>();
    for (String voter : set.voters()) {
      if (excluded.contains(voter)) {
        continue;
      }
      answers.add(
          admin
              .fence(voter, set.shard(), epoch)
              .orTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
              .<Object>thenApply(report -> report)
              .exceptionally(failure -> unwrap(failure)));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenCompose(
            done -> {
              List<FenceReport> reports = new ArrayList<>();
              long seen = 0;
              List<String> refusals = new ArrayList<>();
              for (CompletableFuture<Object> answer : answers) {
                Object outcome = answer.join();
                if (outcome instanceof FenceReport report) {
                  reports.add(report);
                } else if (outcome instanceof StaleEpochException stale) {
                  seen = Math.max(seen, stale.highestSeen());
                } else {
                  refusals.add(String.valueOf(outcome));
                }
              }
              if (seen >= epoch && attempt < MAX_EPOCH_ATTEMPTS) {
                return fenceMajority(set, excluded, seen + 1, attempt + 1);
              }
              if (PromotionChoice.mostUpToDate(groupOf(set), epoch, reports).isEmpty()) {
                return CompletableFuture.failedFuture(
                    new IllegalStateException(
                        "shard "
                            + set.shard()
                            + ": a majority of "
                            + set.voters()
                            + " could not be fenced at epoch "
                            + epoch
                            + " ("
                            + reports.size()
                            + " fenced; "
                            + refusals
                            + ")"));
              }
              return CompletableFuture.completedFuture(new Fencing(epoch, reports));
            });
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  static ReplicaGroup groupOf(ReplicaSet set) {
    return new ReplicaGroup(new HashSet<>(set.voters()), Set.copyOf(set.asyncReplicas()));
  }
}
