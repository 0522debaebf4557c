package io.switchboard.benchmarks.load;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Builds the human-readable report of a benchmark: one fact per line, a label padded to a fixed
 * width, then the value; numbers in {@link Locale#ROOT}. Not thread-safe.
 */
public final class Report {

  /** The percentiles {@link #percentiles} lists, in order, before the maximum. */
  public static final double[] PERCENTILES = {50, 90, 99, 99.9};

  private final StringBuilder text = new StringBuilder();
  private final int labelWidth;

  /**
   * @param labelWidth the width labels are padded to; longer labels get one space after them
   */
  public Report(int labelWidth) {
    this.labelWidth = labelWidth;
  }

  /** Appends {@code label} and the value {@code format} makes of {@code values}. */
  public Report line(String label, String format, Object... values) {
    String padded =
        label.length() < labelWidth ? label + " ".repeat(labelWidth - label.length()) : label + " ";
    text.append(padded).append(String.format(Locale.ROOT, format, values)).append('\n');
    return this;
  }

  /** Appends a line of its own, such as a heading. */
  public Report heading(String line) {
    text.append(line).append('\n');
    return this;
  }

  /**
   * Appends one line per percentile of {@link #PERCENTILES} ({@code " p50"}, ...) and the maximum
   * ({@code " max"}), each value of {@code histogram} divided by {@code unit} and formatted with
   * {@code format}.
   */
  public Report percentiles(Histogram histogram, double unit, String format) {
    for (double percentile : PERCENTILES) {
      line(
          "  p" + percentileName(percentile),
          format,
          histogram.getValueAtPercentile(percentile) / unit);
    }
    return line("  max", format, histogram.getMaxValue() / unit);
  }

  /** {@code 50} for 50, {@code 99.9} for 99.9. */
  public static String percentileName(double percentile) {
    return percentile == Math.rint(percentile)
        ? Long.toString((long) percentile)
        : Double.toString(percentile);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
