package io.switchboard.runtime.sharding;

import static io.switchboard.runtime.sharding.PlacementReport.count;

import io.switchboard.runtime.sharding.PlacementReport.Kind;
import io.switchboard.runtime.sharding.PlacementReport.Shortfall;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.IntStream;

/**
 * The asynchronous replicas of every shard, spread evenly over the nodes of other data centres.
 *
 * <ol>
 *   <li>A shard's candidate DCs are the DCs other than its home that have nodes and that residency
 *       allows for the shard, in name order.
 *   <li>Shards choose in order of fewest candidate nodes first, so the most constrained shards
 *       choose before the others fill those nodes; then by position in their home DC's range, then
 *       by shard number, so the home DCs take turns and no DC's nodes are left for the end, when
 *       only that DC's own shards, which cannot use them, remain.
 *   <li>Each copy goes to the node holding the fewest asynchronous replicas so far (ties: the first
 *       in DC name order, then node order) among the candidate DCs the shard has no copy in yet, so
 *       a shard's asynchronous replicas lie in distinct DCs.
 *   <li>A shard left with fewer copies than wanted counts towards a shortfall whose cause is too
 *       few other DCs with nodes if there are fewer than wanted, else the shard's residency (only a
 *       residency rule can then have removed candidates).
 * </ol>
 */
final class CrossDcSpread {

  private final List<List<String>> replicasOfShard;
  private final List<Shortfall> shortfalls;

  /**
   * @param nodes the nodes of every DC, in name order, each a DC the residency rules know
   * @param wanted asynchronous copies per shard
   */
  CrossDcSpread(
      HomeDataCenters homes,
      SortedMap<String, List<String>> nodes,
      ResidencyRules residency,
      int wanted) {
    List<List<String>> candidates = new ArrayList<>(Shards.COUNT);
    for (int shard = 0; shard < Shards.COUNT; shard++) {
      candidates.add(candidateDcs(shard, homes, nodes, residency));
    }
    Comparator<Integer> mostConstrainedFirst =
        Comparator.<Integer>comparingInt(
                shard -> candidates.get(shard).stream().mapToInt(dc -> nodes.get(dc).size()).sum())
            .thenComparingInt(
                shard -> shard - homes.rangeOf(homes.homeOf(shard)).orElseThrow().first())
            .thenComparingInt(shard -> shard);
    Map<String, Integer> load = new HashMap<>();
    List<List<String>> replicas = new ArrayList<>(Collections.nCopies(Shards.COUNT, List.of()));
    IntStream.range(0, Shards.COUNT)
        .boxed()
        .sorted(mostConstrainedFirst)
        .forEach(shard -> replicas.set(shard, choose(candidates.get(shard), nodes, load, wanted)));
    this.replicasOfShard = List.copyOf(replicas);
    this.shortfalls = shortfalls(homes, nodes, residency, wanted);
  }

  /** The asynchronous replicas of a shard, possibly fewer than wanted. */
  List<String> replicas(int shard) {
    return replicasOfShard.get(Shards.requireValid(shard));
  }

  /** The shards left short, grouped by cause, in the order of their first shard. */
  List<Shortfall> shortfalls() {
    return shortfalls;
  }

  /** Step 1 of the class comment. */
  private static List<String> candidateDcs(
      int shard,
      HomeDataCenters homes,
      SortedMap<String, List<String>> nodes,
      ResidencyRules residency) {
    String home = homes.homeOf(shard);
    return nodes.keySet().stream()
        .filter(dc -> !dc.equals(home) && !nodes.get(dc).isEmpty())
        .filter(dc -> residency.allows(shard, dc))
        .toList();
  }

  /** Step 3 of the class comment, for one shard; adds the chosen nodes to {@code load}. */
  private static List<String> choose(
      List<String> candidateDcs,
      Map<String, List<String>> nodes,
      Map<String, Integer> load,
      int wanted) {
    List<String> freeDcs = new ArrayList<>(candidateDcs);
    List<String> chosen = new ArrayList<>(wanted);
    while (chosen.size() < wanted && !freeDcs.isEmpty()) {
      String bestDc = null;
      String bestNode = null;
      for (String dc : freeDcs) {
        for (String node : nodes.get(dc)) {
          if (bestNode == null || load.getOrDefault(node, 0) < load.getOrDefault(bestNode, 0)) {
            bestDc = dc;
            bestNode = node;
          }
        }
      }
      chosen.add(bestNode);
      freeDcs.remove(bestDc);
      load.merge(bestNode, 1, Integer::sum);
    }
    return List.copyOf(chosen);
  }

  /** Step 4 of the class comment, once every shard has chosen. */
  private List<Shortfall> shortfalls(
      HomeDataCenters homes,
      Map<String, List<String>> nodes,
      ResidencyRules residency,
      int wanted) {
    Map<String, Integer> shortByCause = new LinkedHashMap<>();
    for (int shard = 0; shard < Shards.COUNT; shard++) {
      if (replicasOfShard.get(shard).size() < wanted) {
        shortByCause.merge(cause(shard, homes, nodes, residency, wanted), 1, Integer::sum);
      }
    }
    List<Shortfall> shortfalls = new ArrayList<>();
    shortByCause.forEach(
        (cause, shards) -> shortfalls.add(new Shortfall(Kind.CROSS_DC, shards, wanted, cause)));
    return List.copyOf(shortfalls);
  }

  private static String cause(
      int shard,
      HomeDataCenters homes,
      Map<String, List<String>> nodes,
      ResidencyRules residency,
      int wanted) {
    String home = homes.homeOf(shard);
    long otherDcs =
        nodes.entrySet().stream()
            .filter(dc -> !dc.getKey().equals(home) && !dc.getValue().isEmpty())
            .count();
    if (otherDcs == 0) {
      return "no other data centre has nodes";
    }
    if (otherDcs < wanted) {
      return "only " + count(otherDcs, "other data centre") + " with nodes";
    }
    return "residency " + String.join(", ", residency.allowedRegions(shard).orElseThrow());
  }
}
