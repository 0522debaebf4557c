package io.switchboard.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.cli.testing.Topologies;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopologyTableTest {

  private static final Instant OBSERVED = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void oneRowPerNodeThenTheSummary() {
    String table = TopologyTable.render(Topologies.fourDataCentres());

    assertThat(table.lines())
        .hasSize(1 + 12 + 2)
        .first()
        .isEqualTo(
            "DC           NODE  ROLES          HEALTH  GATEWAY         ADMIN           SINCE");
    assertThat(table.lines())
        .contains(
            "europe       eu-2  store          DOWN    -               127.0.0.1:9012  "
                + "2025-03-01T09:30:15Z",
            "middle-east  me-1  gateway,store  UP      127.0.0.1:7031  127.0.0.1:9031  "
                + "2025-03-01T09:30:15Z",
            "")
        .last()
        .isEqualTo("4 data centres, 12 nodes: 11 up, 1 down");
  }

  @Test
  void summaryCountsUnknownNodesOnlyWhenThereAreAny() {
    TopologyView topology =
        new TopologyView(
            List.of(
                new DataCenterView(
                    "europe",
                    "Europe",
                    "EU",
                    256,
                    511,
                    List.of(node("eu-1", NodeHealth.UP), node("eu-2", NodeHealth.UNKNOWN)))),
            OBSERVED);

    assertThat(TopologyTable.summary(topology))
        .isEqualTo("1 data centre, 2 nodes: 1 up, 0 down, 1 unknown");
  }

  @Test
  void placementNotesFollowTheSummaryOneLineEach() {
    TopologyView topology =
        new TopologyView(
            List.of(
                new DataCenterView(
                    "europe", "Europe", "EU", 256, 511, List.of(node("eu-1", NodeHealth.UP)))),
            OBSERVED,
            List.of("256 shards without a cross-DC replica: residency EU"));

    assertThat(TopologyTable.render(topology).lines().toList())
        .last()
        .isEqualTo("placement: 256 shards without a cross-DC replica: residency EU");
  }

  @Test
  void dataCentreWithoutNodesStillGetsARow() {
    TopologyView topology =
        new TopologyView(
            List.of(new DataCenterView("asia", "Asia", "APAC", 512, 767, List.of())), OBSERVED);

    assertThat(TopologyTable.render(topology).lines())
        .containsExactly(
            "DC    NODE  ROLES  HEALTH  GATEWAY  ADMIN  SINCE",
            "asia  -     -      -       -        -      -",
            "",
            "1 data centre, 0 nodes: 0 up, 0 down");
  }

  @Test
  void sinceIsShownToTheSecondInUtc() {
    NodeView node =
        new NodeView(
            "eu-1",
            "europe",
            Set.of(NodeRole.STORE),
            null,
            "127.0.0.1:9001",
            NodeHealth.UP,
            Instant.parse("2025-03-01T09:30:15.987654Z"),
            null);
    TopologyView topology =
        new TopologyView(
            List.of(new DataCenterView("europe", "Europe", "EU", 256, 511, List.of(node))),
            OBSERVED);

    assertThat(TopologyTable.render(topology)).contains(" 2025-03-01T09:30:15Z\n");
  }

  private static NodeView node(String id, NodeHealth health) {
    return new NodeView(
        id, "europe", Set.of(NodeRole.STORE), null, "127.0.0.1:9001", health, OBSERVED, null);
  }
}
