package io.switchboard.runtime.store;

import java.time.Duration;

/**
 * When the log forces written records to disk, and therefore what an acknowledgement means.
 *
 * <ul>
 *   <li>{@link #GROUP_COMMIT} (the default): an append is acknowledged only after an fsync that
 *       covers it has returned; one fsync covers every append queued while the previous one ran. An
 *       acknowledged record survives a machine crash.
 *   <li>{@link #groupCommit(Duration)}: group commit with a commit window, as durable: a batch of
 *       appends is synced no sooner than the window after the previous sync started, so appends
 *       arriving meanwhile share its fsync. Fewer fsyncs and fewer thread wake-ups per append where
 *       appends arrive often but far apart (a busy machine shared by many logs), for up to the
 *       window of added latency. Appends arriving after a quiet window wait for nothing, and a
 *       command that is not an append (close, checkpoint, truncation) ends the wait.
 *   <li>{@link #interval(Duration)}: an append is acknowledged once written to the file; the log
 *       fsyncs when the interval has passed since the previous fsync. <strong>Not durable on a
 *       machine crash</strong>: acknowledged records of the last interval can be lost. It exists to
 *       measure what group commit costs, never for production.
 * </ul>
 */
public sealed interface FsyncPolicy {

  /** Acknowledge after the fsync that covers the record; see the interface Javadoc. */
  FsyncPolicy GROUP_COMMIT = new GroupCommit(Duration.ZERO);

  /**
   * Group commit whose batches are synced no sooner than {@code window} after the previous sync
   * started; as durable as {@link #GROUP_COMMIT}, see the interface Javadoc.
   */
  static FsyncPolicy groupCommit(Duration window) {
    return new GroupCommit(window);
  }

  /**
   * Acknowledge after the write and fsync at most every {@code every}; not durable on a machine
   * crash.
   */
  static FsyncPolicy interval(Duration every) {
    return new Interval(every);
  }

  /**
   * See {@link FsyncPolicy#GROUP_COMMIT} and {@link FsyncPolicy#groupCommit(Duration)}.
   *
   * @param window zero or more: the least time from the start of one sync to the start of the next
   */
  record GroupCommit(Duration window) implements FsyncPolicy {
    public GroupCommit {
      if (window.isNegative()) {
        throw new IllegalArgumentException("the commit window must not be negative: " + window);
      }
    }
  }

  /**
   * See {@link FsyncPolicy#interval(Duration)}.
   *
   * @param every positive time between two fsyncs
   */
  record Interval(Duration every) implements FsyncPolicy {
    public Interval {
      if (every.isZero() || every.isNegative()) {
        throw new IllegalArgumentException("the fsync interval must be positive: " + every);
      }
    }
  }
}
