package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.replication.ReplicaLag;
import io.switchboard.runtime.replication.ShardReplica;
import java.util.Map;

/**
 * One shard's replica on this node, as metrics and the admin see it.
 *
 * @param shard the shard
 * @param role what the replica does now
 * @param highestEpoch the highest epoch it has seen
 * @param lastSeq seq of its last entry
 * @param durableSeq entries up to this seq are durable on this node
 * @param commitSeq its commit seq
 * @param lags on a primary: how far each other replica (voter or asynchronous) is behind, by node
 *     id; empty otherwise
 */
public record ReplicaStatus(
    int shard,
    ShardReplica.Role role,
    long highestEpoch,
    long lastSeq,
    long durableSeq,
    long commitSeq,
    Map<String, ReplicaLag> lags) {

  public ReplicaStatus {
    lags = Map.copyOf(lags);
  }
}
