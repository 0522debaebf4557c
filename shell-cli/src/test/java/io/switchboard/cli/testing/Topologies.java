package io.switchboard.cli.testing;

import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyView;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/** Topologies built from the API records, as the control plane would report them. */
public final class Topologies {

  /** When every node of {@link #fourDataCentres()} entered its health. */
  public static final Instant HEALTH_SINCE = Instant.parse("2025-03-01T09:30:15Z");

  /** The node of {@link #fourDataCentres()} that is down. */
  public static final String DOWN_NODE = "eu-2";

  private Topologies() {}

  /** The node of {@link #shardMapNodes()} that is down: {@link ShardMaps#UNREACHABLE_NODE}. */
  public static final String SHARD_MAP_DOWN_NODE = ShardMaps.UNREACHABLE_NODE;

  private static final Instant OBSERVED = Instant.parse("2025-03-01T10:00:00Z");

  /**
   * Four data centres with three nodes each (node 1 gateway and store, nodes 2 and 3 store only);
   * all up except {@value #DOWN_NODE}.
   */
  public static TopologyView fourDataCentres() {
    return new TopologyView(
        List.of(
            dataCenter("americas", "Americas", "US", 0, "am", DOWN_NODE),
            dataCenter("europe", "Europe", "EU", 256, "eu", DOWN_NODE),
            dataCenter("asia", "Asia", "APAC", 512, "as", DOWN_NODE),
            dataCenter("middle-east", "Middle East", "ME", 768, "me", DOWN_NODE)),
        OBSERVED);
  }

  /**
   * Like {@link #fourDataCentres()}, with the node ids of {@link ShardMaps} ({@code americas-1..3},
   * {@code europe-1..3}, {@code asia-1..3}, {@code middle-east-1..3}); all up except {@value
   * #SHARD_MAP_DOWN_NODE}.
   */
  public static TopologyView shardMapNodes() {
    return new TopologyView(
        List.of(
            dataCenter("americas", "Americas", "US", 0, "americas", SHARD_MAP_DOWN_NODE),
            dataCenter("europe", "Europe", "EU", 256, "europe", SHARD_MAP_DOWN_NODE),
            dataCenter("asia", "Asia", "APAC", 512, "asia", SHARD_MAP_DOWN_NODE),
            dataCenter(
                "middle-east", "Middle East", "ME", 768, "middle-east", SHARD_MAP_DOWN_NODE)),
        OBSERVED);
  }

  private static DataCenterView dataCenter(
      String id, String name, String region, int firstShard, String nodePrefix, String downNode) {
    int base = firstShard / 256 * 10;
    List<NodeView> nodes =
        IntStream.rangeClosed(1, 3)
            .mapToObj(number -> node(id, nodePrefix + "-" + number, base + number, downNode))
            .toList();
    return new DataCenterView(id, name, region, firstShard, firstShard + 255, nodes);
  }

  private static NodeView node(String dc, String id, int portSuffix, String downNode) {
    boolean gateway = id.endsWith("-1");
    boolean down = id.equals(downNode);
    return new NodeView(
        id,
        dc,
        gateway ? Set.of(NodeRole.GATEWAY, NodeRole.STORE) : Set.of(NodeRole.STORE),
        gateway ? "127.0.0.1:70" + String.format("%02d", portSuffix) : null,
        "127.0.0.1:90" + String.format("%02d", portSuffix),
        down ? NodeHealth.DOWN : NodeHealth.UP,
        HEALTH_SINCE,
        down ? "connection refused" : null);
  }
}
