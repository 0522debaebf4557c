package io.switchboard.controlplane.audit;

/** How an audited request ended. */
public enum AuditOutcome {
  /** It did what was asked. */
  SUCCEEDED,
  /** It was refused or failed; the detail says why. */
  FAILED,
  /** The user's role does not allow it. */
  DENIED
}
