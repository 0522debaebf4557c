package io.switchboard.controlplane.operation.switchover;

import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.operation.StepResult;
import io.switchboard.controlplane.operation.StepRunner;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.replication.FenceReport;
import io.switchboard.runtime.replication.ReplicaGroup;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * The steps of a planned shard switchover (parameters fixed by {@link ShardSwitchoverPlanner}:
 * {@code shard}, {@code from}, {@code target}, {@code epoch}):
 *
 * <ol>
 *   <li><b>catch-up</b>: waits (up to {@link #CATCH_UP_TIMEOUT}) until the target holds every entry
 *       the primary has committed. Read-only; fails if the shard moved since the plan.
 *   <li><b>fence</b>: fences the primary first (if it cannot be fenced, nothing changed and the
 *       step fails), then the other voters, at the plan's epoch. From then on the old primary
 *       commits nothing: its fence report's commit seq is final. The target must hold every entry
 *       up to it, and a majority of the voters must be fenced; otherwise the step rolls back.
 *   <li><b>promote</b>: promotes the target at the epoch, with the same voters and asynchronous
 *       replicas. A failure rolls back.
 *   <li><b>publish</b>: publishes the next map version, with the target as the primary and the old
 *       primary as a follower; nodes route and follow by it from then on.
 * </ol>
 *
 * <p>Zero loss: every committed entry is on the target before it is promoted; entries the old
 * primary appended but never committed were never acknowledged, and it drops them when it follows
 * the target. Idempotence (a step run again after a restart): catch-up reads; fencing again at the
 * epoch only reports; promoting the primary of the epoch again returns its start; publishing finds
 * the map already published.
 *
 * <p>Rollback (the contract of fence and promote): the old primary is promoted again at the next
 * epoch, the voters fenced there first, and the map published with it; the shard is then served as
 * before.
 */
@Component
class ShardSwitchoverRunner implements StepRunner {

  static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final long CATCH_UP_POLL_MILLIS = 50;

  private final ReplicaControl replicas;

  ShardSwitchoverRunner(ReplicaControl replicas) {
    this.replicas = replicas;
  }

  @Override
  public OperationType type() {
    return OperationType.SHARD_SWITCHOVER;
  }

  @Override
  public StepResult run(Operation operation, int index) {
    Switch plan = Switch.of(operation.parameters());
    String step = operation.steps().get(index).name();
    return switch (step) {
      case ShardSwitchoverPlanner.CATCH_UP -> catchUp(plan);
      case ShardSwitchoverPlanner.FENCE -> fence(plan);
      case ShardSwitchoverPlanner.PROMOTE -> promote(plan);
      case ShardSwitchoverPlanner.PUBLISH -> publish(plan);
      default -> new StepResult.Failed("unknown switchover step " + step);
    };
  }

  /**
   * A whole switchover as one step (of a node drain): nothing to do when the map already has the
   * target as the primary of the plan's epoch; otherwise catch-up, fence, promote and publish, each
   * idempotent, stopping at the first that does not succeed.
   */
  StepResult switchWhole(Switch plan) {
    ReplicaSet set = replicas.shardMap().replicaSet(plan.shard());
    if (set.epoch() == plan.epoch() && set.primary().equals(plan.target())) {
      return new StepResult.Done(
          "shard " + plan.shard() + " was already switched to " + plan.target());
    }
    List<String> done = new ArrayList<>();
    for (java.util.function.Function<Switch, StepResult> step :
        List.<java.util.function.Function<Switch, StepResult>>of(
            this::catchUp, this::fence, this::promote, this::publish)) {
      StepResult result = step.apply(plan);
      if (!(result instanceof StepResult.Done finished)) {
        return result;
      }
      done.add(finished.detail());
    }
    return new StepResult.Done(
        "shard " + plan.shard() + " now led by " + plan.target() + " (" + done.get(3) + ")");
  }

  /**
   * Until the fence: afterwards the old primary commits nothing and the shard has no primary until
   * the promotion, so the switchover finishes (or rolls back) instead of stopping.
   */
  @Override
  public boolean cancellableBefore(Operation operation, int index) {
    List<String> names = operation.steps().stream().map(step -> step.name()).toList();
    return index <= names.indexOf(ShardSwitchoverPlanner.FENCE);
  }

  /** A switchover's fixed parameters. */
  record Switch(int shard, String from, String target, long epoch) {
    static Switch of(Map<String, String> parameters) {
      return new Switch(
          Integer.parseInt(parameters.get("shard")),
          parameters.get("from"),
          parameters.get("target"),
          Long.parseLong(parameters.get("epoch")));
    }
  }

  private StepResult catchUp(Switch plan) {
    ReplicaSet set = replicas.shardMap().replicaSet(plan.shard());
    if (set.epoch() != plan.epoch() - 1 || !set.primary().equals(plan.from())) {
      return new StepResult.Failed(
          "shard "
              + plan.shard()
              + " moved since the plan: its primary is "
              + set.primary()
              + " at epoch "
              + set.epoch());
    }
    long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
    while (true) {
      ReplicaStatus primary = await(replicas.status(plan.from(), plan.shard()));
      ReplicaStatus target = await(replicas.status(plan.target(), plan.shard()));
      if (target.lastSeq() >= primary.commitSeq()) {
        return new StepResult.Done(
            plan.target()
                + " holds "
                + target.lastSeq()
                + " entries; "
                + plan.from()
                + " committed "
                + primary.commitSeq());
      }
      if (System.nanoTime() - deadline > 0) {
        return new StepResult.Failed(
            plan.target()
                + " did not catch up within "
                + CATCH_UP_TIMEOUT.toSeconds()
                + " s: it holds "
                + target.lastSeq()
                + " entries, "
                + plan.from()
                + " committed "
                + primary.commitSeq());
      }
      pause();
    }
  }

  private StepResult fence(Switch plan) {
    ReplicaSet set = replicas.shardMap().replicaSet(plan.shard());
    FenceReport primary;
    try {
      primary = await(replicas.fence(plan.from(), plan.shard(), plan.epoch()));
    } catch (RuntimeException e) {
      return new StepResult.Failed(
          "cannot fence the primary "
              + plan.from()
              + " ("
              + e.getMessage()
              + "); nothing changed. If it is down, the shard needs a failover");
    }
    List<FenceReport> reports = new ArrayList<>(List.of(primary));
    List<String> unreachable = new ArrayList<>();
    for (String voter : set.voters()) {
      if (voter.equals(plan.from())) {
        continue;
      }
      try {
        reports.add(await(replicas.fence(voter, plan.shard(), plan.epoch())));
      } catch (RuntimeException e) {
        unreachable.add(voter);
      }
    }
    FenceReport target =
        reports.stream().filter(r -> r.replicaId().equals(plan.target())).findFirst().orElse(null);
    String fenced = describe(reports);
    if (reports.size() < set.voters().size() / 2 + 1) {
      return rollBack(plan, set, "only " + fenced + " could be fenced");
    }
    if (target == null) {
      return rollBack(plan, set, plan.target() + " could not be fenced");
    }
    if (target.lastSeq() < primary.commitSeq()) {
      return rollBack(
          plan,
          set,
          plan.target()
              + " lacks committed entries ("
              + target.lastSeq()
              + " < "
              + primary.commitSeq()
              + ")");
    }
    return new StepResult.Done(
        "fenced at epoch "
            + plan.epoch()
            + ": "
            + fenced
            + (unreachable.isEmpty() ? "" : "; unreachable: " + String.join(", ", unreachable)));
  }

  private StepResult promote(Switch plan) {
    ReplicaSet set = replicas.shardMap().replicaSet(plan.shard());
    try {
      long start = await(replicas.promote(plan.target(), plan.shard(), plan.epoch(), groupOf(set)));
      return new StepResult.Done(
          plan.target() + " is the primary of epoch " + plan.epoch() + " from seq " + start);
    } catch (RuntimeException e) {
      return rollBack(plan, set, "promoting " + plan.target() + " failed: " + e.getMessage());
    }
  }

  private StepResult publish(Switch plan) {
    ShardMap map = replicas.shardMap();
    ReplicaSet current = map.replicaSet(plan.shard());
    if (current.epoch() == plan.epoch() && current.primary().equals(plan.target())) {
      return new StepResult.Done("map version " + map.version() + " was already published");
    }
    ShardMap next = withPrimary(map, current, plan.target(), plan.epoch());
    replicas.publish(next);
    return new StepResult.Done(
        "published map version " + next.version() + ": " + plan.target() + " leads");
  }

  /**
   * Undoes a switchover whose fence or promotion failed: fences the voters at the epoch after the
   * plan's, promotes the old primary there and publishes the map with it.
   */
  private StepResult rollBack(Switch plan, ReplicaSet set, String reason) {
    long epoch = plan.epoch() + 1;
    try {
      for (String voter : set.voters()) {
        try {
          await(replicas.fence(voter, plan.shard(), epoch));
        } catch (RuntimeException unreachable) {
          // Fencing the reachable ones suffices: the old primary holds every committed entry.
        }
      }
      await(replicas.promote(plan.from(), plan.shard(), epoch, groupOf(set)));
      ShardMap map = replicas.shardMap();
      replicas.publish(withPrimary(map, map.replicaSet(plan.shard()), plan.from(), epoch));
    } catch (RuntimeException e) {
      return new StepResult.Failed(
          reason
              + "; restoring "
              + plan.from()
              + " failed too ("
              + e.getMessage()
              + "): shard "
              + plan.shard()
              + " needs a failover");
    }
    return new StepResult.RolledBack(
        reason + "; " + plan.from() + " leads shard " + plan.shard() + " again at epoch " + epoch);
  }

  private static ShardMap withPrimary(ShardMap map, ReplicaSet set, String primary, long epoch) {
    List<String> followers = new ArrayList<>(set.voters());
    followers.remove(primary);
    List<ReplicaSet> sets = new ArrayList<>(map.replicaSets());
    sets.set(
        set.shard(), new ReplicaSet(set.shard(), epoch, primary, followers, set.asyncReplicas()));
    return new ShardMap(map.version() + 1, sets);
  }

  private static ReplicaGroup groupOf(ReplicaSet set) {
    return new ReplicaGroup(new HashSet<>(set.voters()), new HashSet<>(set.asyncReplicas()));
  }

  private static String describe(List<FenceReport> reports) {
    List<String> parts = new ArrayList<>();
    for (FenceReport report : reports) {
      parts.add(
          report.replicaId()
              + " (last "
              + report.lastSeq()
              + ", commit "
              + report.commitSeq()
              + ")");
    }
    return String.join(", ", parts);
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> call) {
    try {
      return call.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within " + CALL_TIMEOUT.toSeconds() + " s", e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(CATCH_UP_POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the catch-up", e);
    }
  }
}
