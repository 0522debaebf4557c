package io.switchboard.controlplane.operation.switchover;

import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.operation.StepResult;
import io.switchboard.controlplane.operation.StepRunner;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The steps of a node drain: step {@code switch-shard-N} is a whole planned switchover of shard N
 * to its planned target ({@link ShardSwitchoverRunner#switchWhole}), idempotent and resumable. A
 * step that fails or rolls back ends the drain there: the shards switched before it stay on their
 * new primaries (each switchover is complete on its own), the rest stay on the node. Cancel works
 * between shards.
 */
@Component
class NodeDrainRunner implements StepRunner {

  private final ShardSwitchoverRunner switchovers;

  NodeDrainRunner(ShardSwitchoverRunner switchovers) {
    this.switchovers = switchovers;
  }

  @Override
  public OperationType type() {
    return OperationType.NODE_DRAIN;
  }

  @Override
  public StepResult run(Operation operation, int index) {
    String name = operation.steps().get(index).name();
    if (!name.startsWith(NodeDrainPlanner.STEP_PREFIX)) {
      return new StepResult.Failed("unknown drain step " + name);
    }
    return switchShard(operation, name);
  }

  /**
   * Runs step {@code name} ({@code switch-shard-N}) of an operation planned with {@link
   * NodeDrainPlanner#moves}: the node drain, and the node restart's first steps.
   */
  StepResult switchShard(Operation operation, String name) {
    int shard = Integer.parseInt(name.substring(NodeDrainPlanner.STEP_PREFIX.length()));
    Map<String, String> parameters = operation.parameters();
    StepResult result =
        switchovers.switchWhole(
            new ShardSwitchoverRunner.Switch(
                shard,
                parameters.get("node"),
                parameters.get("shard." + shard + ".target"),
                Long.parseLong(parameters.get("shard." + shard + ".epoch"))));
    if (result instanceof StepResult.RolledBack rolledBack) {
      // The shard is back on the node, but those switched before it are not: the drain failed.
      return new StepResult.Failed(
          "the switchover of shard "
              + shard
              + " was rolled back ("
              + rolledBack.reason()
              + "); the drain stopped, the shards before it moved");
    }
    return result;
  }
}
