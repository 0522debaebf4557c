package io.switchboard.benchmarks.gateway;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prints one progress line per call: the time since the run began, the phase the interval since the
 * previous line began in, the pings completed so far (warm-up included) and the rate over that
 * interval.
 *
 * <p>Not thread-safe: called by the one thread that supervises a run.
 */
final class ProgressMeter {

  private final LoadSchedule schedule;
  private final LongAdder completed;
  private final PrintStream out;
  private long previousNanos;
  private long previousCount;

  ProgressMeter(LoadSchedule schedule, LongAdder completed, PrintStream out) {
    this.schedule = schedule;
    this.completed = completed;
    this.out = out;
    this.previousNanos = schedule.startNanos();
  }

  /** Prints the line for the moment {@code nanos}, which must be later than the previous one. */
  void report(long nanos) {
    long count = completed.sum();
    double seconds = (nanos - previousNanos) / (double) Duration.ofSeconds(1).toNanos();
    double rate = (count - previousCount) / seconds;
    out.printf(
        Locale.ROOT,
        "[%6.1f s] %-9s %,12d requests so far %,10.0f requests/s%n",
        schedule.elapsed(nanos).toMillis() / 1_000.0,
        schedule.isMeasured(previousNanos) ? "measuring" : "warm-up",
        count,
        rate);
    previousNanos = nanos;
    previousCount = count;
  }
}
