package io.switchboard.runtime.node;

import io.switchboard.runtime.sharding.BalancedPlacement;
import io.switchboard.runtime.sharding.Placement;
import io.switchboard.runtime.sharding.PlacementReport;
import io.switchboard.runtime.sharding.ReplicaPlacement;
import io.switchboard.runtime.sharding.SingleCopyPlacement;
import java.util.List;

/**
 * How the initial shard map of a cluster of node processes is computed from its cluster file
 * ({@code --placement}); the control plane that attaches to the cluster uses the same mode.
 */
public enum ClusterPlacement {
  /** {@link SingleCopyPlacement}: one copy of every shard, in its home data centre. */
  SINGLE,
  /** {@link BalancedPlacement#defaults()}: three in-DC voters and one asynchronous copy. */
  BALANCED;

  public ReplicaPlacement placement() {
    if (this == BALANCED) {
      return BalancedPlacement.defaults();
    }
    return (homes, storesByDc) ->
        new Placement(SingleCopyPlacement.place(homes, storesByDc), new PlacementReport(List.of()));
  }
}
