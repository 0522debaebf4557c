package io.switchboard.controlplane.operation;

/**
 * Where one {@link OperationStep} is. A step goes PENDING -> RUNNING -> SUCCEEDED or FAILED, or
 * PENDING -> SKIPPED when its operation ends before reaching it.
 */
public enum StepState {
  /** Not started yet. */
  PENDING,
  /** Started and not recorded as finished (after a restart it runs again: steps are idempotent). */
  RUNNING,
  /** Done. */
  SUCCEEDED,
  /** Failed; its operation failed or was rolled back with it. */
  FAILED,
  /** Never ran: its operation ended (cancelled, failed, rolled back) before reaching it. */
  SKIPPED
}
