package io.switchboard.runtime.node.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.switchboard.runtime.sharding.Shards;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShardSeriesTest {

  private final Histogram histogram =
      Histogram.builder().name("test_latency_seconds").labelNames("shard").classicOnly().build();
  private final AtomicInteger lookups = new AtomicInteger();
  private final ShardSeries<DistributionDataPoint> series =
      new ShardSeries<>(
          shard -> {
            lookups.incrementAndGet();
            return histogram.labelValues(Integer.toString(shard));
          });

  @Test
  void observationsLandInTheirShardsSeriesLookedUpOncePerShard() {
    series.of(7).observe(0.002);
    series.of(7).observe(0.004);
    series.of(1023).observe(0.5);

    assertThat(lookups).hasValue(2);
    assertThat(countOf("7")).isEqualTo(2);
    assertThat(countOf("1023")).isEqualTo(1);
    assertThat(histogram.collect().getDataPoints()).hasSize(2);
  }

  @Test
  void aShardOutsideTheRangeIsRefused() {
    assertThatThrownBy(() -> series.of(Shards.COUNT)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> series.of(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(lookups).hasValue(0);
  }

  private long countOf(String shard) {
    return histogram.collect().getDataPoints().stream()
        .filter(point -> point.getLabels().equals(Labels.of("shard", shard)))
        .mapToLong(HistogramDataPointSnapshot::getCount)
        .sum();
  }
}
