package io.switchboard.runtime.node.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.sharding.BalancedPlacement;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ShardMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardMapSnapshotsTest {

  @Test
  void aReplicatedMapCrossesThePeerProtocolUnchanged() {
    Map<String, List<String>> nodesByDc = new LinkedHashMap<>();
    for (String dc : List.of("americas", "europe", "asia", "middle-east")) {
      nodesByDc.put(dc, List.of(dc + "-1", dc + "-2", dc + "-3"));
    }
    ShardMap map = BalancedPlacement.defaults().place(HomeDataCenters.defaults(), nodesByDc).map();

    ShardMap copy = ShardMapSnapshots.fromSnapshot(ShardMapSnapshots.toSnapshot(map));

    assertThat(copy.version()).isEqualTo(map.version());
    assertThat(copy.replicaSets()).isEqualTo(map.replicaSets());
    assertThat(copy.replicaSets())
        .as("cross-DC replicas survive the trip")
        .anySatisfy(set -> assertThat(set.asyncReplicas()).isNotEmpty());
  }
}
