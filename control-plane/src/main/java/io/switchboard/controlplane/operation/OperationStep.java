package io.switchboard.controlplane.operation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One step of an {@link Operation}'s plan and its progress. Immutable; the operation replaces a
 * step as it moves ({@link Operation#stepStarted}, ...).
 *
 * <p>Invariants: {@code startedAt} is set once the step has started (RUNNING, SUCCEEDED, FAILED);
 * {@code finishedAt} once it has ended (SUCCEEDED, FAILED); a PENDING or SKIPPED step has neither.
 *
 * @param name the step's name, unique within its plan, that its runner knows it by ("fence")
 * @param description what it does, for people
 * @param state where it is
 * @param detail what it found or did, or why it failed; {@code null} until it has ended
 * @param startedAt when it (first) started, or {@code null}
 * @param finishedAt when it ended, or {@code null}
 * @param marks the named moments it passed, in order ({@link StepResult.Done#marks()}); empty until
 *     it has succeeded
 */
public record OperationStep(
    String name,
    String description,
    StepState state,
    String detail,
    Instant startedAt,
    Instant finishedAt,
    Map<String, Instant> marks) {

  public OperationStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(state, "state");
    marks = StepMarks.copyOf(marks);
  }

  /** A step without marks. */
  public OperationStep(
      String name,
      String description,
      StepState state,
      String detail,
      Instant startedAt,
      Instant finishedAt) {
    this(name, description, state, detail, startedAt, finishedAt, Map.of());
  }

  /** A step not started yet. */
  public static OperationStep pending(String name, String description) {
    return new OperationStep(name, description, StepState.PENDING, null, null, null);
  }

  /** Whether the operation has moved past this step (SUCCEEDED or SKIPPED). */
  boolean passed() {
    return state == StepState.SUCCEEDED || state == StepState.SKIPPED;
  }

  OperationStep started(Instant now) {
    return new OperationStep(
        name, description, StepState.RUNNING, null, startedAt == null ? now : startedAt, null);
  }

  OperationStep succeeded(StepResult.Done done, Instant now) {
    return new OperationStep(
        name, description, StepState.SUCCEEDED, done.detail(), startedAt, now, done.marks());
  }

  OperationStep failed(String reason, Instant now) {
    return new OperationStep(name, description, StepState.FAILED, reason, startedAt, now);
  }

  OperationStep skipped() {
    return new OperationStep(name, description, StepState.SKIPPED, null, null, null);
  }
}
