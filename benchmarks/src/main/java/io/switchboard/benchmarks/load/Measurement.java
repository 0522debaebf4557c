package io.switchboard.benchmarks.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * What one closed- or open-loop run of any load generator measured, in a form other benchmarks can
 * compare: acknowledged operations over the measured time and their latency histogram.
 *
 * @param system what was measured, one line, e.g. {@code Switchboard, quorum replication}
 * @param measured from the end of the warm-up until the last measured operation was acknowledged
 * @param acknowledged measured operations acknowledged
 * @param failed operations that failed, warm-up included
 * @param latencyNanos latencies of the acknowledged measured operations, in nanoseconds
 */
public record Measurement(
    String system, Duration measured, long acknowledged, long failed, Histogram latencyNanos) {

  public Measurement {
    if (measured.isNegative() || measured.isZero()) {
      throw new IllegalArgumentException("measured time must be positive: " + measured);
    }
    if (acknowledged < 0 || failed < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** Acknowledged operations per second of the measured time. */
  public double throughputPerSecond() {
    return acknowledged / (measured.toNanos() / 1e9);
  }

  /** Latency at {@code percentile}, in milliseconds; 0 without acknowledged operations. */
  public double latencyMillis(double percentile) {
    return latencyNanos.getValueAtPercentile(percentile) / 1e6;
  }

  /** The largest latency, in milliseconds. */
  public double maxLatencyMillis() {
    return latencyNanos.getMaxValue() / 1e6;
  }
}
