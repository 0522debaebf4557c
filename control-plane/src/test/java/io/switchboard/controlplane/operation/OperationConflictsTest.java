package io.switchboard.controlplane.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationConflictsTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private static Operation operation(String id, OperationType type, String... resources) {
    return Operation.plan(
        id,
        type,
        "alice",
        Map.of(),
        List.of(OperationStep.pending("only", "the only step")),
        Set.of(resources),
        false,
        T0);
  }

  private static Operation running(String id, OperationType type, String... resources) {
    Operation operation = operation(id, type, resources);
    operation.start(T0);
    return operation;
  }

  @Test
  void nothingActiveNothingInTheWay() {
    Operation candidate = operation("new", OperationType.SHARD_SWITCHOVER, "shard:17");

    assertThat(OperationConflicts.conflict(candidate, List.of())).isEmpty();
  }

  @Test
  void anEqualResourceConflictsNamingTheOperationItsStateAndTheResource() {
    Operation active =
        running("7f3a", OperationType.SHARD_SWITCHOVER, "shard:17", "node:americas-1");
    Operation candidate = operation("new", OperationType.NODE_DRAIN, "node:americas-2", "shard:17");

    assertThat(OperationConflicts.conflict(candidate, List.of(active)))
        .contains("shard switchover 7f3a (RUNNING) already holds shard:17");
  }

  @Test
  void disjointResourcesDoNotConflict() {
    Operation active = running("a", OperationType.SHARD_SWITCHOVER, "shard:17", "node:americas-1");
    Operation candidate =
        operation("b", OperationType.SHARD_SWITCHOVER, "shard:18", "node:americas-2");

    assertThat(OperationConflicts.conflict(candidate, List.of(active))).isEmpty();
  }

  @Test
  void onlyEqualResourcesConflictNothingIsInferred() {
    Operation dc = running("a", OperationType.NODE_RESTART, "dc:europe");
    Operation node = running("b", OperationType.NODE_DRAIN, "node:europe-1");

    assertThat(
            OperationConflicts.conflict(
                operation("c", OperationType.SHARD_SWITCHOVER, "node:europe-1x", "shard:300"),
                List.of(dc, node)))
        .as("planners list every resource they touch")
        .isEmpty();
    assertThat(
            OperationConflicts.conflict(
                operation("d", OperationType.NODE_DRAIN, "dc:europe", "node:europe-1"),
                List.of(dc, node)))
        .contains("node restart a (RUNNING) already holds dc:europe");
  }

  @Test
  void plannedAndApprovedOperationsHoldTheirResourcesToo() {
    Operation planned = operation("p", OperationType.NODE_DRAIN, "node:asia-1");
    Operation candidate = operation("c", OperationType.NODE_RESTART, "node:asia-1");

    assertThat(OperationConflicts.conflict(candidate, List.of(planned)))
        .contains("node drain p (PLANNED) already holds node:asia-1");
  }

  @Test
  void finishedOperationsAndTheCandidateItselfAreIgnored() {
    Operation cancelled = operation("x", OperationType.NODE_DRAIN, "node:asia-1");
    cancelled.requestCancel("bob", T0);
    Operation candidate = operation("c", OperationType.NODE_RESTART, "node:asia-1");

    assertThat(OperationConflicts.conflict(candidate, List.of(cancelled, candidate))).isEmpty();
  }

  @Test
  void theFirstConflictingActiveOperationIsNamed() {
    Operation first = running("first", OperationType.NODE_DRAIN, "node:asia-2");
    Operation second = running("second", OperationType.SHARD_SWITCHOVER, "node:asia-1");
    Operation third = running("third", OperationType.NODE_RESTART, "node:asia-2");
    Operation candidate = operation("c", OperationType.NODE_RESTART, "node:asia-1", "node:asia-2");

    assertThat(OperationConflicts.conflict(candidate, List.of(second, first, third)))
        .contains("shard switchover second (RUNNING) already holds node:asia-1");
    assertThat(OperationConflicts.conflict(candidate, List.of(first, second, third)))
        .contains("node drain first (RUNNING) already holds node:asia-2");
  }
}
