package io.switchboard.runtime.store;

import java.time.Duration;

/**
 * When the log forces written records to disk, and therefore what an acknowledgement means.
 *
 * <ul>
 *   <li>{@link #GROUP_COMMIT} (the default): an append is acknowledged only after an fsync that
 *       covers it has returned; one fsync covers every append queued while the previous one ran. An
 *       acknowledged record survives a machine crash.
 *   <li>{@link #interval(Duration)}: an append is acknowledged once written to the file; the log
 *       fsyncs when the interval has passed since the previous fsync. <strong>Not durable on a
 *       machine crash</strong>: acknowledged records of the last interval can be lost. It exists to
 *       measure what group commit costs, never for production.
 * </ul>
 */
public sealed interface FsyncPolicy {

  /** Acknowledge after the fsync that covers the record; see the interface Javadoc. */
  FsyncPolicy GROUP_COMMIT = new GroupCommit();

  /**
   * Acknowledge after the write and fsync at most every {@code every}; not durable on a machine
   * crash.
   */
  static FsyncPolicy interval(Duration every) {
    return new Interval(every);
  }

  /** See {@link FsyncPolicy#GROUP_COMMIT}. */
  record GroupCommit() implements FsyncPolicy {}

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
