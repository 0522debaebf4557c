package io.switchboard.controlplane.topology;

import io.switchboard.api.topology.NodeHealth;
import java.util.Optional;

/**
 * Turns a stream of check results for one node into health transitions.
 *
 * <ol>
 *   <li>A successful check makes the node UP at once and resets the failure count.
 *   <li>A failed check increments the failure count; when it reaches {@code failureThreshold} the
 *       node becomes DOWN. Further failures change nothing.
 * </ol>
 *
 * Invariant: a transition is reported exactly once, when the health actually changes. Not
 * thread-safe: one checker thread owns all trackers.
 */
final class NodeHealthTracker {

  private final int failureThreshold;
  private NodeHealth health;
  private int consecutiveFailures;

  NodeHealthTracker(int failureThreshold, NodeHealth initial) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be at least 1");
    }
    this.failureThreshold = failureThreshold;
    this.health = initial;
  }

  /** Records a successful check; returns the new health if it changed. */
  Optional<NodeHealth> recordSuccess() {
    consecutiveFailures = 0;
    return moveTo(NodeHealth.UP);
  }

  /** Records a failed check; returns the new health if it changed. */
  Optional<NodeHealth> recordFailure() {
    consecutiveFailures++;
    return consecutiveFailures >= failureThreshold ? moveTo(NodeHealth.DOWN) : Optional.empty();
  }

  NodeHealth health() {
    return health;
  }

  private Optional<NodeHealth> moveTo(NodeHealth next) {
    if (next == health) {
      return Optional.empty();
    }
    health = next;
    return Optional.of(next);
  }
}
