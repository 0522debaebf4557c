package io.switchboard.cli.operation;

import io.switchboard.api.operation.OperationView;
import io.switchboard.cli.exit.CliFailure;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Follows an operation until it has finished: shows it, then polls it every {@link #POLL_INTERVAL}
 * and shows each answer, until its state is SUCCEEDED, FAILED, CANCELLED or ROLLED_BACK. An
 * operation that waits for approval is followed too: it starts once approved.
 */
final class OperationWatcher {

  /** Time between two polls of the operation. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(300);

  /** Waits between polls; tests pass one that returns at once. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Pause sleeping() {
      return duration -> Thread.sleep(duration.toMillis());
    }
  }

  private final Pause pause;

  OperationWatcher(Pause pause) {
    this.pause = pause;
  }

  /**
   * Watches until the operation has finished.
   *
   * @param first the operation as last seen (for example as created)
   * @param poll reads the operation again ({@code GET /api/v1/operations/{id}})
   * @param progress shows each state seen; ended before this method returns or throws
   * @return the finished operation
   * @throws CliFailure exit status 3 when interrupted (the operation continues); any failure of
   *     {@code poll}
   */
  OperationView watch(OperationView first, Supplier<OperationView> poll, Progress progress) {
    OperationView operation = first;
    try {
      progress.update(operation);
      while (!OperationStates.finished(operation)) {
        pause.pause(POLL_INTERVAL);
        operation = poll.get();
        progress.update(operation);
      }
      return operation;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw CliFailure.operationFailed(
          "Stopped watching operation "
              + first.id()
              + "; it goes on without you. Follow it with: op watch "
              + first.id(),
          interrupted);
    } finally {
      progress.end();
    }
  }
}
