package io.switchboard.runtime.store;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The single thread that changes the log: it appends, syncs, acknowledges, applies records to the
 * state machine, truncates and captures checkpoints, one command after another.
 *
 * <p>Algorithm, repeated until a close, a failure or a halt:
 *
 * <ol>
 *   <li>Wait for a command (with {@link FsyncPolicy.Interval} and unsynced records, only until the
 *       interval is due, then sync). If it is a forced append and the policy has a commit window,
 *       let appends gather until the window since the previous sync's start has passed. Take it and
 *       every command queued behind it: one batch.
 *   <li>Encode the batch's appends into the write buffer, in queue order.
 *   <li>Before a command that is not an append, and at the end of the batch, commit the appends so
 *       far: write them, fsync once (with {@link FsyncPolicy.Interval} only when due; not at all
 *       when every one of them is unforced), apply them to the state machine, advance the committed
 *       end, complete their futures.
 *   <li>Carry out the non-append commands in their queue position (checkpoint, inspect, truncate,
 *       close).
 *   <li>When {@link LogOptions#checkpointEveryBytes()} were committed since the last checkpoint and
 *       none is being written, capture one and hand it to the {@link Checkpointer}.
 * </ol>
 *
 * <p>While one batch is being written and synced, new appends wait in the queue and form the next
 * batch: that is the group commit. An I/O error or a failing state machine stops the loop: every
 * unacknowledged command fails with it and the log accepts nothing more (after a failed fsync the
 * page cache can no longer be trusted; a restart recovers from what is on disk).
 */
final class LogWriter implements Runnable {

  private final CommandQueue queue;
  private final Segments segments;
  private final SegmentAppender appender;
  private final LogStateMachine stateMachine;
  private final Checkpointer checkpointer;
  private final FsyncPolicy fsyncPolicy;
  private final Clock clock;
  private final long checkpointEveryBytes;
  private final Thread thread;
  private final List<LogCommand> batch = new ArrayList<>();
  private final List<Appended> appended = new ArrayList<>();
  private boolean appendedForced;

  private volatile long committedEnd;
  private volatile long records;
  private volatile long bytes;
  private volatile long fsyncs;
  private volatile boolean halted;
  private volatile Throwable failure;
  private long lastSyncMillis;
  private final long commitWindowNanos;
  private long lastSyncStartNanos;
  private long lastCheckpointCapture;

  private record Appended(LogPosition position, LogCommand.Append command) {}

  LogWriter(
      CommandQueue queue,
      Segments segments,
      SegmentAppender appender,
      LogStateMachine stateMachine,
      Checkpointer checkpointer,
      LogOptions options,
      Clock clock) {
    this.queue = queue;
    this.segments = segments;
    this.appender = appender;
    this.stateMachine = stateMachine;
    this.checkpointer = checkpointer;
    this.fsyncPolicy = options.fsyncPolicy();
    this.commitWindowNanos =
        fsyncPolicy instanceof FsyncPolicy.GroupCommit groupCommit
            ? groupCommit.window().toNanos()
            : 0;
    this.lastSyncStartNanos = System.nanoTime() - commitWindowNanos;
    this.clock = clock;
    this.checkpointEveryBytes = options.checkpointEveryBytes();
    this.committedEnd = appender.end();
    this.lastCheckpointCapture = checkpointer.lastPublished().offset();
    this.lastSyncMillis = clock.millis();
    this.thread = new Thread(this, "switchboard-log-writer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Position after the last acknowledged record; nothing at or after it is visible to readers. */
  long committedEnd() {
    return committedEnd;
  }

  LogStats stats() {
    return new LogStats(records, bytes, fsyncs, checkpointer.published());
  }

  /**
   * Stops the writer as a process death would: queued commands fail, the thread is interrupted
   * wherever it is (a write or fsync in progress may be cut short), no sync and no checkpoint
   * follow. Returns once the thread has ended and the files are closed.
   */
  void halt() throws InterruptedException {
    halted = true;
    IllegalStateException cause = new IllegalStateException("the log was halted");
    for (LogCommand command : queue.shutAndDrain(cause)) {
      command.fail(cause);
    }
    thread.interrupt();
    thread.join();
  }

  /** Waits until the thread has ended and the files are closed. */
  void awaitTermination() throws InterruptedException {
    thread.join();
  }

  /** Why the writer stopped other than by a close or a halt, or null. */
  Throwable failure() {
    return halted ? null : failure;
  }

  @Override
  public void run() {
    Throwable stoppedBy = null;
    try {
      boolean open = true;
      while (open) {
        LogCommand first = nextCommand();
        if (first == null) {
          syncIfDue();
          continue;
        }
        batch.add(first);
        if (first instanceof LogCommand.Append append && append.forced()) {
          awaitCommitWindow();
          if (halted) {
            throw new IllegalStateException("the log was halted during a commit window");
          }
        }
        queue.drainTo(batch);
        open = process(batch);
        batch.clear();
      }
    } catch (Throwable e) {
      stoppedBy = halted ? new IllegalStateException("the log was halted", e) : e;
    } finally {
      finish(stoppedBy);
    }
  }

  private LogCommand nextCommand() throws InterruptedException {
    if (fsyncPolicy instanceof FsyncPolicy.Interval interval && appender.hasUnforcedRecords()) {
      long wait = lastSyncMillis + interval.every().toMillis() - clock.millis();
      return wait <= 0 ? null : queue.poll(wait);
    }
    return queue.take();
  }

  /**
   * With a {@link FsyncPolicy.GroupCommit} window, lets appends gather until the window since the
   * previous sync started has passed; see {@link CommandQueue#gatherAppendsUntil}.
   */
  private void awaitCommitWindow() {
    if (commitWindowNanos > 0) {
      queue.gatherAppendsUntil(lastSyncStartNanos + commitWindowNanos);
    }
  }

  private boolean process(List<LogCommand> commands) throws IOException {
    for (LogCommand command : commands) {
      if (command instanceof LogCommand.Append append) {
        appended.add(new Appended(appender.append(append.entry()), append));
        appendedForced |= append.forced();
      } else {
        commitAppended();
        if (command instanceof LogCommand.Close) {
          closeCleanly();
          return false;
        }
        execute(command);
      }
    }
    commitAppended();
    checkpointIfDue();
    return true;
  }

  private void commitAppended() throws IOException {
    if (appended.isEmpty()) {
      return;
    }
    if (!appendedForced || fsyncPolicy instanceof FsyncPolicy.Interval && !syncDue()) {
      appender.flush();
    } else {
      sync();
    }
    appendedForced = false;
    for (Appended record : appended) {
      stateMachine.apply(new LogRecord(record.position(), record.command().entry()));
    }
    long end = appender.end();
    records += appended.size();
    bytes += end - committedEnd;
    committedEnd = end;
    for (Appended record : appended) {
      record.command().acknowledged().complete(record.position());
    }
    appended.clear();
  }

  private boolean syncDue() {
    FsyncPolicy.Interval interval = (FsyncPolicy.Interval) fsyncPolicy;
    return clock.millis() - lastSyncMillis >= interval.every().toMillis();
  }

  private void syncIfDue() throws IOException {
    if (appender.hasUnforcedRecords() && syncDue()) {
      sync();
    }
  }

  private void sync() throws IOException {
    lastSyncStartNanos = System.nanoTime();
    appender.force();
    fsyncs++;
    lastSyncMillis = clock.millis();
  }

  private void execute(LogCommand command) throws IOException {
    if (command instanceof LogCommand.Checkpoint checkpoint) {
      startCheckpoint()
          .whenComplete(
              (covered, error) -> {
                if (error == null) {
                  checkpoint.done().complete(covered);
                } else {
                  checkpoint.done().completeExceptionally(error);
                }
              });
    } else if (command instanceof LogCommand.Inspect inspect) {
      try {
        inspect.done().complete(inspect.action().get());
      } catch (RuntimeException e) {
        inspect.done().completeExceptionally(e);
      }
    } else {
      truncate((LogCommand.TruncateAfter) command);
    }
  }

  private void checkpointIfDue() throws IOException {
    if (committedEnd - lastCheckpointCapture >= checkpointEveryBytes && checkpointer.idle()) {
      startCheckpoint();
    }
  }

  private CompletableFuture<LogPosition> startCheckpoint() throws IOException {
    if (appender.hasUnforcedRecords()) {
      sync();
    }
    lastCheckpointCapture = committedEnd;
    return checkpointer.publishAsync(new LogPosition(committedEnd), stateMachine.snapshot());
  }

  /**
   * Drops the records after {@code lastKept}, crash-safely:
   *
   * <ol>
   *   <li>Check that an intact committed record starts at {@code lastKept}; else fail the command
   *       and change nothing.
   *   <li>Sync, wait for checkpoints being written, truncate the state machine.
   *   <li>If the newest checkpoint covers records being dropped, publish one at the new end first:
   *       a crash before step 4 then replays the old suffix onto it (a consistent state of the
   *       untruncated log), and no checkpoint can ever describe dropped records.
   *   <li>Truncate the segments durably and continue appending at the new end.
   * </ol>
   */
  private void truncate(LogCommand.TruncateAfter command) throws IOException {
    LogRecord kept;
    try {
      kept = LogCursor.readOne(segments, committedEnd, command.lastKept());
    } catch (IllegalArgumentException | CorruptRecordException notARecord) {
      command.done().completeExceptionally(notARecord);
      return;
    }
    long newEnd = kept.nextPosition().offset();
    if (newEnd < committedEnd) {
      appender.force();
      checkpointer.awaitIdle();
      stateMachine.truncateAfter(command.lastKept());
      if (checkpointer.lastPublished().offset() > newEnd) {
        checkpointer.publishNow(new LogPosition(newEnd), stateMachine.snapshot());
      }
      segments.truncateTo(newEnd);
      appender.continueAtEnd();
      committedEnd = newEnd;
      lastCheckpointCapture = Math.min(lastCheckpointCapture, newEnd);
    }
    command.done().complete(new LogPosition(newEnd));
  }

  private void closeCleanly() throws IOException {
    if (appender.hasUnforcedRecords()) {
      sync();
    }
    checkpointer.awaitIdle();
    if (checkpointer.lastPublished().offset() != committedEnd) {
      checkpointer.publishNow(new LogPosition(committedEnd), stateMachine.snapshot());
    }
  }

  private void finish(Throwable stoppedBy) {
    boolean interrupted = Thread.interrupted();
    failure = stoppedBy;
    if (stoppedBy != null) {
      for (LogCommand command : batch) {
        command.fail(stoppedBy);
      }
      IllegalStateException refusal =
          new IllegalStateException("the log stopped: " + stoppedBy, stoppedBy);
      for (LogCommand command : queue.shutAndDrain(refusal)) {
        command.fail(refusal);
      }
    }
    try {
      checkpointer.shutdown(stoppedBy != null);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    try {
      segments.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
