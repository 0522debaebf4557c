package io.switchboard.controlplane.operation.switchover;

import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.operation.StepResult;
import io.switchboard.controlplane.operation.StepRunner;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.topology.NodeLifecycle;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The steps of a node restart ({@link NodeRestartPlanner}):
 *
 * <ol>
 *   <li>{@code switch-shard-N}: as in a drain ({@link NodeDrainRunner#switchShard}).
 *   <li>{@code stop-node}: shuts the node down gracefully (flushes, checkpoints). Refused if the
 *       node leads a replicated shard again (something moved a primary back since the plan), unless
 *       the operation allows unavailability.
 *   <li>{@code start-node}: starts it on the same data directory and ports.
 *   <li>{@code await-rejoin}: waits (up to {@link #REJOIN_TIMEOUT}) until the node answers, serves
 *       the newest shard map, and each of its replicas holds every entry its primary had committed
 *       when the wait began.
 * </ol>
 *
 * <p>Each step is idempotent: stopping a stopped node and starting a running one do nothing, and
 * the wait only reads. Cancel is refused between the stop and the start (the node would stay down).
 */
@Component
class NodeRestartRunner implements StepRunner {

  static final Duration REJOIN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 200;

  private final ReplicaControl replicas;
  private final List<NodeLifecycle> launchers;
  private final NodeDrainRunner drain;

  NodeRestartRunner(ReplicaControl replicas, List<NodeLifecycle> launchers, NodeDrainRunner drain) {
    this.replicas = replicas;
    this.launchers = launchers;
    this.drain = drain;
  }

  @Override
  public OperationType type() {
    return OperationType.NODE_RESTART;
  }

  @Override
  public StepResult run(Operation operation, int index) {
    String step = operation.steps().get(index).name();
    String node = operation.parameters().get("node");
    if (step.startsWith(NodeDrainPlanner.STEP_PREFIX)) {
      return drain.switchShard(operation, step);
    }
    return switch (step) {
      case NodeRestartPlanner.STOP -> stop(node, operation.parameters());
      case NodeRestartPlanner.START -> start(node);
      case NodeRestartPlanner.AWAIT_REJOIN -> awaitRejoin(node);
      default -> new StepResult.Failed("unknown restart step " + step);
    };
  }

  @Override
  public boolean cancellableBefore(Operation operation, int index) {
    List<String> names = operation.steps().stream().map(step -> step.name()).toList();
    return index <= names.indexOf(NodeRestartPlanner.STOP)
        || index > names.indexOf(NodeRestartPlanner.START);
  }

  private StepResult stop(String node, Map<String, String> parameters) {
    NodeLifecycle launcher = launcherOf(node);
    if (launcher == null) {
      return new StepResult.Failed(node + " is not started by this control plane any more");
    }
    if (!"true".equals(parameters.get(NodeRestartPlanner.ALLOW_UNAVAILABLE))) {
      List<Integer> led = ledReplicatedShards(node);
      if (!led.isEmpty()) {
        return new StepResult.Failed(
            node + " leads shards " + led + " again since the plan; not stopped. Plan it anew");
      }
    }
    launcher.shutDown(node);
    return new StepResult.Done(node + " stopped");
  }

  private StepResult start(String node) {
    NodeLifecycle launcher = launcherOf(node);
    if (launcher == null) {
      return new StepResult.Failed(node + " is not started by this control plane any more");
    }
    launcher.start(node);
    return new StepResult.Done(node + " started");
  }

  private StepResult awaitRejoin(String node) {
    long deadline = System.nanoTime() + REJOIN_TIMEOUT.toNanos();
    Map<Integer, Long> targets = null;
    String waitingFor = node + " to answer";
    while (System.nanoTime() - deadline < 0) {
      ShardMap map = replicas.shardMap();
      Long served = replicas.isRunning(node) ? answer(replicas.mapVersion(node)) : null;
      if (served == null) {
        waitingFor = node + " to answer";
      } else if (served < map.version()) {
        waitingFor =
            node + " to serve map version " + map.version() + " (it serves " + served + ")";
      } else {
        if (targets == null) {
          targets = commitPoints(map, node);
        }
        List<Integer> behind = behind(node, targets);
        if (behind.isEmpty()) {
          return new StepResult.Done(
              node
                  + " serves map version "
                  + served
                  + "; its "
                  + targets.size()
                  + " replicas caught up");
        }
        waitingFor = behind.size() + " replicas to catch up (shards " + first(behind) + ")";
      }
      pause();
    }
    return new StepResult.Failed(
        "still waiting for " + waitingFor + " after " + REJOIN_TIMEOUT.toSeconds() + " s");
  }

  /** Per shard {@code node} follows: the commit seq of its primary now (when it answers). */
  private Map<Integer, Long> commitPoints(ShardMap map, String node) {
    Map<Integer, CompletableFuture<ReplicaStatus>> calls = new LinkedHashMap<>();
    for (ReplicaSet set : map.replicaSets()) {
      boolean replica = set.followers().contains(node) || set.asyncReplicas().contains(node);
      if (replica && !set.primary().equals(node)) {
        calls.put(set.shard(), replicas.status(set.primary(), set.shard()));
      }
    }
    Map<Integer, Long> targets = new LinkedHashMap<>();
    calls.forEach(
        (shard, call) -> {
          ReplicaStatus primary = answer(call);
          if (primary != null) {
            targets.put(shard, primary.commitSeq());
          }
        });
    return targets;
  }

  private List<Integer> behind(String node, Map<Integer, Long> targets) {
    Map<Integer, CompletableFuture<ReplicaStatus>> calls = new LinkedHashMap<>();
    targets.keySet().forEach(shard -> calls.put(shard, replicas.status(node, shard)));
    List<Integer> behind = new ArrayList<>();
    calls.forEach(
        (shard, call) -> {
          ReplicaStatus status = answer(call);
          if (status == null || status.lastSeq() < targets.get(shard)) {
            behind.add(shard);
          }
        });
    return behind;
  }

  private List<Integer> ledReplicatedShards(String node) {
    List<Integer> led = new ArrayList<>();
    for (ReplicaSet set : replicas.shardMap().replicaSets()) {
      if (set.primary().equals(node) && !set.followers().isEmpty()) {
        led.add(set.shard());
      }
    }
    return led;
  }

  private NodeLifecycle launcherOf(String node) {
    return launchers.stream().filter(l -> l.manages(node)).findFirst().orElse(null);
  }

  private static String first(List<Integer> shards) {
    return shards.size() <= 8 ? shards.toString() : shards.subList(0, 8) + "...";
  }

  /** The call's result, or null if it failed or took longer than {@link #CALL_TIMEOUT}. */
  private static <T> T answer(CompletableFuture<T> call) {
    try {
      return call.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the node", e);
    } catch (Exception e) {
      return null;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the node to rejoin", e);
    }
  }
}
