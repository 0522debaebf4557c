package io.switchboard.controlplane.operation;

/**
 * Where an {@link Operation} is in its life; the transitions between them are listed in the package
 * documentation and guarded by {@link Operation}'s methods.
 */
public enum OperationState {
  /** Planned and stored; waits for approval (if it needs it) or to be started. */
  PLANNED,
  /** A second person approved it; it may be started. */
  APPROVED,
  /** Its steps are being carried out, one at a time. */
  RUNNING,
  /** Every step succeeded. Terminal. */
  SUCCEEDED,
  /** A step failed and left things as they were when it failed. Terminal. */
  FAILED,
  /** Cancelled before it started, or at a step boundary. Terminal. */
  CANCELLED,
  /** A step failed after changing something and undid its change. Terminal. */
  ROLLED_BACK;

  /** Whether the operation is finished: nothing moves it out of this state. */
  public boolean terminal() {
    return switch (this) {
      case SUCCEEDED, FAILED, CANCELLED, ROLLED_BACK -> true;
      case PLANNED, APPROVED, RUNNING -> false;
    };
  }
}
