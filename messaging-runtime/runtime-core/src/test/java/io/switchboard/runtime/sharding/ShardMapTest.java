package io.switchboard.runtime.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.sharding.ShardMap.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardMapTest {

  private static final Map<String, List<String>> NODES =
      Map.of(
          "americas", List.of("americas-1", "americas-2", "americas-3"),
          "europe", List.of("europe-1", "europe-2", "europe-3"),
          "asia", List.of("asia-1", "asia-2", "asia-3"),
          "middle-east", List.of("middle-east-1", "middle-east-2", "middle-east-3"));

  private final ShardMap map = SingleCopyPlacement.place(HomeDataCenters.defaults(), NODES);

  @Test
  void initialPlacementKeepsEveryShardInItsHomeDcAndBalancesNodes() {
    assertThat(map.version()).isEqualTo(1);
    HomeDataCenters homes = HomeDataCenters.defaults();
    int[] led = new int[12];
    List<String> allNodes = new ArrayList<>();
    NODES.values().forEach(allNodes::addAll);
    for (ReplicaSet set : map.replicaSets()) {
      assertThat(set.epoch()).isEqualTo(1);
      assertThat(set.primary()).startsWith(homes.homeOf(set.shard()) + "-");
      led[allNodes.indexOf(set.primary())]++;
    }
    for (int count : led) {
      assertThat(count).isBetween(85, 86);
    }
  }

  @Test
  void routesLocallyOnThePrimaryAndRedirectsElsewhereWithTheMapVersion() {
    String primary = map.replicaSet(300).primary();

    assertThat(map.route(300, primary)).isEqualTo(new Route.Local(300, 1));
    assertThat(map.route(300, "asia-1")).isEqualTo(new Route.Redirect(300, primary, 1));
  }

  @Test
  void aChangeYieldsANewerMapAndLeavesTheOldOneUntouched() {
    ReplicaSet moved = new ReplicaSet(300, 2, "europe-2", List.of());

    ShardMap next = map.with(moved);

    assertThat(next.version()).isEqualTo(2);
    assertThat(next.replicaSet(300)).isEqualTo(moved);
    assertThat(map.replicaSet(300).epoch()).isEqualTo(1);
    assertThat(next.replicaSet(301)).isEqualTo(map.replicaSet(301));
  }

  @Test
  void epochsNeverGoBackwards() {
    ShardMap promoted = map.with(new ReplicaSet(5, 3, "americas-1", List.of()));

    assertThatThrownBy(() -> promoted.with(new ReplicaSet(5, 2, "americas-2", List.of())))
        .hasMessageContaining("epoch 2 is older than the current epoch 3");
  }

  @Test
  void incompleteOrDuplicateAssignmentsAreRejected() {
    List<ReplicaSet> sets = new ArrayList<>(map.replicaSets());
    sets.remove(7);
    assertThatThrownBy(() -> new ShardMap(1, sets)).hasMessageContaining("Shard 7 has no replica");
    sets.add(map.replicaSet(8));
    assertThatThrownBy(() -> new ShardMap(1, sets)).hasMessageContaining("assigned twice");
  }

  @Test
  void replicaSetsRejectRepeatedNodesAndCountEveryReplica() {
    assertThatThrownBy(() -> new ReplicaSet(1, 1, "a", List.of("a")))
        .hasMessageContaining("distinct");
    ReplicaSet set = new ReplicaSet(1, 4, "a", List.of("b", "c"));
    assertThat(set.hasReplicaOn("c")).isTrue();
    assertThat(set.hasReplicaOn("d")).isFalse();
  }

  @Test
  void aDataCentreWithoutNodesCannotHomeShards() {
    assertThatThrownBy(
            () ->
                SingleCopyPlacement.place(
                    HomeDataCenters.defaults(), Map.of("americas", List.of("a"))))
        .hasMessageContaining("has no nodes");
  }
}
