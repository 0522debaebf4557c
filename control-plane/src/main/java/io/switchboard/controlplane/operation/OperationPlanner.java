package io.switchboard.controlplane.operation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the operations of one type from a snapshot of the cluster: checks the parameters and fixes
 * what the steps will act on (for a switchover: the target and the new epoch).
 */
public interface OperationPlanner {

  /** The type it plans. */
  OperationType type();

  /**
   * The plan for {@code parameters}.
   *
   * @throws InvalidOperationException when the parameters or the cluster do not allow it, with a
   *     message a person can act on
   */
  Plan plan(Map<String, String> parameters);

  /** What the operation does, for people, from its (planned) parameters. */
  String title(Map<String, String> parameters);

  /**
   * A plan.
   *
   * @param parameters the request's parameters plus those the planner fixed
   * @param steps the steps, all pending
   * @param resources what the operation touches ({@code shard:N}, {@code node:ID}, {@code dc:ID})
   */
  record Plan(Map<String, String> parameters, List<OperationStep> steps, Set<String> resources) {

    public Plan {
      parameters = Map.copyOf(parameters);
      steps = List.copyOf(steps);
      resources = Set.copyOf(resources);
    }
  }
}
