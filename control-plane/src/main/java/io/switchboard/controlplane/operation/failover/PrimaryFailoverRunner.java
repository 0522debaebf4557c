package io.switchboard.controlplane.operation.failover;

import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.operation.StepResult;
import io.switchboard.controlplane.operation.StepRunner;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.node.replication.ShardPromotion;
import io.switchboard.runtime.peer.PeerProbed;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The steps of a primary failover ({@link PrimaryFailoverPlanner}):
 *
 * <ol>
 *   <li>{@code confirm}: every monitor is asked to reach the node over its peer port within {@link
 *       #PROBE_TIMEOUT}. If one reaches it, the monitors disagree and the failover stops there
 *       (nothing changed: a node the control plane cannot see but its peers can is a partition of
 *       the control plane, not a dead primary). If no monitor could be asked, it stops too: no
 *       failover without a second opinion.
 *   <li>{@code promote}: for each planned shard the failed node still leads in the newest map, a
 *       majority of its voters is fenced at the next epoch and the most up-to-date fenced voter
 *       (its log holds every committed entry) is promoted; the shards that could be promoted are
 *       published in one map. Shards the node no longer leads are skipped (a step run again after a
 *       restart of the control plane).
 * </ol>
 *
 * <p>The promote step marks when it had {@value #FENCED}, {@value #ELECTED}, {@value #PROMOTED} and
 * {@value #NOTIFIED} (the latest over its shards), for drill timelines.
 *
 * <p>Zero loss: a committed entry is on a majority of the voters, so on at least one fenced voter,
 * and the promoted one holds everything the most up-to-date fenced voter holds. The old primary,
 * fenced or not, cannot commit at the old epoch without a majority.
 */
@Component
class PrimaryFailoverRunner implements StepRunner {

  static final Duration PROBE_TIMEOUT = Duration.ofMillis(1000);

  private final ReplicaControl replicas;

  PrimaryFailoverRunner(ReplicaControl replicas) {
    this.replicas = replicas;
  }

  @Override
  public OperationType type() {
    return OperationType.PRIMARY_FAILOVER;
  }

  @Override
  public StepResult run(Operation operation, int index) {
    Map<String, String> parameters = operation.parameters();
    String node = parameters.get("node");
    String step = operation.steps().get(index).name();
    return switch (step) {
      case PrimaryFailoverPlanner.CONFIRM -> confirm(node, list(parameters.get("monitors")));
      case PrimaryFailoverPlanner.PROMOTE ->
          promote(node, list(parameters.get("shards")).stream().map(Integer::valueOf).toList());
      default -> new StepResult.Failed("unknown failover step " + step);
    };
  }

  private StepResult confirm(String node, List<String> monitors) {
    Map<String, CompletableFuture<PeerProbed>> probes = new LinkedHashMap<>();
    monitors.forEach(monitor -> probes.put(monitor, replicas.probe(monitor, node, PROBE_TIMEOUT)));
    List<String> confirmed = new ArrayList<>();
    List<String> unasked = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<PeerProbed>> probe : probes.entrySet()) {
      PeerProbed answer;
      try {
        answer = probe.getValue().get(PROBE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new StepResult.Failed("interrupted while asking the monitors");
      } catch (Exception e) {
        unasked.add(probe.getKey());
        continue;
      }
      if (answer.getReachable()) {
        return new StepResult.Failed(
            probe.getKey()
                + " still reaches "
                + node
                + ": the monitors disagree, so no failover (check the control plane's own"
                + " network path to "
                + node
                + ")");
      }
      confirmed.add(probe.getKey() + " (" + answer.getDetail() + ")");
    }
    if (confirmed.isEmpty()) {
      return new StepResult.Failed(
          "no monitor could be asked (" + String.join(", ", unasked) + "): no second opinion");
    }
    return new StepResult.Done(
        "unreachable from " + String.join(", ", confirmed) + " as from the control plane");
  }

  private StepResult promote(String node, List<Integer> planned) {
    ShardMap map = replicas.shardMap();
    List<Integer> remaining =
        planned.stream().filter(shard -> map.replicaSet(shard).primary().equals(node)).toList();
    if (remaining.isEmpty()) {
      return new StepResult.Done("every planned shard was already failed over");
    }
    ShardPromotion.Outcome outcome = replicas.failOver(remaining, node);
    List<String> moved = new ArrayList<>();
    for (int shard : remaining) {
      ReplicaSet set = outcome.map().replicaSet(shard);
      if (!outcome.failures().containsKey(shard)) {
        moved.add(shard + "→" + set.primary() + "@" + set.epoch());
      }
    }
    String summary =
        moved.size()
            + " of "
            + remaining.size()
            + " shards promoted, map version "
            + outcome.map().version()
            + ": "
            + abbreviated(moved);
    if (outcome.failures().isEmpty()) {
      return new StepResult.Done(summary, outcome.milestones().byStage());
    }
    List<String> failures = new ArrayList<>();
    outcome.failures().forEach((shard, why) -> failures.add(shard + ": " + why));
    return new StepResult.Failed(summary + "; not promoted: " + abbreviated(failures));
  }

  private static String abbreviated(List<String> items) {
    return items.size() <= 12
        ? String.join(", ", items)
        : String.join(", ", items.subList(0, 12)) + ", ... (" + items.size() + " in all)";
  }

  private static List<String> list(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isBlank()
        ? List.of()
        : Arrays.stream(commaSeparated.split(",")).map(String::strip).toList();
  }
}
