package io.switchboard.api.topology;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole cluster topology at one instant.
 *
 * @param dataCenters every DC, in configuration order
 * @param observedAt when this view was assembled
 * @param placementNotes what the shard placement could not give, one plain sentence each (for
 *     example "256 shards without a cross-DC replica: residency EU"); empty when every shard has
 *     every replica it should
 */
public record TopologyView(
    List<DataCenterView> dataCenters, Instant observedAt, List<String> placementNotes) {

  public TopologyView {
    placementNotes = placementNotes == null ? List.of() : List.copyOf(placementNotes);
  }

  /** A view with nothing to say about placement. */
  public TopologyView(List<DataCenterView> dataCenters, Instant observedAt) {
    this(dataCenters, observedAt, List.of());
  }

  public Stream<NodeView> nodes() {
    return dataCenters.stream().flatMap(dc -> dc.nodes().stream());
  }
}
