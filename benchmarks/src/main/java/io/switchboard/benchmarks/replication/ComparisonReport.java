package io.switchboard.benchmarks.replication;

import io.switchboard.benchmarks.load.Measurement;
import io.switchboard.benchmarks.load.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table that ends a {@link QuorumVsKafka} run: both systems' throughput and latency
 * percentiles, the ratios Switchboard/Kafka, and whether the target holds (at least Kafka's
 * throughput at an equal or lower p99). Pure: a function of the two measurements.
 *
 * @param setup one line saying what load both systems ran
 * @param switchboard Switchboard's figures
 * @param kafka Kafka's figures
 */
record ComparisonReport(String setup, Measurement switchboard, Measurement kafka) {

  /** The percentiles in the table, before the maximum. */
  static final double[] PERCENTILES = {50, 99, 99.9};

  static final int LABEL_WIDTH = 44;

  /** Switchboard's throughput divided by Kafka's; NaN when Kafka acknowledged nothing. */
  double throughputRatio() {
    return ratio(switchboard.throughputPerSecond(), kafka.throughputPerSecond());
  }

  /** Switchboard's latency at {@code percentile} divided by Kafka's; NaN when Kafka's is 0. */
  double latencyRatio(double percentile) {
    return ratio(switchboard.latencyMillis(percentile), kafka.latencyMillis(percentile));
  }

  /**
   * Whether Switchboard reached at least Kafka's throughput at an equal or lower p99; false when
   * either system acknowledged nothing.
   */
  boolean targetMet() {
    return switchboard.acknowledged() > 0
        && kafka.acknowledged() > 0
        && switchboard.throughputPerSecond() >= kafka.throughputPerSecond()
        && switchboard.latencyMillis(99) <= kafka.latencyMillis(99);
  }

  /** The report, ending with a line break. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    text.append("==== quorum replication vs Apache Kafka ====\n");
    text.append(setup).append('\n');
    text.append("switchboard: ").append(switchboard.system()).append('\n');
    text.append("kafka:       ").append(kafka.system()).append('\n');
    List<String> header = new ArrayList<>(List.of("system", "sends/s"));
    for (double percentile : PERCENTILES) {
      header.add("p" + Report.percentileName(percentile) + " ms");
    }
    header.addAll(List.of("max ms", "acknowledged", "failed"));
    text.append(row(header));
    text.append(row(cells("Switchboard", switchboard)));
    text.append(row(cells("Kafka", kafka)));
    Report ratios =
        new Report(LABEL_WIDTH)
            .line("throughput ratio (Switchboard/Kafka)", "%s", times(throughputRatio()));
    for (double percentile : PERCENTILES) {
      ratios.line(
          "p" + Report.percentileName(percentile) + " ratio (Switchboard/Kafka)",
          "%s",
          times(latencyRatio(percentile)));
    }
    ratios.line("target (>= Kafka's sends/s at <= its p99)", "%s", targetMet() ? "met" : "missed");
    return text.append(ratios).toString();
  }

  private static List<String> cells(String name, Measurement measurement) {
    List<String> cells =
        new ArrayList<>(List.of(name, format("%,.0f", measurement.throughputPerSecond())));
    for (double percentile : PERCENTILES) {
      cells.add(format("%.3f", measurement.latencyMillis(percentile)));
    }
    cells.add(format("%.3f", measurement.maxLatencyMillis()));
    cells.add(format("%,d", measurement.acknowledged()));
    cells.add(format("%,d", measurement.failed()));
    return cells;
  }

  /** The first cell left-aligned in 12 characters, the others right-aligned in 13. */
  private static String row(List<String> cells) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s", cells.get(0)));
    for (String cell : cells.subList(1, cells.size())) {
      line.append(String.format(Locale.ROOT, "%13s", cell));
    }
    return line.append('\n').toString();
  }

  private static String times(double ratio) {
    return Double.isNaN(ratio) ? "n/a (Kafka measured 0)" : format("%.2fx", ratio);
  }

  private static double ratio(double numerator, double denominator) {
    return denominator == 0 ? Double.NaN : numerator / denominator;
  }

  private static String format(String format, Object... values) {
    return String.format(Locale.ROOT, format, values);
  }
}
