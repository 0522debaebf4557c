package io.switchboard.controlplane.operation;

import java.util.Collection;
import java.util.Optional;

/**
 * Whether a new operation may be admitted next to the active ones. Pure.
 *
 * <p>Rule: two operations conflict when they list an equal resource ({@code shard:17} and {@code
 * shard:17}). Nothing is inferred: {@code dc:europe} does not cover {@code node:europe-1}, nor a
 * node the shards it hosts. Planners therefore list every resource an operation touches (a
 * switchover lists its shard and both nodes; a node drain lists the node and every shard it moves;
 * an operation on a whole DC lists the DC and its nodes), which keeps this check exact and cheap.
 *
 * <p>Algorithm:
 *
 * <ol>
 *   <li>Skip the candidate itself (same id) and every finished operation.
 *   <li>In the order given, the first active operation that holds one of the candidate's resources
 *       (the first in sorted order) is the conflict.
 * </ol>
 */
public final class OperationConflicts {

  private OperationConflicts() {}

  /**
   * The reason {@code candidate} may not be admitted, naming the first conflicting operation of
   * {@code active} and the resource: "shard switchover 7f3a… (RUNNING) already holds shard:17";
   * empty when none conflicts.
   */
  public static Optional<String> conflict(Operation candidate, Collection<Operation> active) {
    for (Operation other : active) {
      if (other.id().equals(candidate.id()) || other.state().terminal()) {
        continue;
      }
      for (String resource : candidate.resources()) {
        if (other.resources().contains(resource)) {
          return Optional.of(
              other.type().label()
                  + " "
                  + other.id()
                  + " ("
                  + other.state()
                  + ") already holds "
                  + resource);
        }
      }
    }
    return Optional.empty();
  }
}
