package io.switchboard.controlplane.operation.switchover;

import io.switchboard.controlplane.operation.InvalidOperationException;
import io.switchboard.controlplane.operation.OperationPlanner;
import io.switchboard.controlplane.operation.OperationStep;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.topology.NodeLifecycle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Plans a node restart: first the steps of a drain ({@link NodeDrainPlanner#moves}: every primary
 * the node holds moves to an in-DC follower with a planned switchover), then {@code stop-node}
 * (graceful), {@code start-node} (same data directory and ports) and {@code await-rejoin} (the node
 * serves the newest map and its replicas caught up); see {@link NodeRestartRunner}.
 *
 * <p>Parameters: {@code node}; {@code allow-unavailable=true} to restart a node that is the only
 * running replica of some shards (they cannot be served while it is down; refused otherwise, naming
 * them). Only nodes a launcher of this control plane started can be restarted.
 */
@Component
class NodeRestartPlanner implements OperationPlanner {

  static final String STOP = "stop-node";
  static final String START = "start-node";
  static final String AWAIT_REJOIN = "await-rejoin";
  static final String ALLOW_UNAVAILABLE = "allow-unavailable";

  private final ReplicaControl replicas;
  private final List<NodeLifecycle> launchers;

  NodeRestartPlanner(ReplicaControl replicas, List<NodeLifecycle> launchers) {
    this.replicas = replicas;
    this.launchers = launchers;
  }

  @Override
  public OperationType type() {
    return OperationType.NODE_RESTART;
  }

  @Override
  public Plan plan(Map<String, String> parameters) {
    String node =
        NodeDrainPlanner.runningNode(
            replicas.nodes(), parameters, replicas::isRunning, "a node restart");
    if (launchers.stream().noneMatch(launcher -> launcher.manages(node))) {
      throw new InvalidOperationException(
          node
              + " was not started by this control plane (nodes of a cluster file run on their"
              + " own): restart it with whatever runs it, after `node drain "
              + node
              + "`");
    }
    Plan moves = NodeDrainPlanner.moves(replicas.shardMap(), node, replicas::isRunning);
    Map<String, String> fixed = new LinkedHashMap<>(moves.parameters());
    String unmovable = fixed.get(NodeDrainPlanner.UNMOVABLE);
    boolean allowed = "true".equals(parameters.get(ALLOW_UNAVAILABLE));
    if (unmovable != null && !allowed) {
      throw new InvalidOperationException(
          node
              + " is the only running replica of shards "
              + unmovable
              + ": they would be unavailable while it restarts. Pass "
              + ALLOW_UNAVAILABLE
              + "=true to accept that");
    }
    if (allowed) {
      fixed.put(ALLOW_UNAVAILABLE, "true");
    }
    List<OperationStep> steps = new ArrayList<>(moves.steps());
    steps.add(OperationStep.pending(STOP, "Stop " + node + " gracefully"));
    steps.add(OperationStep.pending(START, "Start " + node + " on its data directory"));
    steps.add(
        OperationStep.pending(
            AWAIT_REJOIN, "Wait until " + node + " serves the newest map and has caught up"));
    return new Plan(fixed, steps, moves.resources());
  }

  @Override
  public String title(Map<String, String> parameters) {
    return "Restart " + parameters.get("node") + " after moving its primaries away";
  }
}
