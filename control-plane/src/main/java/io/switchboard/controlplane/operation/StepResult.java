package io.switchboard.controlplane.operation;

/** How one step of an operation ended, as its {@link StepRunner} reports it. */
public sealed interface StepResult {

  /** The step did what it should; {@code detail} says what it found or did. */
  record Done(String detail) implements StepResult {}

  /** The step failed and left things as they are; the operation fails. */
  record Failed(String reason) implements StepResult {}

  /**
   * The step failed after changing something, and undid it (its contract): the operation ends
   * rolled back.
   */
  record RolledBack(String reason) implements StepResult {}
}
