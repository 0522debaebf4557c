package io.switchboard.controlplane.operation;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Plans, stores, approves, starts and cancels operations; the {@link OperationExecutor} runs them.
 *
 * <p>Invariants: at most one active (not finished) operation holds a resource: a new one that
 * touches a shard, node or DC an active one holds is refused, naming it ({@link
 * OperationConflicts}); the check and the insert happen under this service's lock (one control
 * plane instance writes operations). A type in {@link OperationProperties#approvalRequiredFor()}
 * waits in PLANNED until a second person approves it.
 */
@Service
public class OperationService {

  private final OperationRepository repository;
  private final OperationExecutor executor;
  private final OperationProperties properties;
  private final OperationMetrics metrics;
  private final OperationBroadcaster broadcaster;
  private final Map<OperationType, OperationPlanner> planners = new EnumMap<>(OperationType.class);
  private final Clock clock;

  OperationService(
      OperationRepository repository,
      OperationExecutor executor,
      OperationProperties properties,
      OperationMetrics metrics,
      OperationBroadcaster broadcaster,
      List<OperationPlanner> planners,
      Clock clock) {
    this.metrics = metrics;
    this.broadcaster = broadcaster;
    this.repository = repository;
    this.executor = executor;
    this.properties = properties;
    planners.forEach(planner -> this.planners.put(planner.type(), planner));
    this.clock = clock;
  }

  /**
   * The plan of an operation, stored nowhere (a dry run).
   *
   * @throws InvalidOperationException when it cannot be planned
   * @throws OperationConflictException when an active operation holds what it would touch
   */
  public synchronized Operation preview(
      OperationType type, Map<String, String> parameters, String requester) {
    Operation planned = planned(type, parameters, requester);
    requireNoConflict(planned);
    return planned;
  }

  /**
   * Plans and stores an operation, and starts it unless it needs approval.
   *
   * @throws InvalidOperationException when it cannot be planned
   * @throws OperationConflictException when an active operation holds what it would touch
   */
  public synchronized Operation create(
      OperationType type, Map<String, String> parameters, String requester) {
    Operation operation = planned(type, parameters, requester);
    requireNoConflict(operation);
    repository.insert(operation);
    if (!operation.approvalRequired()) {
      operation.start(clock.instant());
      repository.update(operation);
      executor.submit(operation.id());
    }
    broadcaster.changed(operation);
    return operation;
  }

  /** Approves an operation that needs it and starts it. */
  public synchronized Operation approve(String id, String approver) {
    Operation operation = require(id);
    operation.approve(approver, clock.instant());
    operation.start(clock.instant());
    repository.update(operation);
    broadcaster.changed(operation);
    executor.submit(id);
    return operation;
  }

  /**
   * Cancels an operation now, or at its next step boundary when it runs.
   *
   * @throws IllegalOperationTransitionException when it is finished, or runs past the point where
   *     it may stop ({@link StepRunner#cancellableBefore})
   */
  public Operation cancel(String id, String by) {
    while (true) {
      Operation operation = require(id);
      if (operation.state() == OperationState.RUNNING
          && !executor
              .runnerOf(operation)
              .cancellableBefore(operation, cancelBoundary(operation))) {
        throw new IllegalOperationTransitionException(
            "operation "
                + id
                + " is past the point where it may stop ("
                + operation.steps().get(operation.nextStepIndex()).name()
                + "): it finishes or rolls back on its own");
      }
      operation.requestCancel(by, clock.instant());
      try {
        repository.update(operation);
        metrics.observe(operation);
        broadcaster.changed(operation);
        return operation;
      } catch (ConcurrentOperationUpdateException raced) {
        // The executor recorded a step meanwhile: cancel on top of it.
      }
    }
  }

  /** The step before which a cancel requested now takes effect. */
  private static int cancelBoundary(Operation operation) {
    int next = operation.nextStepIndex();
    boolean running =
        next < operation.steps().size() && operation.steps().get(next).state() == StepState.RUNNING;
    return running ? next + 1 : next;
  }

  /** One operation. */
  public Operation get(String id) {
    return require(id);
  }

  /** The newest operations first. */
  public List<Operation> list(int limit) {
    return repository.list(Math.max(1, Math.min(limit, 500)));
  }

  private Operation planned(OperationType type, Map<String, String> parameters, String requester) {
    OperationPlanner planner =
        Optional.ofNullable(planners.get(type))
            .orElseThrow(
                () ->
                    new InvalidOperationException(
                        type.label() + " operations are not available yet"));
    OperationPlanner.Plan plan = planner.plan(parameters);
    return Operation.plan(
        UUID.randomUUID().toString(),
        type,
        requester,
        plan.parameters(),
        plan.steps(),
        plan.resources(),
        properties.approvalRequiredFor().contains(type),
        clock.instant());
  }

  private void requireNoConflict(Operation candidate) {
    OperationConflicts.conflict(candidate, repository.active())
        .ifPresent(
            reason -> {
              throw new OperationConflictException(reason);
            });
  }

  private Operation require(String id) {
    return repository
        .find(id)
        .orElseThrow(() -> new UnknownOperationException("no operation " + id));
  }
}
