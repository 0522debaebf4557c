package io.switchboard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void padsLabelsAndListsThePercentilesAndTheMaximum() {
    Histogram histogram = new Histogram(3);
    for (int value = 1; value <= 1_000; value++) {
      histogram.recordValue(value * 1_000L);
    }

    String report =
        new Report(8)
            .line("count", "%,d", 1_000)
            .line("a long label", "%s", "x")
            .heading("latency:")
            .percentiles(histogram, 1_000.0, "%.0f")
            .toString();

    assertThat(report.lines())
        .containsExactly(
            "count   1,000",
            "a long label x",
            "latency:",
            "  p50   500",
            "  p90   900",
            "  p99   990",
            "  p99.9 999",
            "  max   1000");
  }
}
