package io.switchboard.benchmarks.gateway;

import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured. Only pings sent after the warm-up count.
 *
 * @param connections connections that pinged concurrently
 * @param measured from the end of the warm-up until the last connection stopped: the configured
 *     duration plus at most the longest round trip in flight at its end
 * @param requests pings sent in the measured phase and answered, counted one by one
 * @param roundTripNanos their round trips in nanoseconds; owned by this result, not to be modified
 */
record PingLoadResult(int connections, Duration measured, long requests, Histogram roundTripNanos) {

  /** The percentiles the report lists, in order. */
  static final double[] REPORTED_PERCENTILES = {50, 90, 99, 99.9};

  /** Answered pings per second of the measured phase. */
  double throughputPerSecond() {
    return requests / (measured.toNanos() / (double) Duration.ofSeconds(1).toNanos());
  }

  /**
   * The round trip that {@code percentile} percent of the pings did not exceed, in microseconds, to
   * the histogram's precision of three significant digits.
   */
  double latencyMicros(double percentile) {
    return nanosToMicros(roundTripNanos.getValueAtPercentile(percentile));
  }

  /** The longest round trip, in microseconds. */
  double maxLatencyMicros() {
    return nanosToMicros(roundTripNanos.getMaxValue());
  }

  /** The human-readable report, one fact per line, ending with a line break. */
  String report() {
    StringBuilder report = new StringBuilder();
    report.append(line("connections", "%d", connections));
    report.append(line("duration", "%.3f s measured", measured.toNanos() / 1e9));
    report.append(line("requests", "%d", requests));
    report.append(line("throughput", "%.0f requests/s", throughputPerSecond()));
    report.append("latency (round trip, microseconds):\n");
    for (double percentile : REPORTED_PERCENTILES) {
      report.append(line("  p" + formatPercentile(percentile), "%.1f", latencyMicros(percentile)));
    }
    report.append(line("  max", "%.1f", maxLatencyMicros()));
    return report.toString();
  }

  private static String line(String label, String valueFormat, Object value) {
    return String.format(Locale.ROOT, "%-14s" + valueFormat + "%n", label, value);
  }

  private static String formatPercentile(double percentile) {
    return percentile == Math.rint(percentile)
        ? Long.toString((long) percentile)
        : Double.toString(percentile);
  }

  private static double nanosToMicros(long nanos) {
    return nanos / 1_000.0;
  }
}
