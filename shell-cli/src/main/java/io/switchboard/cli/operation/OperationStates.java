package io.switchboard.cli.operation;

import io.switchboard.api.operation.OperationView;
import io.switchboard.api.operation.OperationView.StepView;
import java.util.Set;

/** The operation and step states of the API that the CLI acts on. */
final class OperationStates {

  static final String SUCCEEDED = "SUCCEEDED";
  static final String PLANNED = "PLANNED";

  /** Operation states after which nothing changes any more. */
  private static final Set<String> FINISHED =
      Set.of(SUCCEEDED, "FAILED", "CANCELLED", "ROLLED_BACK");

  /** Step states of a step that ran (or was skipped) and will not change any more. */
  private static final Set<String> STEP_FINISHED = Set.of(SUCCEEDED, "FAILED", "SKIPPED");

  private OperationStates() {}

  /** Whether {@code operation} has ended (succeeded or not). */
  static boolean finished(OperationView operation) {
    return FINISHED.contains(operation.state());
  }

  /** Whether {@code operation} succeeded. */
  static boolean succeeded(OperationView operation) {
    return SUCCEEDED.equals(operation.state());
  }

  /** Whether {@code operation} waits for a second person's approval before it can start. */
  static boolean awaitingApproval(OperationView operation) {
    return PLANNED.equals(operation.state())
        && operation.approvalRequired()
        && operation.approver() == null;
  }

  /** Whether {@code step} has ended (succeeded, failed or was skipped). */
  static boolean finished(StepView step) {
    return STEP_FINISHED.contains(step.state());
  }

  /**
   * Whether {@code operation} succeeded or its step {@code name} ended (succeeded or failed): what
   * a command checks before it reads the report that step stores.
   */
  static boolean reached(OperationView operation, String name) {
    return succeeded(operation)
        || (operation.steps() != null
            && operation.steps().stream()
                .anyMatch(
                    step ->
                        name.equals(step.name())
                            && (SUCCEEDED.equals(step.state()) || "FAILED".equals(step.state()))));
  }
}
