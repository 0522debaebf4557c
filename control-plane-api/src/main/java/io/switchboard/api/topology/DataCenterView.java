package io.switchboard.api.topology;

import java.util.List;

/**
 * A data centre and its nodes.
 *
 * @param id short stable id (for example {@code europe})
 * @param name display name (for example {@code Europe})
 * @param region residency region the DC belongs to (for example {@code EU})
 * @param firstShard first shard homed in this DC (inclusive)
 * @param lastShard last shard homed in this DC (inclusive)
 * @param nodes the DC's nodes, ordered by id
 */
public record DataCenterView(
    String id, String name, String region, int firstShard, int lastShard, List<NodeView> nodes) {

  public long healthyNodes() {
    return nodes.stream().filter(n -> n.health() == NodeHealth.UP).count();
  }
}
