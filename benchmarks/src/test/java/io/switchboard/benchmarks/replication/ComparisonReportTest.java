package io.switchboard.benchmarks.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.benchmarks.load.Measurement;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {

  @Test
  void dividesSwitchboardsFiguresByKafkasAndPrintsBothRowsAndTheRatios() {
    // 20 000 sends in 10 s against 10 000 in 10 s; every Switchboard latency 2 ms, Kafka's 4 ms.
    Measurement switchboard = measurement("Switchboard", 20_000, 2_000_000);
    Measurement kafka = measurement("Kafka", 10_000, 4_000_000);

    ComparisonReport report = new ComparisonReport("load", switchboard, kafka);

    assertThat(report.throughputRatio()).isEqualTo(2.0);
    assertThat(report.latencyRatio(99)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(report.targetMet()).isTrue();
    assertThat(report.toString())
        .contains("load\n")
        .contains("switchboard: Switchboard\n")
        .contains("kafka:       Kafka\n")
        .containsPattern(
            "Switchboard +2,000 +2\\.00\\d +2\\.00\\d +2\\.00\\d +2\\.00\\d +20,000 +0\n")
        .containsPattern("Kafka +1,000 +4\\.00\\d +4\\.00\\d +4\\.00\\d +4\\.00\\d +10,000 +0\n")
        .contains("throughput ratio (Switchboard/Kafka)        2.00x\n")
        .contains("p50 ratio (Switchboard/Kafka)               0.50x\n")
        .contains("p99 ratio (Switchboard/Kafka)               0.50x\n")
        .contains("p99.9 ratio (Switchboard/Kafka)             0.50x\n")
        .contains("target (>= Kafka's sends/s at <= its p99)   met\n");
  }

  @Test
  void theTargetIsMissedWithLessThroughputOrAHigherP99() {
    Measurement kafka = measurement("Kafka", 10_000, 4_000_000);

    assertThat(new ComparisonReport("", measurement("S", 9_999, 1_000_000), kafka).targetMet())
        .isFalse();
    assertThat(new ComparisonReport("", measurement("S", 50_000, 5_000_000), kafka).targetMet())
        .isFalse();
    assertThat(new ComparisonReport("", measurement("S", 10_000, 4_000_000), kafka).targetMet())
        .isTrue();
  }

  @Test
  void aKafkaRunWithoutAcknowledgementsHasNoRatios() {
    Measurement kafka = measurement("Kafka", 0, 0);

    ComparisonReport report =
        new ComparisonReport("", measurement("Switchboard", 100, 1_000_000), kafka);

    assertThat(report.throughputRatio()).isNaN();
    assertThat(report.targetMet()).isFalse();
    assertThat(report.toString())
        .contains("throughput ratio (Switchboard/Kafka)        n/a (Kafka measured 0)")
        .contains("target (>= Kafka's sends/s at <= its p99)   missed");
  }

  /** {@code acknowledged} sends over 10 s, each with the latency {@code nanos}. */
  private static Measurement measurement(String system, long acknowledged, long nanos) {
    Histogram histogram = new Histogram(3);
    if (acknowledged > 0) {
      histogram.recordValueWithCount(nanos, acknowledged);
    }
    return new Measurement(system, Duration.ofSeconds(10), acknowledged, 0, histogram);
  }
}
