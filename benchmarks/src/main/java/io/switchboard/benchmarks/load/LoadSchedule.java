package io.switchboard.benchmarks.load;

import java.time.Duration;

/**
 * The phases of one load run on the monotonic {@link System#nanoTime()} clock: warm-up from {@link
 * #startNanos} to {@link #measureFromNanos}, then measurement until {@link #endNanos}. Times are
 * compared by difference, as {@code nanoTime} values must be.
 *
 * @param startNanos when the run began
 * @param measureFromNanos when warm-up ends and measurement begins
 * @param endNanos when measurement ends: no request is sent from then on
 */
public record LoadSchedule(long startNanos, long measureFromNanos, long endNanos) {

  /** A schedule beginning now: {@code warmup}, then {@code duration} of measurement. */
  public static LoadSchedule startingNow(Duration warmup, Duration duration) {
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    return new LoadSchedule(start, measureFrom, measureFrom + duration.toNanos());
  }

  /** Whether a request sent at {@code nanos} counts in the results (it is after the warm-up). */
  public boolean isMeasured(long nanos) {
    return nanos - measureFromNanos >= 0;
  }

  /** Whether the run is over at {@code nanos}: no request may be sent any more. */
  public boolean isOver(long nanos) {
    return nanos - endNanos >= 0;
  }

  /** Time since the run began at {@code nanos}. */
  public Duration elapsed(long nanos) {
    return Duration.ofNanos(nanos - startNanos);
  }

  /** Time since measurement began at {@code nanos}, zero during the warm-up. */
  public Duration measuredUntil(long nanos) {
    return isMeasured(nanos) ? Duration.ofNanos(nanos - measureFromNanos) : Duration.ZERO;
  }
}
