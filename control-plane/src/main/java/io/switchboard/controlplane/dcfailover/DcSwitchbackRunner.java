package io.switchboard.controlplane.dcfailover;

import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.operation.StepResult;
import io.switchboard.controlplane.operation.StepRunner;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.node.replication.PromotionMilestones;
import io.switchboard.runtime.node.replication.ShardPromotion;
import io.switchboard.runtime.replication.ReplicaLag;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The steps of a DC switchback ({@link DcSwitchbackPlanner}):
 *
 * <ol>
 *   <li>{@code await-rejoin}: waits (up to {@code switchboard.failover.dc.rejoin-timeout}) until
 *       every node of the DC runs and, for every planned shard, each of its replicas on the DC is
 *       at most {@code rejoin-max-lag} entries behind the primary (as the primary reports it).
 *       Replicas that had committed writes the failover lost replace them by the primary's image
 *       first.
 *   <li>{@code restore-voters}: in two published maps: the DC's replicas become voters next to the
 *       current primary (every write from then on is on them), then the most up-to-date of them,
 *       the former primary first, leads at the next epoch, the DC's replicas as its voters and the
 *       other DC's replica asynchronous again: the placement from before the failover. Shards
 *       already led by the DC are skipped (a step run again); a shard that cannot be handed over
 *       (its current primary appended an entry the others lack at the fence) is tried again.
 *   <li>{@code restore-gateways}: the DC is back in the gateway endpoint directory.
 * </ol>
 *
 * <p>Zero loss: each hand-over fences a majority of the voters, which includes a replica holding
 * every committed entry, and promotes only a replica as up to date as the most up-to-date fenced.
 */
@Component
class DcSwitchbackRunner implements StepRunner {

  private static final long POLL_MILLIS = 250;
  private static final int HAND_OVER_ATTEMPTS = 3;
  private static final java.time.Duration PREFERRED_CATCH_UP = java.time.Duration.ofSeconds(10);

  private final ReplicaControl replicas;
  private final GatewayDirectory directory;
  private final DcFailoverProperties properties;

  DcSwitchbackRunner(
      ReplicaControl replicas, GatewayDirectory directory, DcFailoverProperties properties) {
    this.replicas = replicas;
    this.directory = directory;
    this.properties = properties;
  }

  @Override
  public OperationType type() {
    return OperationType.DC_SWITCHBACK;
  }

  @Override
  public StepResult run(Operation operation, int index) {
    Map<String, String> parameters = operation.parameters();
    Set<String> nodes = new LinkedHashSet<>(List.of(parameters.get("nodes").split(",")));
    List<Integer> shards = DataCenterShards.shards(parameters.get("shards"));
    String step = operation.steps().get(index).name();
    return switch (step) {
      case DcSwitchbackPlanner.AWAIT_REJOIN -> awaitRejoin(parameters.get("dc"), nodes, shards);
      case DcSwitchbackPlanner.RESTORE_VOTERS -> restoreVoters(nodes, shards);
      case DcSwitchbackPlanner.RESTORE_GATEWAYS -> restoreGateways(parameters.get("dc"));
      default -> new StepResult.Failed("unknown DC switchback step " + step);
    };
  }

  private StepResult awaitRejoin(String dc, Set<String> nodes, List<Integer> shards) {
    long deadline = System.nanoTime() + properties.rejoinTimeout().toNanos();
    String waitingFor;
    do {
      List<String> stopped = nodes.stream().filter(node -> !replicas.isRunning(node)).toList();
      if (!stopped.isEmpty()) {
        waitingFor = "nodes not running: " + String.join(", ", stopped);
      } else {
        List<Integer> behind = behind(nodes, shards);
        if (behind.isEmpty()) {
          return new StepResult.Done(
              "the replicas of "
                  + shards.size()
                  + " shards on "
                  + dc
                  + " are within "
                  + properties.rejoinMaxLag()
                  + " entries of their primaries");
        }
        waitingFor =
            behind.size()
                + " of "
                + shards.size()
                + " shards not caught up yet (first: "
                + behind.subList(0, Math.min(10, behind.size()))
                + ")";
      }
      if (!pause()) {
        return new StepResult.Failed("interrupted while waiting for " + dc + " to rejoin");
      }
    } while (System.nanoTime() - deadline < 0);
    return new StepResult.Failed(
        dc + " did not rejoin within " + properties.rejoinTimeout() + ": " + waitingFor);
  }

  /** The shards still led elsewhere whose replicas on {@code nodes} are too far behind. */
  private List<Integer> behind(Set<String> nodes, List<Integer> shards) {
    ShardMap map = replicas.shardMap();
    Map<Integer, CompletableFuture<ReplicaStatus>> statuses = new TreeMap<>();
    for (int shard : shards) {
      ReplicaSet set = map.replicaSet(shard);
      if (!nodes.contains(set.primary())) {
        statuses.put(
            shard,
            replicas
                .status(set.primary(), shard)
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(failure -> null));
      }
    }
    List<Integer> behind = new ArrayList<>();
    statuses.forEach(
        (shard, status) -> {
          ReplicaStatus primary = status.join();
          List<String> home = DcSwitchbackPlanner.homeReplicas(map.replicaSet(shard), nodes);
          boolean caughtUp =
              primary != null
                  && home.stream()
                      .allMatch(
                          replica -> {
                            ReplicaLag lag = primary.lags().get(replica);
                            return lag != null && lag.records() <= properties.rejoinMaxLag();
                          });
          if (!caughtUp) {
            behind.add(shard);
          }
        });
    return behind;
  }

  private StepResult restoreVoters(Set<String> nodes, List<Integer> shards) {
    ShardPromotion.Outcome joined = reconfigure(nodes, shards, this::joined);
    Map<Integer, String> failures = new TreeMap<>(joined.failures());
    awaitFormerPrimariesCaughtUp(nodes, shards);
    ShardPromotion.Outcome handedOver = null;
    for (int attempt = 0; attempt < HAND_OVER_ATTEMPTS; attempt++) {
      handedOver = reconfigure(nodes, shards, this::handedOver);
      if (handedOver.failures().isEmpty()) {
        break;
      }
    }
    failures.putAll(handedOver.failures());
    ShardMap map = replicas.shardMap();
    long home = shards.stream().filter(s -> nodes.contains(map.replicaSet(s).primary())).count();
    String summary =
        home + " of " + shards.size() + " shards led from home again, map version " + map.version();
    if (failures.isEmpty()) {
      return new StepResult.Done(summary);
    }
    List<String> reasons = new ArrayList<>(failures.values());
    return new StepResult.Failed(
        summary
            + "; not switched back: "
            + String.join("; ", reasons.subList(0, Math.min(5, reasons.size())))
            + (reasons.size() > 5 ? "; ... (" + reasons.size() + " in all)" : ""));
  }

  /**
   * Waits (at most {@link #PREFERRED_CATCH_UP}) until the first home replica of every shard (its
   * former primary) holds every entry of the current primary, so that the hand-over can give it the
   * lead: the hand-over promotes the first of the most up-to-date, and a replica one entry behind
   * (the epoch start of round one, not yet fetched) would lose the lead to another home replica.
   */
  private void awaitFormerPrimariesCaughtUp(Set<String> nodes, List<Integer> shards) {
    long deadline = System.nanoTime() + PREFERRED_CATCH_UP.toNanos();
    while (System.nanoTime() - deadline < 0) {
      ShardMap map = replicas.shardMap();
      boolean caughtUp =
          shards.stream()
              .map(map::replicaSet)
              .filter(set -> !nodes.contains(set.primary()))
              .allMatch(
                  set -> {
                    List<String> home = DcSwitchbackPlanner.homeReplicas(set, nodes);
                    ReplicaStatus primary =
                        replicas
                            .status(set.primary(), set.shard())
                            .orTimeout(5, TimeUnit.SECONDS)
                            .exceptionally(failure -> null)
                            .join();
                    ReplicaLag lag = primary == null ? null : primary.lags().get(home.get(0));
                    return lag != null && lag.records() == 0;
                  });
      if (caughtUp || !pause()) {
        return;
      }
    }
  }

  /** How a shard led elsewhere should change; null when it needs no change in this round. */
  private interface Change {
    ShardPromotion.Replicas of(ReplicaSet set, List<String> home);
  }

  /** Round one: the home replicas join the voters; the current primary keeps the lead. */
  private ShardPromotion.Replicas joined(ReplicaSet set, List<String> home) {
    if (set.followers().containsAll(home)) {
      return null;
    }
    List<String> voters = new ArrayList<>(List.of(set.primary()));
    voters.addAll(home);
    List<String> async = set.asyncReplicas().stream().filter(r -> !home.contains(r)).toList();
    return new ShardPromotion.Replicas(voters, async);
  }

  /** Round two: the home replicas lead, the current primary becomes asynchronous again. */
  private ShardPromotion.Replicas handedOver(ReplicaSet set, List<String> home) {
    List<String> async = new ArrayList<>(List.of(set.primary()));
    set.asyncReplicas().stream().filter(r -> !home.contains(r)).forEach(async::add);
    return new ShardPromotion.Replicas(home, async);
  }

  private ShardPromotion.Outcome reconfigure(
      Set<String> nodes, List<Integer> shards, Change change) {
    ShardMap map = replicas.shardMap();
    Map<Integer, ShardPromotion.Replicas> changes = new TreeMap<>();
    for (int shard : shards) {
      ReplicaSet set = map.replicaSet(shard);
      if (nodes.contains(set.primary())) {
        continue;
      }
      ShardPromotion.Replicas next = change.of(set, DcSwitchbackPlanner.homeReplicas(set, nodes));
      if (next != null) {
        changes.put(shard, next);
      }
    }
    return changes.isEmpty()
        ? new ShardPromotion.Outcome(map, Map.of(), 0, PromotionMilestones.NONE)
        : replicas.reconfigure(changes);
  }

  private StepResult restoreGateways(String dc) {
    directory.restore(dc);
    return new StepResult.Done(dc + " is back in the gateway endpoint directory");
  }

  private static boolean pause() {
    try {
      Thread.sleep(POLL_MILLIS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
