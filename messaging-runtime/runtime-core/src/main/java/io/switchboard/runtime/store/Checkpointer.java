package io.switchboard.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes checkpoints: the writer thread captures a snapshot (cheap), this class writes it to the
 * storage on its own thread, so appends continue meanwhile.
 *
 * <p>Invariants: checkpoints are published in the order they were captured (one thread writes
 * them); {@link #lastPublished()} is the covered position of the newest checkpoint on disk; a
 * failed write leaves the previous checkpoint in place.
 *
 * <p>{@link #publishAsync}, {@link #publishNow}, {@link #idle} and {@link #awaitIdle} are for the
 * writer thread only.
 */
final class Checkpointer {

  private final LogStorage storage;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "switchboard-log-checkpoint");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicLong published = new AtomicLong();
  private volatile LogPosition lastPublished;
  private CompletableFuture<LogPosition> latest = CompletableFuture.completedFuture(null);

  /**
   * @param onDisk covered position of the checkpoint already on disk, {@link LogPosition#START}
   *     when there is none
   */
  Checkpointer(LogStorage storage, LogPosition onDisk) {
    this.storage = storage;
    this.lastPublished = onDisk;
  }

  /** Writes a checkpoint on the checkpoint thread, after any still being written. */
  CompletableFuture<LogPosition> publishAsync(
      LogPosition covered, LogStateMachine.Snapshot snapshot) {
    latest =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                write(covered, snapshot);
                return covered;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            executor);
    return latest;
  }

  /** Waits for checkpoints being written, then writes one on the calling thread. */
  void publishNow(LogPosition covered, LogStateMachine.Snapshot snapshot) throws IOException {
    awaitIdle();
    write(covered, snapshot);
  }

  /** Whether no checkpoint is being written. */
  boolean idle() {
    return latest.isDone();
  }

  /** Waits until no checkpoint is being written; failures were reported to their callers. */
  void awaitIdle() {
    latest.handle((position, failure) -> position).join();
  }

  /** Covered position of the newest checkpoint on disk. */
  LogPosition lastPublished() {
    return lastPublished;
  }

  /** Checkpoints published since the log was opened. */
  long published() {
    return published.get();
  }

  /**
   * Stops the checkpoint thread. With {@code interrupt}, a checkpoint being written is abandoned
   * (the previous one stays in place), as when a process dies.
   */
  void shutdown(boolean interrupt) throws InterruptedException {
    if (interrupt) {
      executor.shutdownNow();
    } else {
      executor.shutdown();
    }
    executor.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
  }

  private void write(LogPosition covered, LogStateMachine.Snapshot snapshot) throws IOException {
    storage.replaceCheckpoint(out -> CheckpointFormat.write(out, covered, snapshot));
    lastPublished = covered;
    published.incrementAndGet();
  }
}
