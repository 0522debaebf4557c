package io.switchboard.benchmarks.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prints one progress line per call: the time since the run began, the phase the interval since the
 * previous line began in, the operations completed so far (warm-up included) and the rate over that
 * interval. Operations are named by a plural noun ({@code requests}, {@code sends}, ...).
 *
 * <p>Not thread-safe: called by the one thread that supervises a run.
 */
public final class ProgressMeter {

  private final LoadSchedule schedule;
  private final LongAdder completed;
  private final PrintStream out;
  private final String unit;
  private long previousNanos;
  private long previousCount;

  /** A meter of {@code requests}. */
  public ProgressMeter(LoadSchedule schedule, LongAdder completed, PrintStream out) {
    this(schedule, completed, out, "requests");
  }

  /**
   * @param completed counts the completed operations; only read
   * @param unit the operations' plural noun, e.g. {@code sends}
   */
  public ProgressMeter(LoadSchedule schedule, LongAdder completed, PrintStream out, String unit) {
    this.schedule = schedule;
    this.completed = completed;
    this.out = out;
    this.unit = unit;
    this.previousNanos = schedule.startNanos();
  }

  /** Prints the line for the moment {@code nanos}, which must be later than the previous one. */
  public void report(long nanos) {
    report(nanos, "");
  }

  /**
   * Prints the line for the moment {@code nanos}, which must be later than the previous one, ending
   * in {@code detail} (e.g. the interval's latencies; empty for none).
   */
  public void report(long nanos, String detail) {
    long count = completed.sum();
    double seconds = (nanos - previousNanos) / (double) Duration.ofSeconds(1).toNanos();
    double rate = (count - previousCount) / seconds;
    out.printf(
        Locale.ROOT,
        "[%6.1f s] %-9s %,12d %s so far %,10.0f %s/s%s%n",
        schedule.elapsed(nanos).toMillis() / 1_000.0,
        schedule.isMeasured(previousNanos) ? "measuring" : "warm-up",
        count,
        unit,
        rate,
        unit,
        detail.isEmpty() ? "" : "  " + detail);
    previousNanos = nanos;
    previousCount = count;
  }
}
