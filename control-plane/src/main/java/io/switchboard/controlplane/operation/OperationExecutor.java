package io.switchboard.controlplane.operation;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs RUNNING operations step by step, persisting every transition as it happens.
 *
 * <p>Algorithm for one operation, repeated until it is no longer RUNNING:
 *
 * <ol>
 *   <li>Read it from the repository (a cancel requested meanwhile is seen here). At a step boundary
 *       a requested cancel takes effect: CANCELLED, the remaining steps skipped.
 *   <li>Record the next step as started, then run it ({@link StepRunner}).
 *   <li>Record its result: done (the operation succeeds after its last step), failed, or rolled
 *       back. A result is recorded on a fresh read, retried when a concurrent change (a cancel) won
 *       the optimistic lock.
 * </ol>
 *
 * <p>After a restart every RUNNING operation is resumed at its first step not recorded as done;
 * steps are idempotent ({@link StepRunner}), so a step that had started runs again safely. A result
 * that arrives while the control plane stops is not recorded: the step runs again after the
 * restart. Thread-safe; operations run on {@link #THREADS} threads, one operation per thread at a
 * time.
 */
@Component
public class OperationExecutor {

  static final int THREADS = 2;

  private static final Logger log = LoggerFactory.getLogger(OperationExecutor.class);

  private final OperationRepository repository;
  private final OperationMetrics metrics;
  private final OperationBroadcaster broadcaster;
  private final Map<OperationType, StepRunner> runners = new EnumMap<>(OperationType.class);
  private final Clock clock;
  private final ExecutorService threads;
  private volatile boolean stopping;

  OperationExecutor(
      OperationRepository repository,
      List<StepRunner> runners,
      OperationMetrics metrics,
      OperationBroadcaster broadcaster,
      Clock clock) {
    this.repository = repository;
    this.metrics = metrics;
    this.broadcaster = broadcaster;
    runners.forEach(runner -> this.runners.put(runner.type(), runner));
    this.clock = clock;
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            THREADS,
            task -> {
              Thread thread = new Thread(task, "operations-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs the operation {@code id} if it is RUNNING; returns at once. */
  void submit(String id) {
    threads.execute(() -> drive(id));
  }

  /** Resumes the operations a previous run of the control plane left RUNNING. */
  @EventListener(ApplicationReadyEvent.class)
  void resumeRunning() {
    for (Operation operation : repository.active()) {
      if (operation.state() == OperationState.RUNNING) {
        log.info(
            "resuming operation {} ({}) at step {}",
            operation.id(),
            operation.type().label(),
            operation.nextStepIndex() + 1);
        submit(operation.id());
      }
    }
  }

  @PreDestroy
  void stop() {
    stopping = true;
    threads.shutdownNow();
  }

  private void drive(String id) {
    try {
      while (!stopping) {
        Operation operation = repository.find(id).orElseThrow();
        if (operation.state() != OperationState.RUNNING) {
          return;
        }
        int next = operation.nextStepIndex();
        if (runnerOf(operation).cancellableBefore(operation, next)
            && operation.cancelIfRequested(clock.instant())) {
          save(operation);
          return;
        }
        int index = operation.nextStepIndex();
        operation.stepStarted(index, clock.instant());
        save(operation);
        StepResult result = runStep(operation, index);
        if (stopping) {
          return;
        }
        record(id, index, result);
      }
    } catch (RuntimeException e) {
      log.error("operation {} stopped unexpectedly; it resumes after a restart", id, e);
    }
  }

  /**
   * The runner of {@code operation}'s type.
   *
   * @throws IllegalStateException when there is none
   */
  StepRunner runnerOf(Operation operation) {
    StepRunner runner = runners.get(operation.type());
    if (runner == null) {
      throw new IllegalStateException("no runner for " + operation.type().label() + " operations");
    }
    return runner;
  }

  private StepResult runStep(Operation operation, int index) {
    StepRunner runner;
    try {
      runner = runnerOf(operation);
    } catch (IllegalStateException e) {
      return new StepResult.Failed(e.getMessage());
    }
    try {
      return runner.run(operation, index);
    } catch (RuntimeException e) {
      return new StepResult.Failed(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private void record(String id, int index, StepResult result) {
    while (true) {
      Operation operation = repository.find(id).orElseThrow();
      if (result instanceof StepResult.Done done) {
        operation.stepSucceeded(index, done, clock.instant());
      } else if (result instanceof StepResult.RolledBack rolledBack) {
        operation.rolledBack(rolledBack.reason(), clock.instant());
      } else {
        operation.stepFailed(index, ((StepResult.Failed) result).reason(), clock.instant());
      }
      try {
        save(operation);
        return;
      } catch (ConcurrentOperationUpdateException raced) {
        // A cancel was recorded meanwhile: apply the result on top of it.
      }
    }
  }

  private void save(Operation operation) {
    repository.update(operation);
    metrics.observe(operation);
    broadcaster.changed(operation);
  }
}
