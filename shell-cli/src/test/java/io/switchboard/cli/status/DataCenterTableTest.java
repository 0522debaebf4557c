package io.switchboard.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import io.switchboard.cli.status.DataCenterSummary.Health;
import io.switchboard.cli.testing.Topologies;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataCenterTableTest {

  @Test
  void oneRowPerDataCentreWithShardRangeNodesUpAndHealth() {
    List<DataCenterSummary> dataCenters =
        Topologies.fourDataCentres().dataCenters().stream().map(DataCenterSummary::of).toList();

    assertThat(DataCenterTable.render(dataCenters))
        .isEqualTo(
            """
            DC           NAME         REGION  SHARDS    NODES UP  HEALTH
            americas     Americas     US      0-255     3/3       UP
            europe       Europe       EU      256-511   2/3       DEGRADED
            asia         Asia         APAC    512-767   3/3       UP
            middle-east  Middle East  ME      768-1023  3/3       UP""");
  }

  @Test
  void healthComesFromTheNodes() {
    assertThat(Health.of(List.of())).isEqualTo(Health.EMPTY);
    assertThat(Health.of(List.of(node(NodeHealth.UP), node(NodeHealth.UP)))).isEqualTo(Health.UP);
    assertThat(Health.of(List.of(node(NodeHealth.UP), node(NodeHealth.DOWN))))
        .isEqualTo(Health.DEGRADED);
    assertThat(Health.of(List.of(node(NodeHealth.DOWN), node(NodeHealth.UNKNOWN))))
        .isEqualTo(Health.DOWN);
    assertThat(Health.of(List.of(node(NodeHealth.UP), node(NodeHealth.UNKNOWN))))
        .isEqualTo(Health.UNKNOWN);
  }

  @Test
  void aDataCentreWithoutNodesAndNoDataCentres() {
    DataCenterSummary empty =
        DataCenterSummary.of(new DataCenterView("mars", null, "SOL", 0, 9, List.of()));

    assertThat(DataCenterTable.render(List.of(empty)).lines())
        .last()
        .isEqualTo("mars  -     SOL     0-9     0/0       EMPTY");
    assertThat(DataCenterTable.render(List.of())).isEqualTo("No data centres.");
  }

  private static NodeView node(NodeHealth health) {
    return new NodeView("n", "dc", Set.of(NodeRole.STORE), null, "h:1", health, null, null);
  }
}
