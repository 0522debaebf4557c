package io.switchboard.runtime.sharding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which data centre homes each shard. Built from DC id to shard range; the ranges must cover all
 * {@link Shards#COUNT} shards exactly once, so every shard has exactly one home.
 */
public final class HomeDataCenters {

  private final Map<String, ShardRange> ranges;
  private final String[] homeOfShard = new String[Shards.COUNT];

  /**
   * @param ranges data centre id to the shards it homes, in display order
   * @throws IllegalArgumentException if ranges overlap or leave a shard without a home
   */
  public HomeDataCenters(Map<String, ShardRange> ranges) {
    this.ranges = Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
    ranges.forEach(
        (dc, range) -> {
          for (int shard = range.first(); shard <= range.last(); shard++) {
            if (homeOfShard[shard] != null) {
              throw new IllegalArgumentException(
                  "Shard " + shard + " is homed in both " + homeOfShard[shard] + " and " + dc);
            }
            homeOfShard[shard] = dc;
          }
        });
    for (int shard = 0; shard < Shards.COUNT; shard++) {
      if (homeOfShard[shard] == null) {
        throw new IllegalArgumentException("Shard " + shard + " has no home data centre");
      }
    }
  }

  /** The default four-DC layout of the design document. */
  public static HomeDataCenters defaults() {
    Map<String, ShardRange> ranges = new LinkedHashMap<>();
    ranges.put("americas", new ShardRange(0, 255));
    ranges.put("europe", new ShardRange(256, 511));
    ranges.put("asia", new ShardRange(512, 767));
    ranges.put("middle-east", new ShardRange(768, 1023));
    return new HomeDataCenters(ranges);
  }

  /** The data centre that homes a shard. */
  public String homeOf(int shard) {
    return homeOfShard[Shards.requireValid(shard)];
  }

  /** The shards a data centre homes, if it is known. */
  public Optional<ShardRange> rangeOf(String dc) {
    return Optional.ofNullable(ranges.get(dc));
  }

  /** Every data centre with its range, in the order given. */
  public Map<String, ShardRange> ranges() {
    return ranges;
  }
}
