package io.switchboard.runtime.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BalancedPlacementTest {

  private static final HomeDataCenters HOMES = HomeDataCenters.defaults();
  private static final ShardRange EU = new ShardRange(256, 511);

  @Test
  void defaultTopologyGivesThreeHomeVotersAndOneAsyncReplicaElsewhereExceptToEuShards() {
    Map<String, List<String>> nodes = defaultNodes();

    Placement placement = BalancedPlacement.defaults().place(HOMES, nodes);

    assertThat(placement.map().version()).isEqualTo(1);
    Map<String, String> dcOf = dcOfNode(nodes);
    for (ReplicaSet set : placement.map().replicaSets()) {
      String home = HOMES.homeOf(set.shard());
      assertThat(set.epoch()).isEqualTo(1);
      assertThat(set.voters())
          .hasSize(3)
          .allSatisfy(node -> assertThat(dcOf.get(node)).isEqualTo(home));
      if (EU.contains(set.shard())) {
        assertThat(set.asyncReplicas()).isEmpty();
      } else {
        assertThat(set.asyncReplicas())
            .singleElement()
            .satisfies(node -> assertThat(dcOf.get(node)).isNotEqualTo(home));
      }
    }
    assertThat(placement.report().lines())
        .containsExactly("256 shards without a cross-DC replica: residency EU");
  }

  @Test
  void everyNodeLeadsAThirdOfItsDataCentresShards() {
    ShardMap map = BalancedPlacement.defaults().place(HOMES, defaultNodes()).map();

    Map<String, Integer> led = countPerNode(map, set -> List.of(set.primary()));
    assertThat(led).hasSize(12);
    assertThat(spread(led)).isLessThanOrEqualTo(1);
    assertThat(led.values()).allSatisfy(count -> assertThat(count).isBetween(85, 86));
  }

  @Test
  void asyncReplicasSpreadEvenlyOverEveryNodeOfTheOtherDataCentres() {
    ShardMap map = BalancedPlacement.defaults().place(HOMES, defaultNodes()).map();

    Map<String, Integer> held = countPerNode(map, ReplicaSet::asyncReplicas);

    // 768 replicas over 12 nodes: 64 each, give or take what greedy choice leaves at the end.
    assertThat(held).hasSize(12);
    assertThat(spread(held)).isLessThanOrEqualTo(2);
    assertThat(held.values()).allSatisfy(count -> assertThat(count).isBetween(63, 65));
  }

  @Test
  void aSecondEuDataCentreGivesEuShardsTheirCrossDcReplica() {
    Map<String, List<String>> nodes = defaultNodes();
    nodes.put("europe-2", nodes("europe-2", 3));
    ResidencyRules residency = ResidencyRules.defaults().withDataCenter("europe-2", "EU");

    Placement placement =
        new BalancedPlacement(residency, ReplicationFactor.defaults()).place(HOMES, nodes);

    Map<String, String> dcOf = dcOfNode(nodes);
    for (int shard = EU.first(); shard <= EU.last(); shard++) {
      assertThat(placement.map().replicaSet(shard).asyncReplicas())
          .singleElement()
          .satisfies(node -> assertThat(dcOf.get(node)).isEqualTo("europe-2"));
    }
    assertThat(placement.report().isComplete()).isTrue();
    assertThat(placement.report().lines()).isEmpty();
    Map<String, Integer> held = countPerNode(placement.map(), ReplicaSet::asyncReplicas);
    // europe-2 holds exactly the EU shards' copies; the other 768 spread as without it.
    assertThat(held).hasSize(15);
    held.forEach(
        (node, count) -> {
          if (dcOf.get(node).equals("europe-2")) {
            assertThat(count).isBetween(85, 86);
          } else {
            assertThat(count).isBetween(63, 65);
          }
        });
  }

  @Test
  void aDataCentreWithFewerNodesThanCopiesUsesWhatItHasAndSaysSo() {
    Map<String, List<String>> nodes = defaultNodes();
    nodes.put("asia", nodes("asia", 2));
    nodes.put("middle-east", nodes("middle-east", 1));

    Placement placement = BalancedPlacement.defaults().place(HOMES, nodes);

    assertThat(placement.map().replicaSet(600).voters()).hasSize(2);
    assertThat(placement.map().replicaSet(800).voters()).containsExactly("middle-east-1");
    Map<String, Integer> led = countPerNode(placement.map(), set -> List.of(set.primary()));
    assertThat(led).containsEntry("asia-1", 128).containsEntry("asia-2", 128);
    assertThat(placement.report().lines())
        .containsExactly(
            "256 shards with fewer than 3 in-DC replicas: DC asia has 2 nodes",
            "256 shards with fewer than 3 in-DC replicas: DC middle-east has 1 node",
            "256 shards without a cross-DC replica: residency EU");
  }

  @Test
  void aSingleDataCentreReportsThatNoShardHasACrossDcReplica() {
    HomeDataCenters solo = new HomeDataCenters(Map.of("solo", new ShardRange(0, 1023)));
    ResidencyRules residency = new ResidencyRules(Map.of("solo", "EU"), Map.of());

    Placement placement =
        new BalancedPlacement(residency, ReplicationFactor.defaults())
            .place(solo, Map.of("solo", nodes("solo", 3)));

    assertThat(placement.report().lines())
        .containsExactly("1024 shards without a cross-DC replica: no other data centre has nodes");
  }

  @Test
  void twoAsyncCopiesLieInDistinctDataCentres() {
    Map<String, List<String>> nodes = defaultNodes();

    Placement placement =
        new BalancedPlacement(ResidencyRules.defaults(), new ReplicationFactor(3, 2))
            .place(HOMES, nodes);

    Map<String, String> dcOf = dcOfNode(nodes);
    assertThat(placement.map().replicaSet(0).asyncReplicas())
        .hasSize(2)
        .extracting(dcOf::get)
        .doesNotHaveDuplicates()
        .doesNotContain("americas");
    assertThat(spread(countPerNode(placement.map(), ReplicaSet::asyncReplicas)))
        .isLessThanOrEqualTo(2);
    assertThat(placement.report().lines())
        .containsExactly("256 shards with fewer than 2 cross-DC replicas: residency EU");
  }

  @Test
  void oneInDcCopyAndNoAsyncCopyIsTheSingleCopyPlacement() {
    Map<String, List<String>> nodes = defaultNodes();

    Placement placement =
        new BalancedPlacement(ResidencyRules.defaults(), new ReplicationFactor(1, 0))
            .place(HOMES, nodes);

    assertThat(placement.map().replicaSets())
        .isEqualTo(SingleCopyPlacement.place(HOMES, nodes).replicaSets());
    assertThat(placement.report().isComplete()).isTrue();
  }

  @Test
  void theSameInputGivesTheSameMapWhateverTheOrderOfTheDataCentres() {
    Map<String, List<String>> nodes = defaultNodes();
    nodes.put("europe-2", nodes("europe-2", 2));
    Map<String, List<String>> reversed = new LinkedHashMap<>();
    List<String> dcs = new ArrayList<>(nodes.keySet());
    Collections.reverse(dcs);
    dcs.forEach(dc -> reversed.put(dc, nodes.get(dc)));
    BalancedPlacement placement =
        new BalancedPlacement(
            ResidencyRules.defaults().withDataCenter("europe-2", "EU"),
            ReplicationFactor.defaults());

    Placement first = placement.place(HOMES, nodes);
    Placement again = placement.place(HOMES, nodes);
    Placement reordered = placement.place(HOMES, reversed);

    assertThat(again.map().replicaSets()).isEqualTo(first.map().replicaSets());
    assertThat(reordered.map().replicaSets()).isEqualTo(first.map().replicaSets());
    assertThat(reordered.report()).isEqualTo(first.report());
  }

  @Test
  void randomTopologiesNeverBreakResidencyAndReportEveryMissingCopy() {
    Random random = new Random(8);
    Set<PlacementReport.Kind> reported = EnumSet.noneOf(PlacementReport.Kind.class);
    for (int round = 0; round < 60; round++) {
      Map<String, List<String>> nodes = new HashMap<>();
      HOMES.ranges().keySet().forEach(dc -> nodes.put(dc, nodes(dc, 1 + random.nextInt(4))));
      ResidencyRules residency = ResidencyRules.defaults();
      List<String> regions = List.of("AMER", "EU", "APAC", "ME");
      for (int extra = random.nextInt(3); extra > 0; extra--) {
        String dc = "extra-" + extra;
        nodes.put(dc, nodes(dc, random.nextInt(4)));
        residency = residency.withDataCenter(dc, regions.get(random.nextInt(regions.size())));
      }
      ReplicationFactor replication =
          new ReplicationFactor(1 + random.nextInt(3), random.nextInt(3));

      Placement placement = new BalancedPlacement(residency, replication).place(HOMES, nodes);

      checkInvariants(placement, nodes, residency, replication);
      placement.report().shortfalls().forEach(shortfall -> reported.add(shortfall.kind()));
    }
    assertThat(reported).as("the topologies exercise both shortfalls").hasSize(2);
  }

  @Test
  void inputThatCannotBePlacedIsRejectedWithTheReason() {
    BalancedPlacement placement = BalancedPlacement.defaults();
    Map<String, List<String>> unknownDc = defaultNodes();
    unknownDc.put("mars", nodes("mars", 1));
    Map<String, List<String>> twice = defaultNodes();
    twice.put("asia", List.of("asia-1", "americas-1"));
    Map<String, List<String>> empty = defaultNodes();
    empty.put("asia", List.of());
    ResidencyRules euOnly =
        new ResidencyRules(
            Map.of("americas", "AMER", "europe", "EU", "asia", "APAC", "middle-east", "ME"),
            Map.of(new ShardRange(0, 511), Set.of("EU")));

    assertThatThrownBy(() -> placement.place(HOMES, unknownDc))
        .hasMessage("Data centre mars has no region in the residency rules");
    assertThatThrownBy(() -> placement.place(HOMES, twice))
        .hasMessage("Node americas-1 is listed in both americas and asia");
    assertThatThrownBy(() -> placement.place(HOMES, empty))
        .hasMessage("Data centre asia homes shards 512..767 but has no nodes");
    assertThatThrownBy(
            () ->
                new BalancedPlacement(euOnly, ReplicationFactor.defaults())
                    .place(HOMES, defaultNodes()))
        .hasMessage(
            "Shard 0 is homed in americas (region AMER), but residency allows it only in [EU]");
  }

  /**
   * The placement's contract for any topology: voters in the home DC, as many as it has nodes for;
   * primaries balanced within each DC; async replicas in distinct other DCs that residency allows,
   * as many as such DCs exist; no replica outside its allowed regions; every shortfall reported.
   */
  private static void checkInvariants(
      Placement placement,
      Map<String, List<String>> nodes,
      ResidencyRules residency,
      ReplicationFactor replication) {
    Map<String, String> dcOf = dcOfNode(nodes);
    int shortInDc = 0;
    int shortCrossDc = 0;
    for (ReplicaSet set : placement.map().replicaSets()) {
      int shard = set.shard();
      String home = HOMES.homeOf(shard);
      List<String> homeNodes = nodes.get(home);
      assertThat(set.voters())
          .hasSize(Math.min(replication.inDcCopies(), homeNodes.size()))
          .allSatisfy(node -> assertThat(dcOf.get(node)).isEqualTo(home));
      long allowedOtherDcs =
          nodes.keySet().stream()
              .filter(dc -> !dc.equals(home) && !nodes.get(dc).isEmpty())
              .filter(dc -> residency.allows(shard, dc))
              .count();
      assertThat(set.asyncReplicas())
          .hasSize((int) Math.min(replication.asyncCopies(), allowedOtherDcs))
          .extracting(dcOf::get)
          .doesNotHaveDuplicates()
          .doesNotContain(home);
      for (String node : set.voters()) {
        assertThat(residency.allows(shard, dcOf.get(node)))
            .as("shard %d on %s", shard, node)
            .isTrue();
      }
      for (String node : set.asyncReplicas()) {
        assertThat(residency.allows(shard, dcOf.get(node)))
            .as("shard %d on %s", shard, node)
            .isTrue();
      }
      shortInDc += set.voters().size() < replication.inDcCopies() ? 1 : 0;
      shortCrossDc += set.asyncReplicas().size() < replication.asyncCopies() ? 1 : 0;
    }
    Map<String, Integer> led = countPerNode(placement.map(), set -> List.of(set.primary()));
    for (String dc : HOMES.ranges().keySet()) {
      Map<String, Integer> ledInDc = new HashMap<>(led);
      ledInDc.keySet().retainAll(nodes.get(dc));
      assertThat(ledInDc).hasSize(nodes.get(dc).size());
      assertThat(spread(ledInDc)).isLessThanOrEqualTo(1);
    }
    assertThat(shortfallShards(placement.report(), PlacementReport.Kind.IN_DC))
        .isEqualTo(shortInDc);
    assertThat(shortfallShards(placement.report(), PlacementReport.Kind.CROSS_DC))
        .isEqualTo(shortCrossDc);
  }

  private static int shortfallShards(PlacementReport report, PlacementReport.Kind kind) {
    return report.shortfalls().stream()
        .filter(shortfall -> shortfall.kind() == kind)
        .mapToInt(PlacementReport.Shortfall::shards)
        .sum();
  }

  private static Map<String, List<String>> defaultNodes() {
    Map<String, List<String>> nodes = new LinkedHashMap<>();
    HOMES.ranges().keySet().forEach(dc -> nodes.put(dc, nodes(dc, 3)));
    return nodes;
  }

  private static List<String> nodes(String dc, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> dc + "-" + i).toList();
  }

  private static Map<String, String> dcOfNode(Map<String, List<String>> nodes) {
    Map<String, String> dcOf = new HashMap<>();
    nodes.forEach((dc, dcNodes) -> dcNodes.forEach(node -> dcOf.put(node, dc)));
    return dcOf;
  }

  private static Map<String, Integer> countPerNode(
      ShardMap map, Function<ReplicaSet, List<String>> nodesOf) {
    Map<String, Integer> counts = new HashMap<>();
    map.replicaSets()
        .forEach(set -> nodesOf.apply(set).forEach(n -> counts.merge(n, 1, Integer::sum)));
    return counts;
  }

  private static int spread(Map<String, Integer> counts) {
    IntSummaryStatistics stats =
        counts.values().stream().mapToInt(Integer::intValue).summaryStatistics();
    return stats.getMax() - stats.getMin();
  }
}
