package io.switchboard.runtime.sharding;

import static io.switchboard.runtime.sharding.PlacementReport.count;

import io.switchboard.runtime.sharding.PlacementReport.Kind;
import io.switchboard.runtime.sharding.PlacementReport.Shortfall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The placement of the embedded default: every shard's voters in its home data centre, its
 * asynchronous replicas in other data centres that residency allows, primaries and replicas spread
 * evenly over the nodes.
 *
 * <ol>
 *   <li>Data centres are taken in name order, each with its nodes in the order given. Every DC must
 *       have a region in the residency rules, every DC that homes shards must have nodes, and
 *       residency must allow each shard in its home DC.
 *   <li>Voters: the i-th shard of a DC's range (i = 0, 1, ...) is led by node {@code i mod n} of
 *       the DC's n nodes and followed by the next {@code min(inDcCopies, n) - 1} nodes, cyclically,
 *       so every node of a DC leads the same number of shards, give or take one. A DC with fewer
 *       nodes than in-DC copies gives its shards the nodes it has; the report says so.
 *   <li>Asynchronous replicas: see {@link CrossDcSpread}. A shard for which no further allowed DC
 *       has nodes gets fewer copies; the report says why.
 * </ol>
 *
 * The result depends only on the input's content, not on the iteration order of its maps.
 */
public final class BalancedPlacement implements ReplicaPlacement {

  private final ResidencyRules residency;
  private final ReplicationFactor replication;

  public BalancedPlacement(ResidencyRules residency, ReplicationFactor replication) {
    this.residency = Objects.requireNonNull(residency, "residency");
    this.replication = Objects.requireNonNull(replication, "replication");
  }

  /** Default residency, three in-DC copies and one asynchronous copy. */
  public static BalancedPlacement defaults() {
    return new BalancedPlacement(ResidencyRules.defaults(), ReplicationFactor.defaults());
  }

  /**
   * @throws IllegalArgumentException if a DC has no region, a node is listed in two DCs, a DC that
   *     homes shards has no nodes, or residency forbids a shard its home DC
   */
  @Override
  public Placement place(HomeDataCenters homes, Map<String, List<String>> nodesByDc) {
    SortedMap<String, List<String>> nodes = checkedNodes(homes, nodesByDc);
    CrossDcSpread spread = new CrossDcSpread(homes, nodes, residency, replication.asyncCopies());
    List<ReplicaSet> sets = new ArrayList<>(Shards.COUNT);
    for (int shard = 0; shard < Shards.COUNT; shard++) {
      List<String> voters = voters(homes, nodes, shard);
      sets.add(
          new ReplicaSet(
              shard, 1, voters.get(0), voters.subList(1, voters.size()), spread.replicas(shard)));
    }
    List<Shortfall> shortfalls = inDcShortfalls(homes, nodes);
    shortfalls.addAll(spread.shortfalls());
    return new Placement(new ShardMap(1, sets), new PlacementReport(shortfalls));
  }

  /** The nodes by DC in name order, once the input is checked; see {@link #place}. */
  private SortedMap<String, List<String>> checkedNodes(
      HomeDataCenters homes, Map<String, List<String>> nodesByDc) {
    SortedMap<String, List<String>> nodes = new TreeMap<>();
    nodesByDc.forEach((dc, dcNodes) -> nodes.put(dc, List.copyOf(dcNodes)));
    Map<String, String> dcOfNode = new HashMap<>();
    nodes.forEach(
        (dc, dcNodes) -> {
          residency.regionOf(dc); // throws if the DC has no region
          for (String node : dcNodes) {
            String other = dcOfNode.putIfAbsent(node, dc);
            if (other != null) {
              throw new IllegalArgumentException(
                  "Node " + node + " is listed in both " + other + " and " + dc);
            }
          }
        });
    homes
        .ranges()
        .forEach(
            (dc, range) -> {
              if (nodes.getOrDefault(dc, List.of()).isEmpty()) {
                throw new IllegalArgumentException(
                    "Data centre " + dc + " homes shards " + range + " but has no nodes");
              }
              for (int shard = range.first(); shard <= range.last(); shard++) {
                if (!residency.allows(shard, dc)) {
                  throw new IllegalArgumentException(
                      "Shard "
                          + shard
                          + " is homed in "
                          + dc
                          + " (region "
                          + residency.regionOf(dc)
                          + "), but residency allows it only in "
                          + residency.allowedRegions(shard).orElseThrow());
                }
              }
            });
    return nodes;
  }

  /** The primary, then the followers, of a shard; see step 2 of the class comment. */
  private List<String> voters(HomeDataCenters homes, Map<String, List<String>> nodes, int shard) {
    String home = homes.homeOf(shard);
    List<String> dcNodes = nodes.get(home);
    int index = shard - homes.rangeOf(home).orElseThrow().first();
    int copies = Math.min(replication.inDcCopies(), dcNodes.size());
    List<String> voters = new ArrayList<>(copies);
    for (int k = 0; k < copies; k++) {
      voters.add(dcNodes.get((index + k) % dcNodes.size()));
    }
    return voters;
  }

  /** One shortfall per home DC with fewer nodes than in-DC copies, in name order. */
  private List<Shortfall> inDcShortfalls(
      HomeDataCenters homes, SortedMap<String, List<String>> nodes) {
    List<Shortfall> shortfalls = new ArrayList<>();
    nodes.forEach(
        (dc, dcNodes) -> {
          if (dcNodes.size() < replication.inDcCopies()) {
            homes
                .rangeOf(dc)
                .ifPresent(
                    range ->
                        shortfalls.add(
                            new Shortfall(
                                Kind.IN_DC,
                                range.size(),
                                replication.inDcCopies(),
                                "DC " + dc + " has " + count(dcNodes.size(), "node"))));
          }
        });
    return shortfalls;
  }
}
