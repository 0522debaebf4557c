package io.switchboard.runtime.node.cluster;

import io.switchboard.runtime.replication.ReplicationLimits;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.SingleCopyPlacement;
import io.switchboard.runtime.store.LogOptions;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a node needs to know about the cluster it serves in.
 *
 * @param directory where the other nodes listen for peers
 * @param shardMap the shard map the node starts with; a newer one may be installed later
 * @param homes which data centre homes each shard
 * @param logOptions how the store's durable log is written (segment size, fsync policy)
 * @param replicationLimits bounds of the store's replicas (fetch size, when a replica gets an
 *     image)
 */
public record ClusterMembership(
    ClusterDirectory directory,
    ShardMap shardMap,
    HomeDataCenters homes,
    LogOptions logOptions,
    ReplicationLimits replicationLimits) {

  public ClusterMembership {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(shardMap, "shardMap");
    Objects.requireNonNull(homes, "homes");
    Objects.requireNonNull(logOptions, "logOptions");
    Objects.requireNonNull(replicationLimits, "replicationLimits");
  }

  /** A membership with {@link ReplicationLimits#defaults()}. */
  public ClusterMembership(
      ClusterDirectory directory, ShardMap shardMap, HomeDataCenters homes, LogOptions logOptions) {
    this(directory, shardMap, homes, logOptions, ReplicationLimits.defaults());
  }

  /** A cluster of one node that leads every shard, homed as by default. */
  public static ClusterMembership standalone(String nodeId) {
    HomeDataCenters homes = HomeDataCenters.defaults();
    Map<String, List<String>> everyDcOnThisNode =
        homes.ranges().keySet().stream()
            .collect(Collectors.toMap(Function.identity(), dc -> List.of(nodeId)));
    return new ClusterMembership(
        new MutableClusterDirectory(List.of(nodeId)),
        SingleCopyPlacement.place(homes, everyDcOnThisNode),
        homes,
        LogOptions.defaults());
  }

  /** Every node that holds a replica by the initial map, except {@code nodeId}. */
  public Set<String> storePeersOf(String nodeId) {
    Set<String> stores = new LinkedHashSet<>();
    for (ReplicaSet set : shardMap.replicaSets()) {
      stores.add(set.primary());
      stores.addAll(set.followers());
      stores.addAll(set.asyncReplicas());
    }
    stores.remove(nodeId);
    return Collections.unmodifiableSet(stores);
  }
}
