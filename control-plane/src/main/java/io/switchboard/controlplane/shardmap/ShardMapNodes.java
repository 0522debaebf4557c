package io.switchboard.controlplane.shardmap;

import io.switchboard.runtime.sharding.ShardMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The nodes as shard map reconciliation sees them: the desired map, which nodes run, the map
 * version each serves, and installing a newer one. {@link ReplicaControl} adds the replica
 * commands.
 */
public interface ShardMapNodes {

  /** The newest shard map: the one the nodes started with, or the last one published. */
  ShardMap shardMap();

  /** Whether {@code node} runs (a killed node does not). */
  boolean isRunning(String node);

  /** The version of the shard map {@code node} serves (observed state). */
  CompletableFuture<Long> mapVersion(String node);

  /** The nodes that hold replicas (running or not), in a stable order. */
  List<String> nodes();

  /**
   * Installs {@code map} on {@code node} if it is newer than the node's; the future gives the
   * version the node serves afterwards.
   */
  CompletableFuture<Long> install(String node, ShardMap map);
}
