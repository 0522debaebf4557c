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

  /**
   * Four data centres with three nodes each (node 1 gateway and store, nodes 2 and 3 store only);
   * all up except {@value #DOWN_NODE}.
   */
  public static TopologyView fourDataCentres() {
    return new TopologyView(
        List.of(
            dataCenter("americas", "Americas", "US", 0, "am"),
            dataCenter("europe", "Europe", "EU", 256, "eu"),
            dataCenter("asia", "Asia", "APAC", 512, "as"),
            dataCenter("middle-east", "Middle East", "ME", 768, "me")),
        Instant.parse("2025-03-01T10:00:00Z"));
  }

  private static DataCenterView dataCenter(
      String id, String name, String region, int firstShard, String nodePrefix) {
    int base = firstShard / 256 * 10;
    List<NodeView> nodes =
        IntStream.rangeClosed(1, 3)
            .mapToObj(number -> node(id, nodePrefix + "-" + number, base + number))
            .toList();
    return new DataCenterView(id, name, region, firstShard, firstShard + 255, nodes);
  }

  private static NodeView node(String dc, String id, int portSuffix) {
    boolean gateway = id.endsWith("-1");
    boolean down = id.equals(DOWN_NODE);
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
