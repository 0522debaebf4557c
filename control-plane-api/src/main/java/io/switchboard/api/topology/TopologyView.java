package io.switchboard.api.topology;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole cluster topology at one instant.
 *
 * @param dataCenters every DC, in configuration order
 * @param observedAt when this view was assembled
 */
public record TopologyView(List<DataCenterView> dataCenters, Instant observedAt) {

  public Stream<NodeView> nodes() {
    return dataCenters.stream().flatMap(dc -> dc.nodes().stream());
  }
}
