package io.switchboard.runtime.sharding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The initial placement of the embedded default while shards have one copy: each shard's only
 * replica is a node of its home data centre, assigned round-robin so that every node of a DC leads
 * the same number of shards (give or take one). A replaceable piece: the placement planner takes
 * over later.
 */
public final class SingleCopyPlacement {

  private SingleCopyPlacement() {}

  /**
   * @param homes the home DC of every shard
   * @param nodesByDc the nodes of every DC, in a stable order
   * @return a version-1 shard map with every replica set at epoch 1
   * @throws IllegalArgumentException if a DC that homes shards has no nodes
   */
  public static ShardMap place(HomeDataCenters homes, Map<String, List<String>> nodesByDc) {
    List<ReplicaSet> sets = new ArrayList<>(Shards.COUNT);
    homes
        .ranges()
        .forEach(
            (dc, range) -> {
              List<String> nodes = nodesByDc.getOrDefault(dc, List.of());
              if (nodes.isEmpty()) {
                throw new IllegalArgumentException(
                    "Data centre " + dc + " homes shards " + range + " but has no nodes");
              }
              for (int i = 0; i < range.size(); i++) {
                sets.add(ReplicaSet.single(range.first() + i, nodes.get(i % nodes.size())));
              }
            });
    return new ShardMap(1, sets);
  }
}
