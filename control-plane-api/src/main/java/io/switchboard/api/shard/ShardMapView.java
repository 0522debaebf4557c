package io.switchboard.api.shard;

import java.util.List;

/**
 * The newest shard map.
 *
 * @param version its version
 * @param shards every shard, by shard number
 * @param drift where observed differs from desired, for people (e.g. "americas-2 serves map version
 *     11, not 12"); empty when every running node serves this map
 */
public record ShardMapView(long version, List<ShardSummary> shards, List<String> drift) {

  /**
   * One shard in the map.
   *
   * @param homeDc the data centre its primary and followers live in
   * @param epoch its leadership epoch
   */
  public record ShardSummary(
      int shard,
      String homeDc,
      String primary,
      long epoch,
      List<String> followers,
      List<String> asyncReplicas) {}
}
