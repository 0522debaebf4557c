package io.switchboard.controlplane.operation;

import java.time.Instant;
import java.util.Map;

/** How one step of an operation ended, as its {@link StepRunner} reports it. */
public sealed interface StepResult {

  /**
   * The step did what it should; {@code detail} says what it found or did, {@code marks} when it
   * passed named moments within it (a failover's "fenced", "promoted"), in order, for timelines.
   */
  record Done(String detail, Map<String, Instant> marks) implements StepResult {
    public Done {
      marks = StepMarks.copyOf(marks);
    }

    public Done(String detail) {
      this(detail, Map.of());
    }
  }

  /** The step failed and left things as they are; the operation fails. */
  record Failed(String reason) implements StepResult {}

  /**
   * The step failed after changing something, and undid it (its contract): the operation ends
   * rolled back.
   */
  record RolledBack(String reason) implements StepResult {}
}
