package io.switchboard.benchmarks.gateway;

import io.switchboard.benchmarks.load.Report;
import java.time.Duration;
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
    return new Report(14)
        .line("connections", "%d", connections)
        .line("duration", "%.3f s measured", measured.toNanos() / 1e9)
        .line("requests", "%d", requests)
        .line("throughput", "%.0f requests/s", throughputPerSecond())
        .heading("latency (round trip, microseconds):")
        .percentiles(roundTripNanos, 1_000.0, "%.1f")
        .toString();
  }

  private static double nanosToMicros(long nanos) {
    return nanos / 1_000.0;
  }
}
