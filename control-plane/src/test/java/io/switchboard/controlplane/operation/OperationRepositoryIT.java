package io.switchboard.controlplane.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.dao.PersistenceExceptionTranslationAutoConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link OperationRepository} on the Flyway-migrated schema: a JDBC slice (no web server, no
 * embedded cluster) on an in-memory H2 database; {@link OperationRepositoryPostgresIT} runs the
 * same tests on PostgreSQL. Tests run outside a test transaction so that each repository call
 * commits on its own, as in production; rows are deleted after each test. The repository is proxied
 * for exception translation as in the application.
 */
@JdbcTest
@Import(OperationRepository.class)
@ImportAutoConfiguration(PersistenceExceptionTranslationAutoConfiguration.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OperationRepositoryIT {

  /** Microseconds: the precision both databases keep. */
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123456Z");

  @Autowired private OperationRepository repository;
  @Autowired private JdbcClient jdbc;

  @AfterEach
  void deleteOperations() {
    jdbc.sql("DELETE FROM operation").update();
  }

  private static Operation switchover(String id, int shard, Instant now) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("shard", Integer.toString(shard));
    parameters.put("from", "americas-1");
    parameters.put("target", "americas-2");
    parameters.put("epoch", "8");
    parameters.put("note", "Zürich, 'quoted', a=b; ünïcode ✓");
    return Operation.plan(
        id,
        OperationType.SHARD_SWITCHOVER,
        "alice",
        parameters,
        List.of(
            OperationStep.pending("catch-up", "Wait until americas-2 holds every entry"),
            OperationStep.pending("fence", "Fence the voters"),
            OperationStep.pending("promote", "Promote americas-2")),
        Set.of("shard:" + shard, "node:americas-1", "node:americas-2"),
        true,
        now);
  }

  private Operation stored(String id) {
    return repository.find(id).orElseThrow();
  }

  private static void assertSame(Operation actual, Operation expected) {
    assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    assertThat(actual.parameters().keySet())
        .as("parameters keep their order")
        .containsExactlyElementsOf(expected.parameters().keySet());
  }

  @Test
  void anInsertedOperationReadsBackAsItWasPlanned() {
    Operation operation = switchover("op-1", 17, T0);

    repository.insert(operation);

    Operation read = stored("op-1");
    assertSame(read, operation);
    assertThat(read.state()).isEqualTo(OperationState.PLANNED);
    assertThat(read.version()).isZero();
    assertThat(read.createdAt()).isEqualTo(T0);
    assertThat(read.parameters()).containsEntry("note", "Zürich, 'quoted', a=b; ünïcode ✓");
    assertThat(read.resources()).containsExactly("node:americas-1", "node:americas-2", "shard:17");
    assertThat(read.steps())
        .extracting(OperationStep::name)
        .containsExactly("catch-up", "fence", "promote");
    assertThat(repository.find("no-such-operation")).isEmpty();
  }

  @Test
  void updatesStoreEveryTransitionAndStepProgress() {
    Operation operation = switchover("op-1", 17, T0);
    repository.insert(operation);

    Operation approved = stored("op-1");
    approved.approve("bob", T0.plusSeconds(1));
    approved.start(T0.plusSeconds(2));
    approved.stepStarted(0, T0.plusSeconds(3));
    repository.update(approved);
    assertSame(stored("op-1"), approved);
    assertThat(stored("op-1").steps().get(0).startedAt()).isEqualTo(T0.plusSeconds(3));

    approved.stepSucceeded(
        0,
        new StepResult.Done(
            "americas-2 holds 42 entries",
            orderedMarks("fenced", T0.plusMillis(3_250), "caught-up", T0.plusMillis(3_900))),
        T0.plusSeconds(4));
    approved.stepStarted(1, T0.plusSeconds(5));
    approved.requestCancel("carol", T0.plusSeconds(6));
    repository.update(approved);
    Operation running = stored("op-1");
    assertSame(running, approved);
    assertThat(running.state()).isEqualTo(OperationState.RUNNING);
    assertThat(running.version()).isEqualTo(6);
    assertThat(running.approver()).isEqualTo("bob");
    assertThat(running.cancelRequested()).isTrue();
    assertThat(running.cancelledBy()).isEqualTo("carol");
    assertThat(running.nextStepIndex()).isEqualTo(1);
    assertThat(running.steps().get(0).marks())
        .containsExactly(
            Map.entry("fenced", T0.plusMillis(3_250)),
            Map.entry("caught-up", T0.plusMillis(3_900)));
    assertThat(running.steps().get(1).marks()).isEmpty();

    String longReason = "cannot fence americas-1: " + "x".repeat(10_000);
    running.stepFailed(1, longReason, T0.plusSeconds(7));
    repository.update(running);
    Operation failed = stored("op-1");
    assertSame(failed, running);
    assertThat(failed.failure()).isEqualTo(longReason);
    assertThat(failed.steps())
        .extracting(OperationStep::state)
        .containsExactly(StepState.SUCCEEDED, StepState.FAILED, StepState.SKIPPED);
    assertThat(failed.steps().get(1).finishedAt()).isEqualTo(T0.plusSeconds(7));
    assertThat(failed.updatedAt()).isEqualTo(T0.plusSeconds(7));
  }

  @Test
  void anOperationStoredBackCanBeUpdatedAgain() {
    Operation operation = switchover("op-1", 17, T0);
    repository.insert(operation);
    operation.approve("bob", T0.plusSeconds(1));
    repository.update(operation);
    operation.start(T0.plusSeconds(2));
    repository.update(operation);

    assertSame(stored("op-1"), operation);
  }

  @Test
  void anUpdateOfAStaleCopyIsRefusedAndWritesNothing() {
    repository.insert(switchover("op-1", 17, T0));
    Operation executor = stored("op-1");
    Operation canceller = stored("op-1");

    executor.approve("bob", T0.plusSeconds(1));
    executor.start(T0.plusSeconds(1));
    executor.stepStarted(0, T0.plusSeconds(2));
    repository.update(executor);

    canceller.requestCancel("carol", T0.plusSeconds(3));
    assertThatThrownBy(() -> repository.update(canceller))
        .isInstanceOf(ConcurrentOperationUpdateException.class)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("operation op-1 was changed by someone else")
        .hasMessageContaining("read it again");
    assertSame(stored("op-1"), executor);

    Operation fresh = stored("op-1");
    fresh.requestCancel("carol", T0.plusSeconds(4));
    repository.update(fresh);
    assertThat(stored("op-1").cancelRequested()).isTrue();
    assertThat(stored("op-1").steps().get(0).state()).isEqualTo(StepState.RUNNING);
  }

  @Test
  void anOperationNeverInsertedCannotBeUpdated() {
    Operation operation = switchover("op-1", 17, T0);

    assertThatThrownBy(() -> repository.update(operation))
        .isInstanceOf(ConcurrentOperationUpdateException.class);
    assertThat(repository.find("op-1")).isEmpty();
  }

  @Test
  void listIsNewestFirstAndActiveHoldsTheUnfinishedOldestFirst() {
    Operation planned = switchover("a-planned", 1, T0);
    Operation running = switchover("b-running", 2, T0.plus(Duration.ofMinutes(1)));
    Operation cancelled = switchover("c-cancelled", 3, T0.plus(Duration.ofMinutes(2)));
    Operation approved = switchover("d-approved", 4, T0.plus(Duration.ofMinutes(3)));
    for (Operation operation : List.of(planned, running, cancelled, approved)) {
      repository.insert(operation);
    }
    running.approve("bob", T0.plusSeconds(100));
    running.start(T0.plusSeconds(100));
    repository.update(running);
    cancelled.requestCancel("bob", T0.plusSeconds(200));
    repository.update(cancelled);
    approved.approve("bob", T0.plusSeconds(300));
    repository.update(approved);

    assertThat(repository.list(10))
        .extracting(Operation::id)
        .containsExactly("d-approved", "c-cancelled", "b-running", "a-planned");
    assertThat(repository.list(2))
        .extracting(Operation::id)
        .containsExactly("d-approved", "c-cancelled");
    List<Operation> active = repository.active();
    assertThat(active)
        .extracting(Operation::id)
        .containsExactly("a-planned", "b-running", "d-approved");
    assertSame(active.get(1), running);
    assertThat(active)
        .allSatisfy(operation -> assertThat(operation.steps()).hasSize(3))
        .allSatisfy(operation -> assertThat(operation.resources()).hasSize(3));
    assertThat(repository.list(10).get(1).steps())
        .extracting(OperationStep::state)
        .containsOnly(StepState.SKIPPED);
  }

  @Test
  void noOperationsNoRows() {
    assertThat(repository.list(10)).isEmpty();
    assertThat(repository.active()).isEmpty();
  }

  private static Map<String, Instant> orderedMarks(
      String first, Instant firstAt, String second, Instant secondAt) {
    Map<String, Instant> marks = new LinkedHashMap<>();
    marks.put(first, firstAt);
    marks.put(second, secondAt);
    return marks;
  }
}
