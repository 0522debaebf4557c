package io.switchboard.runtime.store;

import io.switchboard.runtime.store.RecoveryReport.CheckpointOutcome;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The node's append-only, checksummed, segmented log, shared by all its shards, with group commit,
 * crash recovery, checkpoints of a {@link LogStateMachine}, reads by position and suffix
 * truncation. The package Javadoc describes the design; this class is its entry point.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #append} completes with the record's position once the record is acknowledged: with
 *       {@link FsyncPolicy#GROUP_COMMIT}, durable on disk and applied to the state machine.
 *       Acknowledgements come in position order. Futures complete on the writer thread: dependent
 *       stages must not block (use the {@code *Async} variants for slow work).
 *   <li>{@link #appendUnforced} is the exception: its record is acknowledged once written and
 *       applied, and becomes durable with the log's next fsync. Because the log is written in order
 *       and every fsync covers everything written before it, a crash loses at most unforced records
 *       that came after the last durable record, never a record before one that survives.
 *   <li>Readers see exactly the acknowledged records: {@code [startPosition(), endPosition())}.
 *   <li>A record's position never changes, across restarts too, until a {@link #truncateAfter}
 *       drops it.
 * </ul>
 *
 * <p>Thread-safe. One instance per directory: opening a directory that another open log uses is not
 * detected and corrupts it.
 */
public final class DurableLog implements Closeable {

  private final LogOptions options;
  private final Segments segments;
  private final CommandQueue queue;
  private final LogWriter writer;
  private final RecoveryReport recoveryReport;

  private DurableLog(
      LogOptions options,
      Segments segments,
      CommandQueue queue,
      LogWriter writer,
      RecoveryReport recoveryReport) {
    this.options = options;
    this.segments = segments;
    this.queue = queue;
    this.writer = writer;
    this.recoveryReport = recoveryReport;
  }

  /** Opens the log of the node whose data lives in {@code nodeDirectory}, on the system clock. */
  public static DurableLog open(
      Path nodeDirectory, LogOptions options, LogStateMachine stateMachine) throws IOException {
    return open(FileLogStorage.open(nodeDirectory), options, Clock.systemUTC(), stateMachine);
  }

  /**
   * Recovers the log in {@code storage} (see {@link LogRecovery}), rebuilds {@code stateMachine}
   * from the checkpoint and the records after it, and starts the writer. When the checkpoint on
   * disk was unusable, a fresh one is published before this returns.
   *
   * @param clock decides when an {@link FsyncPolicy.Interval} sync is due; unused otherwise
   * @param stateMachine a fresh state machine; the log applies every record to it from now on
   */
  public static DurableLog open(
      LogStorage storage, LogOptions options, Clock clock, LogStateMachine stateMachine)
      throws IOException {
    LogRecovery.Recovered recovered = LogRecovery.recover(storage, stateMachine);
    RecoveryReport report = recovered.report();
    Segments segments = recovered.segments();
    Checkpointer checkpointer =
        new Checkpointer(
            storage,
            report.checkpoint() == CheckpointOutcome.USED
                ? report.replayedFrom()
                : LogPosition.START,
            options.checkpointBytesPerSecond());
    try {
      if (report.checkpoint() == CheckpointOutcome.CORRUPT
          || report.checkpoint() == CheckpointOutcome.OUTSIDE_LOG) {
        checkpointer.publishNow(report.end(), stateMachine.snapshot());
      }
    } catch (IOException | RuntimeException e) {
      segments.close();
      shutDown(checkpointer);
      throw e;
    }
    CommandQueue queue = new CommandQueue(options.maxQueuedCommands());
    SegmentAppender appender = new SegmentAppender(storage, segments, options);
    LogWriter writer =
        new LogWriter(queue, segments, appender, stateMachine, checkpointer, options, clock);
    writer.start();
    return new DurableLog(options, segments, queue, writer, report);
  }

  private static void shutDown(Checkpointer checkpointer) throws InterruptedIOException {
    try {
      checkpointer.shutdown(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping the checkpoint thread");
    }
  }

  /**
   * Appends {@code entry}; see the class contract for what completion means. The future fails when
   * the log is closed, halted or failed, or when more than {@link LogOptions#maxQueuedCommands()}
   * appends are waiting ({@link java.util.concurrent.RejectedExecutionException}).
   *
   * @throws IllegalArgumentException when the payload exceeds {@link LogOptions#maxPayloadBytes()}
   */
  public CompletableFuture<LogPosition> append(LogEntry entry) {
    return append(entry, true);
  }

  /**
   * Appends {@code entry} without an fsync of its own: acknowledged once written and applied, as
   * soon as its batch holds no forced record that must be synced first, and durable with the next
   * fsync (a later forced append's group commit, a checkpoint, a clean close). For records whose
   * loss in a crash costs nothing acknowledged elsewhere, such as a commit mark that is derived
   * again from durable facts. Fails and throws as {@link #append}.
   */
  public CompletableFuture<LogPosition> appendUnforced(LogEntry entry) {
    return append(entry, false);
  }

  private CompletableFuture<LogPosition> append(LogEntry entry, boolean forced) {
    if (entry.payload().length > options.maxPayloadBytes()) {
      throw new IllegalArgumentException(
          "payload of "
              + entry.payload().length
              + " bytes exceeds the limit of "
              + options.maxPayloadBytes());
    }
    CompletableFuture<LogPosition> acknowledged = new CompletableFuture<>();
    queue.submit(new LogCommand.Append(entry, forced, acknowledged));
    return acknowledged;
  }

  /**
   * The acknowledged record at {@code position}, read from disk and checksum-verified.
   *
   * @throws IllegalArgumentException when {@code position} is outside {@code [startPosition(),
   *     endPosition())}
   * @throws CorruptRecordException when no intact record starts there
   */
  public LogRecord read(LogPosition position) throws IOException {
    return LogCursor.readOne(segments, writer.committedEnd(), position);
  }

  /**
   * Iterates the acknowledged records from {@code from} in position order, including records
   * acknowledged while iterating. For followers fetching the log and for rebuilding state. Errors
   * surface as {@link java.io.UncheckedIOException} (cause {@link CorruptRecordException} for
   * damaged data), and as {@link java.util.ConcurrentModificationException} after a {@link
   * #truncateAfter} made the iterator's view stale.
   *
   * @param from where a record starts, or {@link #endPosition()}
   * @throws IllegalArgumentException when {@code from} is outside {@code [startPosition(),
   *     endPosition()]}
   */
  public Iterator<LogRecord> readFrom(LogPosition from) {
    long end = writer.committedEnd();
    if (from.offset() < segments.start() || from.offset() > end) {
      throw new IllegalArgumentException(
          "cannot read from " + from + ": the log holds [" + segments.start() + ", " + end + ")");
    }
    return new LogCursor(segments, writer::committedEnd, from);
  }

  /**
   * Drops every record after the one at {@code lastKept}, durably, and truncates the state machine
   * to match; appends queued before this call are acknowledged first, later ones go after the new
   * end. Completes with the new end. Fails without changing anything when no acknowledged record
   * starts at {@code lastKept}.
   */
  public CompletableFuture<LogPosition> truncateAfter(LogPosition lastKept) {
    CompletableFuture<LogPosition> done = new CompletableFuture<>();
    queue.submit(new LogCommand.TruncateAfter(lastKept, done));
    return done;
  }

  /**
   * Publishes a checkpoint of the state machine covering every record acknowledged before this
   * call; completes with the covered position once the checkpoint is durable. Checkpoints also
   * happen on their own every {@link LogOptions#checkpointEveryBytes()} and on {@link #close()}.
   */
  public CompletableFuture<LogPosition> checkpoint() {
    CompletableFuture<LogPosition> done = new CompletableFuture<>();
    queue.submit(new LogCommand.Checkpoint(done));
    return done;
  }

  /**
   * Runs {@code action} on the writer thread once every record appended before this call is applied
   * to the state machine, and before any appended after it: it sees the state machine between two
   * records, as a checkpoint does. The action must be quick and must not wait for the log. The
   * future fails when the log is closed or failed, or with the action's exception.
   */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> inspect(Supplier<T> action) {
    CompletableFuture<Object> done = new CompletableFuture<>();
    queue.submit(new LogCommand.Inspect(action, done));
    return (CompletableFuture<T>) (CompletableFuture<?>) done;
  }

  /** Position of the first record; never changes. */
  public LogPosition startPosition() {
    return new LogPosition(segments.start());
  }

  /** Position after the last acknowledged record: where the next append goes. */
  public LogPosition endPosition() {
    return new LogPosition(writer.committedEnd());
  }

  /** Counters since the log was opened. */
  public LogStats stats() {
    return writer.stats();
  }

  /** What recovery found and repaired when the log was opened. */
  public RecoveryReport recoveryReport() {
    return recoveryReport;
  }

  /**
   * Acknowledges every append queued before the call, syncs, publishes a final checkpoint (so the
   * next open replays nothing) and releases the files. Later appends fail. Idempotent.
   *
   * @throws IOException when the final sync or checkpoint failed, or the log had failed earlier
   *     (then the cause is that failure); the files are released all the same
   */
  @Override
  public void close() throws IOException {
    queue.submitLast(new LogCommand.Close());
    try {
      writer.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while closing the log");
    }
    Throwable failure = writer.failure();
    if (failure != null) {
      throw new IOException("the log did not close cleanly", failure);
    }
  }

  /**
   * Stops the log as a process death would, for in-process node kills and crash tests: queued and
   * in-flight appends fail (they were not acknowledged), a write or fsync in progress is
   * interrupted, and no sync or checkpoint follows. What was already written to the files stays;
   * reopening the directory recovers exactly as after a crash. Returns once the log's threads have
   * ended and its files are closed, or early with the interrupt flag set when the calling thread is
   * interrupted.
   */
  public void halt() {
    try {
      writer.halt();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
