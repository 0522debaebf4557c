package io.switchboard.runtime.sharding;

import java.util.List;
import java.util.Map;

/**
 * Decides the initial replica set of every shard from the cluster's nodes. A replaceable piece: the
 * embedded default uses {@link BalancedPlacement}; a placement planner may take over later.
 *
 * <p>Contract for every implementation: pure and deterministic (equal inputs give equal maps,
 * whatever the iteration order of {@code nodesByDc}); the map has version 1 and every replica set
 * epoch 1; every shard's voters lie in its home DC; what the placement could not satisfy is stated
 * in the report, not hidden.
 */
public interface ReplicaPlacement {

  /**
   * @param homes the home DC of every shard
   * @param nodesByDc the nodes of every DC, each list in a stable order; DCs that home no shard may
   *     hold asynchronous replicas
   * @throws IllegalArgumentException if the input cannot give every shard a primary
   */
  Placement place(HomeDataCenters homes, Map<String, List<String>> nodesByDc);
}
