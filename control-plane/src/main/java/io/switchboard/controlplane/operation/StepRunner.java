package io.switchboard.controlplane.operation;

/**
 * Carries out the steps of one operation type.
 *
 * <p>Contract: every step is idempotent. The executor records a step as started before running it
 * and as done after; a control plane that dies in between runs the step again after its restart, so
 * running a step whose effect already happened must find that out and change nothing more. Steps
 * may block (they wait for nodes) but must end: each bounds its own waiting.
 */
public interface StepRunner {

  /** The type whose steps it runs. */
  OperationType type();

  /** Runs step {@code index} of {@code operation}; exceptions count as a failure of the step. */
  StepResult run(Operation operation, int index);

  /**
   * Whether the operation may stop (be cancelled) before step {@code index}: not once it passed a
   * point where stopping would leave the cluster worse than finishing (for a switchover: after the
   * fence, the shard has no primary until the promotion). All boundaries by default.
   */
  default boolean cancellableBefore(Operation operation, int index) {
    return true;
  }
}
