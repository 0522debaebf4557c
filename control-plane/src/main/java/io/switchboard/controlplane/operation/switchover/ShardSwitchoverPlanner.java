package io.switchboard.controlplane.operation.switchover;

import io.switchboard.controlplane.operation.InvalidOperationException;
import io.switchboard.controlplane.operation.OperationPlanner;
import io.switchboard.controlplane.operation.OperationStep;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Plans a planned shard switchover: the shard's primary moves to one of its in-DC followers with
 * zero loss. Parameters: {@code shard}, and optionally {@code target} (by default the shard's first
 * follower). The plan fixes {@code from} (the primary now), {@code target} and {@code epoch} (the
 * shard's epoch + 1), so that its steps act on exactly what was previewed.
 */
@Component
class ShardSwitchoverPlanner implements OperationPlanner {

  static final String CATCH_UP = "catch-up";
  static final String FENCE = "fence";
  static final String PROMOTE = "promote";
  static final String PUBLISH = "publish";

  private final ReplicaControl replicas;

  ShardSwitchoverPlanner(ReplicaControl replicas) {
    this.replicas = replicas;
  }

  @Override
  public OperationType type() {
    return OperationType.SHARD_SWITCHOVER;
  }

  @Override
  public Plan plan(Map<String, String> parameters) {
    return plan(replicas.shardMap(), parameters, replicas::isRunning);
  }

  /** The plan against {@code map}; pure but for {@code running}. */
  static Plan plan(
      ShardMap map, Map<String, String> parameters, java.util.function.Predicate<String> running) {
    int shard = shardOf(parameters);
    ReplicaSet set = map.replicaSet(shard);
    if (set.followers().isEmpty()) {
      throw new InvalidOperationException(
          "shard " + shard + " has a single replica (" + set.primary() + "): nothing to switch to");
    }
    String target = parameters.getOrDefault("target", set.followers().get(0));
    if (!set.followers().contains(target)) {
      throw new InvalidOperationException(
          target
              + " is not an in-DC follower of shard "
              + shard
              + "; its followers are "
              + String.join(", ", set.followers()));
    }
    for (String node : List.of(set.primary(), target)) {
      if (!running.test(node)) {
        throw new InvalidOperationException(
            node + " is down: a switchover needs both the primary and the target running");
      }
    }
    long epoch = set.epoch() + 1;
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("shard", Integer.toString(shard));
    fixed.put("from", set.primary());
    fixed.put("target", target);
    fixed.put("epoch", Long.toString(epoch));
    List<OperationStep> steps =
        List.of(
            OperationStep.pending(
                CATCH_UP,
                "Wait until " + target + " holds every entry " + set.primary() + " committed"),
            OperationStep.pending(
                FENCE,
                "Fence the voters of shard "
                    + shard
                    + " at epoch "
                    + epoch
                    + ": "
                    + set.primary()
                    + " stops committing"),
            OperationStep.pending(
                PROMOTE, "Promote " + target + " to primary of shard " + shard + " at " + epoch),
            OperationStep.pending(
                PUBLISH, "Publish the shard map with " + target + " as the primary"));
    return new Plan(
        fixed, steps, Set.of("shard:" + shard, "node:" + set.primary(), "node:" + target));
  }

  @Override
  public String title(Map<String, String> parameters) {
    return "Switch shard "
        + parameters.get("shard")
        + " from "
        + parameters.getOrDefault("from", "its primary")
        + " to "
        + parameters.getOrDefault("target", "a follower");
  }

  private static int shardOf(Map<String, String> parameters) {
    String value = parameters.get("shard");
    if (value == null) {
      throw new InvalidOperationException("a shard switchover needs the parameter 'shard'");
    }
    try {
      int shard = Integer.parseInt(value.trim());
      Shards.requireValid(shard);
      return shard;
    } catch (IllegalArgumentException e) {
      throw new InvalidOperationException(
          "'" + value + "' is not a shard: shards are 0 to " + (Shards.COUNT - 1));
    }
  }
}
