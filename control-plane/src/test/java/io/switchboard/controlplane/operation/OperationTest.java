package io.switchboard.controlplane.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OperationTest {

  private static final String ID = "7f3a0000-0000-0000-0000-000000000001";
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final FakeClock clock = FakeClock.at(T0);

  private Operation planned(boolean approvalRequired) {
    return Operation.plan(
        ID,
        OperationType.SHARD_SWITCHOVER,
        "alice",
        Map.of("shard", "17"),
        List.of(
            OperationStep.pending("catch-up", "wait"),
            OperationStep.pending("fence", "fence"),
            OperationStep.pending("promote", "promote")),
        Set.of("shard:17", "node:americas-1"),
        approvalRequired,
        clock.instant());
  }

  private Operation running() {
    Operation operation = planned(false);
    operation.start(clock.instant());
    return operation;
  }

  private Instant later() {
    return clock.advance(Duration.ofSeconds(1));
  }

  private static List<StepState> stepStates(Operation operation) {
    return operation.steps().stream().map(OperationStep::state).toList();
  }

  /** {@code transition} is refused with a message containing {@code message}, changing nothing. */
  private static void refused(Operation operation, Consumer<Operation> transition, String message) {
    OperationState state = operation.state();
    long version = operation.version();
    Instant updatedAt = operation.updatedAt();
    List<OperationStep> steps = operation.steps();
    assertThatThrownBy(() -> transition.accept(operation))
        .isInstanceOf(IllegalOperationTransitionException.class)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(message);
    assertThat(operation.state()).isEqualTo(state);
    assertThat(operation.version()).isEqualTo(version);
    assertThat(operation.updatedAt()).isEqualTo(updatedAt);
    assertThat(operation.steps()).isEqualTo(steps);
  }

  // --- planning

  @Test
  void aPlanIsPlannedAtVersionZeroWithEveryStepPending() {
    Operation operation = planned(true);

    assertThat(operation.id()).isEqualTo(ID);
    assertThat(operation.type()).isEqualTo(OperationType.SHARD_SWITCHOVER);
    assertThat(operation.requester()).isEqualTo("alice");
    assertThat(operation.parameters()).containsExactly(Map.entry("shard", "17"));
    assertThat(operation.resources()).containsExactly("node:americas-1", "shard:17");
    assertThat(operation.approvalRequired()).isTrue();
    assertThat(operation.state()).isEqualTo(OperationState.PLANNED);
    assertThat(operation.version()).isZero();
    assertThat(operation.createdAt()).isEqualTo(T0);
    assertThat(operation.updatedAt()).isEqualTo(T0);
    assertThat(operation.nextStepIndex()).isZero();
    assertThat(stepStates(operation)).containsOnly(StepState.PENDING);
    assertThat(operation.approver()).isNull();
    assertThat(operation.failure()).isNull();
    assertThat(operation.cancelRequested()).isFalse();
    assertThat(operation.cancelledBy()).isNull();
  }

  @Test
  void aPlanNeedsPendingDistinctSteps() {
    assertThatThrownBy(
            () ->
                Operation.plan(
                    ID,
                    OperationType.NODE_DRAIN,
                    "alice",
                    Map.of(),
                    List.of(),
                    Set.of(),
                    false,
                    T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one step");
    assertThatThrownBy(
            () ->
                Operation.plan(
                    ID,
                    OperationType.NODE_DRAIN,
                    "alice",
                    Map.of(),
                    List.of(OperationStep.pending("a", "x"), OperationStep.pending("a", "y")),
                    Set.of(),
                    false,
                    T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'");
    assertThatThrownBy(
            () ->
                Operation.plan(
                    ID,
                    OperationType.NODE_DRAIN,
                    "alice",
                    Map.of(),
                    List.of(new OperationStep("a", "x", StepState.SUCCEEDED, null, T0, T0)),
                    Set.of(),
                    false,
                    T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PENDING");
  }

  @Test
  void theCollectionsAreCopiesThatCannotBeChanged() {
    Operation operation = planned(false);

    assertThatThrownBy(() -> operation.parameters().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> operation.resources().add("dc:asia"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> operation.steps().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void typesAndStatesReadAsPeopleSayThem() {
    assertThat(OperationType.SHARD_SWITCHOVER.label()).isEqualTo("shard switchover");
    assertThat(OperationType.NODE_DRAIN.label()).isEqualTo("node drain");
    assertThat(OperationType.NODE_RESTART.label()).isEqualTo("node restart");
    assertThat(java.util.Arrays.stream(OperationState.values()).filter(OperationState::terminal))
        .containsExactly(
            OperationState.SUCCEEDED,
            OperationState.FAILED,
            OperationState.CANCELLED,
            OperationState.ROLLED_BACK);
  }

  // --- approval and start

  @Test
  void aSecondPersonApprovesThenItStarts() {
    Operation operation = planned(true);

    operation.approve("bob", later());
    assertThat(operation.state()).isEqualTo(OperationState.APPROVED);
    assertThat(operation.approver()).isEqualTo("bob");
    assertThat(operation.updatedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(operation.version()).isEqualTo(1);

    operation.start(later());
    assertThat(operation.state()).isEqualTo(OperationState.RUNNING);
    assertThat(operation.updatedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(operation.version()).isEqualTo(2);
  }

  @Test
  void theRequesterCannotApproveTheirOwnOperation() {
    Operation operation = planned(true);

    refused(operation, o -> o.approve("alice", later()), "second person");
  }

  @Test
  void anOperationThatNeedsApprovalDoesNotStartWithoutIt() {
    Operation operation = planned(true);

    refused(operation, o -> o.start(later()), "waiting for approval");
  }

  @Test
  void anOperationWithoutApprovalStartsAtOnceAndCannotBeApproved() {
    Operation operation = planned(false);

    refused(operation, o -> o.approve("bob", later()), "does not require approval");
    operation.start(later());
    assertThat(operation.state()).isEqualTo(OperationState.RUNNING);
    assertThat(operation.version()).isEqualTo(1);
  }

  @Test
  void approvingTwiceOrAfterTheStartIsRefused() {
    Operation operation = planned(true);
    operation.approve("bob", later());

    refused(
        operation,
        o -> o.approve("carol", later()),
        "operation " + ID + " is APPROVED: only a PLANNED operation that requires approval");
    operation.start(later());
    refused(operation, o -> o.approve("carol", later()), "is RUNNING");
    refused(
        operation, o -> o.start(later()), "only a PLANNED or APPROVED operation can be started");
  }

  // --- steps

  @Test
  void stepsRunInOrderAndTheLastSuccessSucceedsTheOperation() {
    Operation operation = running();
    Instant started = later();

    operation.stepStarted(0, started);
    assertThat(operation.steps().get(0))
        .isEqualTo(new OperationStep("catch-up", "wait", StepState.RUNNING, null, started, null));
    assertThat(operation.nextStepIndex()).isZero();
    assertThat(operation.updatedAt()).isEqualTo(started);

    Instant finished = later();
    operation.stepSucceeded(0, "caught up", finished);
    assertThat(operation.steps().get(0))
        .isEqualTo(
            new OperationStep(
                "catch-up", "wait", StepState.SUCCEEDED, "caught up", started, finished));
    assertThat(operation.nextStepIndex()).isEqualTo(1);
    assertThat(operation.state()).isEqualTo(OperationState.RUNNING);

    for (int i = 1; i < 3; i++) {
      operation.stepStarted(i, later());
      operation.stepSucceeded(i, "done " + i, later());
    }
    assertThat(operation.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(operation.state().terminal()).isTrue();
    assertThat(operation.nextStepIndex()).isEqualTo(3);
    assertThat(stepStates(operation)).containsOnly(StepState.SUCCEEDED);
    assertThat(operation.updatedAt()).isEqualTo(T0.plusSeconds(6));
    assertThat(operation.version()).as("start + 3 x (started, succeeded)").isEqualTo(7);
    assertThat(operation.failure()).isNull();
  }

  @Test
  void stepsRunOnlyWhileTheOperationRuns() {
    Operation planned = planned(false);

    refused(planned, o -> o.stepStarted(0, later()), "is PLANNED");
    refused(planned, o -> o.stepSucceeded(0, "x", later()), "is PLANNED");
    refused(planned, o -> o.stepFailed(0, "x", later()), "is PLANNED");
    refused(planned, o -> o.rolledBack("x", later()), "is PLANNED");
  }

  @Test
  void onlyTheNextStepStartsAndOnlyARunningStepEnds() {
    Operation operation = running();

    refused(operation, o -> o.stepStarted(1, later()), "is at step 1 (catch-up): step 2 (fence)");
    refused(operation, o -> o.stepStarted(-1, later()), "is at step 1 (catch-up)");
    refused(operation, o -> o.stepSucceeded(0, "x", later()), "only the RUNNING step");
    refused(operation, o -> o.stepFailed(0, "x", later()), "only the RUNNING step");
    refused(operation, o -> o.rolledBack("x", later()), "only the RUNNING step");

    operation.stepStarted(0, later());
    refused(operation, o -> o.stepSucceeded(1, "x", later()), "not step 2 (fence)");
    refused(operation, o -> o.stepStarted(1, later()), "step 2 (fence) cannot be started");
    operation.stepSucceeded(0, "x", later());
    refused(operation, o -> o.stepStarted(0, later()), "is at step 2 (fence)");
    refused(operation, o -> o.stepSucceeded(0, "x", later()), "only the RUNNING step");
  }

  @Test
  void aResumedOperationStartsItsRunningStepAgainKeepingItsFirstStart() {
    Operation operation = running();
    Instant first = later();
    operation.stepStarted(0, first);
    long version = operation.version();

    Instant again = later();
    operation.stepStarted(0, again);

    assertThat(operation.steps().get(0).state()).isEqualTo(StepState.RUNNING);
    assertThat(operation.steps().get(0).startedAt()).isEqualTo(first);
    assertThat(operation.updatedAt()).isEqualTo(again);
    assertThat(operation.version()).isEqualTo(version + 1);
  }

  @Test
  void aFailedStepFailsTheOperationAndSkipsTheRest() {
    Operation operation = running();
    operation.stepStarted(0, later());
    operation.stepSucceeded(0, "ok", later());
    Instant started = later();
    operation.stepStarted(1, started);

    Instant failed = later();
    operation.stepFailed(1, "cannot fence americas-1", failed);

    assertThat(operation.state()).isEqualTo(OperationState.FAILED);
    assertThat(operation.failure()).isEqualTo("cannot fence americas-1");
    assertThat(operation.updatedAt()).isEqualTo(failed);
    assertThat(operation.steps().get(1))
        .isEqualTo(
            new OperationStep(
                "fence", "fence", StepState.FAILED, "cannot fence americas-1", started, failed));
    assertThat(operation.steps().get(2))
        .isEqualTo(new OperationStep("promote", "promote", StepState.SKIPPED, null, null, null));
    assertThat(operation.nextStepIndex()).isEqualTo(1);
    assertEveryTransitionRefused(operation, "FAILED");
  }

  @Test
  void aRolledBackStepRollsTheOperationBack() {
    Operation operation = running();
    operation.stepStarted(0, later());
    operation.stepSucceeded(0, "ok", later());
    operation.stepStarted(1, later());
    long version = operation.version();

    Instant rolledBack = later();
    operation.rolledBack("target lacks entries; americas-1 leads again", rolledBack);

    assertThat(operation.state()).isEqualTo(OperationState.ROLLED_BACK);
    assertThat(operation.failure()).isEqualTo("target lacks entries; americas-1 leads again");
    assertThat(operation.version()).isEqualTo(version + 1);
    assertThat(operation.updatedAt()).isEqualTo(rolledBack);
    assertThat(stepStates(operation))
        .containsExactly(StepState.SUCCEEDED, StepState.FAILED, StepState.SKIPPED);
    assertThat(operation.steps().get(1).finishedAt()).isEqualTo(rolledBack);
    assertEveryTransitionRefused(operation, "ROLLED_BACK");
  }

  // --- cancel

  @Test
  void aPlannedOrApprovedOperationIsCancelledAtOnce() {
    Operation planned = planned(true);
    Instant now = later();
    planned.requestCancel("bob", now);
    assertThat(planned.state()).isEqualTo(OperationState.CANCELLED);
    assertThat(planned.cancelledBy()).isEqualTo("bob");
    assertThat(planned.updatedAt()).isEqualTo(now);
    assertThat(planned.version()).isEqualTo(1);
    assertThat(stepStates(planned)).containsOnly(StepState.SKIPPED);
    assertThat(planned.nextStepIndex()).isEqualTo(3);
    assertThat(planned.failure()).isNull();
    assertEveryTransitionRefused(planned, "CANCELLED");

    Operation approved = planned(true);
    approved.approve("bob", later());
    approved.requestCancel("alice", later());
    assertThat(approved.state()).isEqualTo(OperationState.CANCELLED);
    assertThat(approved.cancelledBy()).isEqualTo("alice");
  }

  @Test
  void aRunningOperationIsCancelledAtTheNextStepBoundary() {
    Operation operation = running();
    Instant started = later();
    operation.stepStarted(0, started);

    Instant requested = later();
    operation.requestCancel("bob", requested);
    assertThat(operation.state()).isEqualTo(OperationState.RUNNING);
    assertThat(operation.cancelRequested()).isTrue();
    assertThat(operation.cancelledBy()).isEqualTo("bob");
    assertThat(operation.updatedAt()).isEqualTo(requested);
    long version = operation.version();

    assertThat(operation.cancelIfRequested(later()))
        .as("a step is running: not a boundary")
        .isFalse();
    assertThat(operation.version()).isEqualTo(version);

    operation.stepSucceeded(0, "caught up", later());
    assertThat(operation.state())
        .as("the step finishes normally")
        .isEqualTo(OperationState.RUNNING);

    Instant cancelled = later();
    assertThat(operation.cancelIfRequested(cancelled)).isTrue();
    assertThat(operation.state()).isEqualTo(OperationState.CANCELLED);
    assertThat(operation.updatedAt()).isEqualTo(cancelled);
    assertThat(operation.version()).isEqualTo(version + 2);
    assertThat(stepStates(operation))
        .containsExactly(StepState.SUCCEEDED, StepState.SKIPPED, StepState.SKIPPED);
    assertThat(operation.steps().get(0).finishedAt()).isEqualTo(T0.plusSeconds(4));
    assertThat(operation.cancelIfRequested(later())).as("already cancelled").isFalse();
    assertEveryTransitionRefused(operation, "CANCELLED");
  }

  @Test
  void askingAgainForACancelChangesNothing() {
    Operation operation = running();
    operation.requestCancel("bob", later());
    long version = operation.version();
    Instant updatedAt = operation.updatedAt();

    operation.requestCancel("carol", later());

    assertThat(operation.cancelledBy()).isEqualTo("bob");
    assertThat(operation.version()).isEqualTo(version);
    assertThat(operation.updatedAt()).isEqualTo(updatedAt);
  }

  @Test
  void withoutACancelRequestTheBoundaryChangesNothing() {
    Operation operation = running();
    long version = operation.version();

    assertThat(operation.cancelIfRequested(later())).isFalse();
    assertThat(planned(false).cancelIfRequested(later())).isFalse();
    assertThat(operation.state()).isEqualTo(OperationState.RUNNING);
    assertThat(operation.version()).isEqualTo(version);
  }

  @Test
  void aRunningOperationWhoseCancelWasRequestedMayStillFailOrSucceed() {
    Operation operation = running();
    operation.stepStarted(0, later());
    operation.requestCancel("bob", later());

    operation.stepFailed(0, "timed out", later());

    assertThat(operation.state()).isEqualTo(OperationState.FAILED);
    assertThat(operation.cancelIfRequested(later())).isFalse();
  }

  @Test
  void aSucceededOperationCannotBeCancelled() {
    Operation operation = running();
    for (int i = 0; i < 3; i++) {
      operation.stepStarted(i, later());
      operation.stepSucceeded(i, "ok", later());
    }

    assertEveryTransitionRefused(operation, "SUCCEEDED");
  }

  // --- version and restore

  @Test
  void everyTransitionIncrementsTheVersionByOne() {
    Operation operation = planned(true);
    long[] versions = new long[7];
    versions[0] = operation.version();
    operation.approve("bob", later());
    versions[1] = operation.version();
    operation.start(later());
    versions[2] = operation.version();
    operation.stepStarted(0, later());
    versions[3] = operation.version();
    operation.stepSucceeded(0, "ok", later());
    versions[4] = operation.version();
    operation.requestCancel("bob", later());
    versions[5] = operation.version();
    operation.cancelIfRequested(later());
    versions[6] = operation.version();

    assertThat(versions).containsExactly(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void aRestoredOperationContinuesFromItsStoredState() {
    Operation restored =
        Operation.restore(
            ID,
            OperationType.NODE_DRAIN,
            "alice",
            Map.of("node", "europe-1"),
            List.of(
                new OperationStep("a", "first", StepState.SUCCEEDED, "ok", T0, T0),
                new OperationStep("b", "second", StepState.RUNNING, null, T0, null)),
            Set.of("node:europe-1"),
            false,
            OperationState.RUNNING,
            null,
            null,
            false,
            null,
            T0,
            T0,
            41);

    assertThat(restored.version()).isEqualTo(41);
    assertThat(restored.storedVersion()).isEqualTo(41);
    assertThat(restored.nextStepIndex()).isEqualTo(1);
    restored.stepStarted(1, later());
    restored.stepSucceeded(1, "drained", later());
    assertThat(restored.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(restored.version()).isEqualTo(43);
    assertThat(restored.storedVersion()).as("until the repository stores it").isEqualTo(41);
    assertThat(restored).hasToString("node drain " + ID + " (SUCCEEDED)");
  }

  /** In a terminal state nothing moves it, and a cancel says so. */
  private void assertEveryTransitionRefused(Operation operation, String state) {
    String is = "operation " + ID + " is " + state;
    refused(operation, o -> o.approve("carol", later()), is);
    refused(operation, o -> o.start(later()), is);
    refused(operation, o -> o.stepStarted(operation.nextStepIndex(), later()), is);
    refused(operation, o -> o.stepSucceeded(0, "x", later()), is);
    refused(operation, o -> o.stepFailed(0, "x", later()), is);
    refused(operation, o -> o.rolledBack("x", later()), is);
    refused(operation, o -> o.requestCancel("carol", later()), is + ": a finished operation");
    assertThat(operation.cancelIfRequested(later())).isFalse();
  }
}
