package io.switchboard.runtime.sharding;

import java.util.Objects;

/**
 * The outcome of a {@link ReplicaPlacement}.
 *
 * @param map the shard map, version 1
 * @param report what the map falls short of, empty if nothing
 */
public record Placement(ShardMap map, PlacementReport report) {

  public Placement {
    Objects.requireNonNull(map, "map");
    Objects.requireNonNull(report, "report");
  }
}
