package io.switchboard.runtime.node.admin;

import io.prometheus.metrics.core.datapoints.DataPoint;
import io.switchboard.runtime.sharding.Shards;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The series of one metric labelled by shard, each looked up once: a commit's observation then
 * costs an array read instead of formatting the shard number and a label lookup in the metric's
 * map. A series is created on its shard's first observation, so shards that never commit here
 * export nothing.
 *
 * <p>Thread-safe. Two threads observing a shard's first commit together may both look the series
 * up; the metric returns the same series for the same labels, so either result is right.
 */
final class ShardSeries<T extends DataPoint> {

  private final AtomicReferenceArray<T> byShard = new AtomicReferenceArray<>(Shards.COUNT);
  private final IntFunction<T> lookup;

  /**
   * @param lookup the metric's series for a shard, e.g. {@code shard ->
   *     histogram.labelValues(Integer.toString(shard))}
   */
  ShardSeries(IntFunction<T> lookup) {
    this.lookup = lookup;
  }

  /**
   * The series of {@code shard}.
   *
   * @throws IndexOutOfBoundsException when {@code shard} is not in [0, {@link Shards#COUNT})
   */
  T of(int shard) {
    T series = byShard.get(shard);
    if (series == null) {
      series = lookup.apply(shard);
      byShard.set(shard, series);
    }
    return series;
  }
}
