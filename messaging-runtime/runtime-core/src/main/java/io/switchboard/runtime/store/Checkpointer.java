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
 * storage on its own thread, so appends continue meanwhile. That thread writes no faster than a set
 * rate ({@link PacedOutputStream}), so that a checkpoint of hundreds of megabytes does not take the
 * disk and a core from the appends for as long as it lasts; {@link #publishNow} (close, truncation)
 * writes at full speed, and so does a checkpoint still being written once {@link #awaitIdle} waits
 * for it: closing never waits on the pace.
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
  private final long backgroundBytesPerSecond;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "switchboard-checkpoint");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicLong published = new AtomicLong();
  private volatile boolean hurry;
  private volatile LogPosition lastPublished;
  private CompletableFuture<LogPosition> latest = CompletableFuture.completedFuture(null);

  /**
   * @param onDisk covered position of the checkpoint already on disk, {@link LogPosition#START}
   *     when there is none
   * @param backgroundBytesPerSecond the rate {@link #publishAsync} writes at
   */
  Checkpointer(LogStorage storage, LogPosition onDisk, long backgroundBytesPerSecond) {
    this.storage = storage;
    this.backgroundBytesPerSecond = backgroundBytesPerSecond;
    this.lastPublished = onDisk;
  }

  /**
   * Writes a checkpoint on the checkpoint thread at the background rate, after any still being
   * written.
   */
  CompletableFuture<LogPosition> publishAsync(
      LogPosition covered, LogStateMachine.Snapshot snapshot) {
    latest =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                write(covered, snapshot, true);
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
    write(covered, snapshot, false);
  }

  /** Whether no checkpoint is being written. */
  boolean idle() {
    return latest.isDone();
  }

  /** Waits until no checkpoint is being written; failures were reported to their callers. */
  void awaitIdle() {
    hurry = true;
    try {
      latest.handle((position, failure) -> position).join();
    } finally {
      hurry = false;
    }
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

  /** Writes a checkpoint, at the background rate when {@code paced}, else at full speed. */
  private void write(LogPosition covered, LogStateMachine.Snapshot snapshot, boolean paced)
      throws IOException {
    storage.replaceCheckpoint(
        out ->
            CheckpointFormat.write(
                paced ? new PacedOutputStream(out, backgroundBytesPerSecond, () -> hurry) : out,
                covered,
                snapshot));
    lastPublished = covered;
    published.incrementAndGet();
  }
}
