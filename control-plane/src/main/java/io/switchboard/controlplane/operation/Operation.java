package io.switchboard.controlplane.operation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A durable long-running operation: its plan (typed parameters, ordered steps, the resources it
 * holds) and its progress. The aggregate of the {@code operation} module.
 *
 * <p>State moves only through the guarded transitions below (listed in the package documentation);
 * a transition the current state does not allow throws {@link IllegalOperationTransitionException}
 * and changes nothing. Every transition sets {@link #updatedAt()} and increments {@link #version()}
 * by one.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>A plan has at least one step, every step PENDING, with distinct names; steps run strictly
 *       in order and at most one is RUNNING, the one at {@link #nextStepIndex()}.
 *   <li>An operation that needs approval runs only after someone other than its requester approved
 *       it.
 *   <li>A finished ({@link OperationState#terminal() terminal}) operation has no PENDING or RUNNING
 *       step: the steps it never reached are SKIPPED. SUCCEEDED means every step SUCCEEDED; FAILED
 *       and ROLLED_BACK mean the step that was running FAILED, and {@link #failure()} says why.
 *   <li>A cancel of a RUNNING operation only takes effect at a step boundary ({@link
 *       #cancelIfRequested}): a step is never abandoned half done.
 * </ul>
 *
 * <p>Not thread-safe: read one from the repository per unit of work and store it back ({@link
 * OperationRepository#update}, optimistic on {@link #version()}).
 */
public final class Operation {

  private final String id;
  private final OperationType type;
  private final String requester;
  private final Map<String, String> parameters;
  private final List<OperationStep> steps;
  private final Set<String> resources;
  private final boolean approvalRequired;
  private final Instant createdAt;
  private OperationState state;
  private String approver;
  private String failure;
  private boolean cancelRequested;
  private String cancelledBy;
  private Instant updatedAt;
  private long version;

  /** The version the stored row has, or -1 when it was never stored. */
  private long storedVersion;

  private Operation(
      String id,
      OperationType type,
      String requester,
      Map<String, String> parameters,
      List<OperationStep> steps,
      Set<String> resources,
      boolean approvalRequired,
      OperationState state,
      String approver,
      String failure,
      boolean cancelRequested,
      String cancelledBy,
      Instant createdAt,
      Instant updatedAt,
      long version,
      long storedVersion) {
    this.id = requireText(id, "id");
    this.type = Objects.requireNonNull(type, "type");
    this.requester = requireText(requester, "requester");
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.steps = new ArrayList<>(steps);
    this.resources = Collections.unmodifiableSet(new TreeSet<>(resources));
    this.approvalRequired = approvalRequired;
    this.state = Objects.requireNonNull(state, "state");
    this.approver = approver;
    this.failure = failure;
    this.cancelRequested = cancelRequested;
    this.cancelledBy = cancelledBy;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    this.version = version;
    this.storedVersion = storedVersion;
    if (this.steps.isEmpty()) {
      throw new IllegalArgumentException("an operation needs at least one step");
    }
    Set<String> names = new HashSet<>();
    for (OperationStep step : this.steps) {
      if (!names.add(step.name())) {
        throw new IllegalArgumentException("two steps are named '" + step.name() + "'");
      }
    }
  }

  /**
   * A new operation, PLANNED at version 0 and not stored yet.
   *
   * @param resources what it touches ({@code shard:17}, {@code node:americas-1}, {@code
   *     dc:europe}), every one listed: conflicts are found by equality ({@link OperationConflicts})
   * @param approvalRequired whether a second person must approve it before it can start
   * @throws IllegalArgumentException when there is no step, a step is not PENDING, or two steps
   *     share a name
   */
  public static Operation plan(
      String id,
      OperationType type,
      String requester,
      Map<String, String> parameters,
      List<OperationStep> steps,
      Set<String> resources,
      boolean approvalRequired,
      Instant now) {
    for (OperationStep step : steps) {
      if (step.state() != StepState.PENDING) {
        throw new IllegalArgumentException(
            "a planned step must be PENDING: '" + step.name() + "' is " + step.state());
      }
    }
    return new Operation(
        id,
        type,
        requester,
        parameters,
        steps,
        resources,
        approvalRequired,
        OperationState.PLANNED,
        null,
        null,
        false,
        null,
        now,
        now,
        0,
        -1);
  }

  /**
   * An operation as it was stored, at {@code version}; for {@link OperationRepository}. No
   * transition happens: the fields are taken as they are.
   */
  public static Operation restore(
      String id,
      OperationType type,
      String requester,
      Map<String, String> parameters,
      List<OperationStep> steps,
      Set<String> resources,
      boolean approvalRequired,
      OperationState state,
      String approver,
      String failure,
      boolean cancelRequested,
      String cancelledBy,
      Instant createdAt,
      Instant updatedAt,
      long version) {
    return new Operation(
        id,
        type,
        requester,
        parameters,
        steps,
        resources,
        approvalRequired,
        state,
        approver,
        failure,
        cancelRequested,
        cancelledBy,
        createdAt,
        updatedAt,
        version,
        version);
  }

  // ---------------------------------------------------------------------------------------------
  // Transitions

  /**
   * PLANNED (needing approval) -> APPROVED.
   *
   * @throws IllegalOperationTransitionException when it is not PLANNED, does not need approval, or
   *     {@code approver} is its requester: approval is by a second person
   */
  public void approve(String approver, Instant now) {
    Objects.requireNonNull(now, "now");
    requireText(approver, "approver");
    if (state != OperationState.PLANNED || !approvalRequired) {
      throw refused(
          approvalRequired
              ? "only a PLANNED operation that requires approval can be approved"
              : "it does not require approval: it starts without one");
    }
    if (approver.equals(requester)) {
      throw new IllegalOperationTransitionException(
          "operation "
              + id
              + " was requested by "
              + requester
              + ": it must be approved by a second person, not by its requester");
    }
    this.approver = approver;
    moveTo(OperationState.APPROVED, now);
  }

  /**
   * PLANNED (not needing approval) or APPROVED -> RUNNING.
   *
   * @throws IllegalOperationTransitionException otherwise; for a PLANNED operation that needs
   *     approval, the message says it waits for one
   */
  public void start(Instant now) {
    Objects.requireNonNull(now, "now");
    if (state == OperationState.PLANNED && approvalRequired) {
      throw new IllegalOperationTransitionException(
          "operation "
              + id
              + " is waiting for approval: a second person must approve it before it starts");
    }
    if (state != OperationState.PLANNED && state != OperationState.APPROVED) {
      throw refused("only a PLANNED or APPROVED operation can be started");
    }
    moveTo(OperationState.RUNNING, now);
  }

  /**
   * Records that step {@code index} started: PENDING -> RUNNING, {@code startedAt} = now. Starting
   * the step that is already RUNNING again (an operation resumed after a restart) is allowed and
   * keeps its first {@code startedAt}.
   *
   * @throws IllegalOperationTransitionException unless the operation is RUNNING and {@code index}
   *     is {@link #nextStepIndex()}
   */
  public void stepStarted(int index, Instant now) {
    Objects.requireNonNull(now, "now");
    requireCurrentStep(index, "started");
    steps.set(index, steps.get(index).started(now));
    touch(now);
  }

  /**
   * Records that the RUNNING step {@code index} succeeded: SUCCEEDED, {@code finishedAt} = now.
   * After the last step the operation is SUCCEEDED.
   *
   * @throws IllegalOperationTransitionException unless the operation is RUNNING and {@code index}
   *     is {@link #nextStepIndex()} and that step is RUNNING
   */
  public void stepSucceeded(int index, StepResult.Done done, Instant now) {
    Objects.requireNonNull(now, "now");
    requireRunningStep(index, "succeed");
    steps.set(index, steps.get(index).succeeded(done, now));
    if (nextStepIndex() == steps.size()) {
      moveTo(OperationState.SUCCEEDED, now);
    } else {
      touch(now);
    }
  }

  /** {@link #stepSucceeded(int, StepResult.Done, Instant)} of a step without marks. */
  public void stepSucceeded(int index, String detail, Instant now) {
    stepSucceeded(index, new StepResult.Done(detail), now);
  }

  /**
   * Records that the RUNNING step {@code index} failed and left things as they were: the step
   * FAILED (its detail the reason), the steps after it SKIPPED, the operation FAILED with {@code
   * failure} = reason.
   *
   * @throws IllegalOperationTransitionException as {@link #stepSucceeded}
   */
  public void stepFailed(int index, String reason, Instant now) {
    Objects.requireNonNull(now, "now");
    requireRunningStep(index, "fail");
    steps.set(index, steps.get(index).failed(reason, now));
    end(OperationState.FAILED, reason, now);
  }

  /**
   * Records that the RUNNING step failed after changing something and undid its change (the step's
   * contract): the step FAILED, the steps after it SKIPPED, the operation ROLLED_BACK with {@code
   * failure} = reason.
   *
   * @throws IllegalOperationTransitionException unless the operation is RUNNING with a RUNNING step
   */
  public void rolledBack(String reason, Instant now) {
    Objects.requireNonNull(now, "now");
    requireRunningStep(nextStepIndex(), "be rolled back");
    int index = nextStepIndex();
    steps.set(index, steps.get(index).failed(reason, now));
    end(OperationState.ROLLED_BACK, reason, now);
  }

  /**
   * Asks for a cancel by {@code by}. PLANNED or APPROVED -> CANCELLED at once (every step SKIPPED);
   * RUNNING -> {@link #cancelRequested()}, which takes effect at the next step boundary ({@link
   * #cancelIfRequested}). Asking again while a cancel is requested changes nothing (the first asker
   * stays {@link #cancelledBy()}).
   *
   * @throws IllegalOperationTransitionException when the operation is finished
   */
  public void requestCancel(String by, Instant now) {
    Objects.requireNonNull(now, "now");
    requireText(by, "by");
    if (state.terminal()) {
      throw refused("a finished operation cannot be cancelled");
    }
    if (state == OperationState.RUNNING) {
      if (!cancelRequested) {
        cancelRequested = true;
        cancelledBy = by;
        touch(now);
      }
      return;
    }
    cancelledBy = by;
    end(OperationState.CANCELLED, null, now);
  }

  /**
   * For the executor at a step boundary: a RUNNING operation with a cancel requested and no step
   * RUNNING becomes CANCELLED, its remaining steps SKIPPED.
   *
   * @return whether it was cancelled; {@code false} (and nothing changed) when it is not RUNNING,
   *     no cancel is requested, or a step is RUNNING (not a boundary: after a restart that step
   *     must finish first)
   */
  public boolean cancelIfRequested(Instant now) {
    Objects.requireNonNull(now, "now");
    if (state != OperationState.RUNNING || !cancelRequested || runningStep()) {
      return false;
    }
    end(OperationState.CANCELLED, null, now);
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  public String id() {
    return id;
  }

  public OperationType type() {
    return type;
  }

  /** Who asked for it. */
  public String requester() {
    return requester;
  }

  /** Its parameters, as given plus those its planner fixed, in the planner's order. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** Its steps in order, as they are now (a snapshot). */
  public List<OperationStep> steps() {
    return List.copyOf(steps);
  }

  /** What it touches and holds while not finished, sorted. */
  public Set<String> resources() {
    return resources;
  }

  public boolean approvalRequired() {
    return approvalRequired;
  }

  public OperationState state() {
    return state;
  }

  /** Who approved it, or {@code null}. */
  public String approver() {
    return approver;
  }

  /** Why it FAILED or was ROLLED_BACK, or {@code null}. */
  public String failure() {
    return failure;
  }

  /** Whether a cancel was asked for while it ran (it stays set once CANCELLED). */
  public boolean cancelRequested() {
    return cancelRequested;
  }

  /** Who cancelled it or asked for the cancel, or {@code null}. */
  public String cancelledBy() {
    return cancelledBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** When its last transition happened. */
  public Instant updatedAt() {
    return updatedAt;
  }

  /** The index of its first step neither SUCCEEDED nor SKIPPED, or the number of steps. */
  public int nextStepIndex() {
    for (int i = 0; i < steps.size(); i++) {
      if (!steps.get(i).passed()) {
        return i;
      }
    }
    return steps.size();
  }

  /** Incremented by every transition: 0 when planned. */
  public long version() {
    return version;
  }

  /** The version of the stored row, -1 when never stored; for {@link OperationRepository}. */
  long storedVersion() {
    return storedVersion;
  }

  /** Records that the current version was stored; for {@link OperationRepository}. */
  void stored() {
    storedVersion = version;
  }

  @Override
  public String toString() {
    return type.label() + " " + id + " (" + state + ")";
  }

  // ---------------------------------------------------------------------------------------------

  private void requireCurrentStep(int index, String what) {
    if (state != OperationState.RUNNING) {
      throw refused("its steps are " + what + " only while it is RUNNING");
    }
    int next = nextStepIndex();
    if (index != next || next == steps.size()) {
      throw new IllegalOperationTransitionException(
          "operation "
              + id
              + " is at step "
              + position(next)
              + ": step "
              + position(index)
              + " cannot be "
              + what);
    }
  }

  private void requireRunningStep(int index, String what) {
    if (state != OperationState.RUNNING) {
      throw refused("only a step of a RUNNING operation can " + what);
    }
    int next = nextStepIndex();
    if (index != next || next == steps.size() || steps.get(next).state() != StepState.RUNNING) {
      throw new IllegalOperationTransitionException(
          "operation "
              + id
              + " is at step "
              + position(next)
              + (next < steps.size() ? " (" + steps.get(next).state() + ")" : "")
              + ": only the RUNNING step can "
              + what
              + ", not step "
              + position(index));
    }
  }

  /** "2 (fence)", 1-based as people count, or "3 of 2" past the end. */
  private String position(int index) {
    return index >= 0 && index < steps.size()
        ? (index + 1) + " (" + steps.get(index).name() + ")"
        : (index + 1) + " of " + steps.size();
  }

  private boolean runningStep() {
    return steps.stream().anyMatch(step -> step.state() == StepState.RUNNING);
  }

  /** Moves to a terminal state: the steps not reached are SKIPPED. */
  private void end(OperationState terminal, String failure, Instant now) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).state() == StepState.PENDING) {
        steps.set(i, steps.get(i).skipped());
      }
    }
    this.failure = failure;
    moveTo(terminal, now);
  }

  private void moveTo(OperationState next, Instant now) {
    state = next;
    touch(now);
  }

  private void touch(Instant now) {
    updatedAt = now;
    version++;
  }

  private IllegalOperationTransitionException refused(String requirement) {
    return new IllegalOperationTransitionException(
        "operation " + id + " is " + state + ": " + requirement);
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}
