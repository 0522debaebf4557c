package io.switchboard.controlplane.shardmap;

import io.switchboard.runtime.node.replication.ShardPromotion;
import io.switchboard.runtime.peer.PeerProbed;
import io.switchboard.runtime.replication.FenceReport;
import io.switchboard.runtime.replication.ReplicaGroup;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.ShardMap;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The control plane's hands on the nodes' replicas: the newest shard map, and the admin commands of
 * the nodes' peer protocol (ADR 0008).
 *
 * <p>The commands are idempotent and epoch-checked on the nodes: fencing again at the epoch a
 * replica has seen only reports, promoting the replica that serves the epoch returns its start, and
 * a map is installed only if it is newer. Futures fail with {@link
 * io.switchboard.runtime.replication.StaleEpochException} when a replica saw a higher epoch, and
 * with {@link io.switchboard.runtime.node.peer.PeerUnavailableException} when a node cannot be
 * reached.
 *
 * <p>Provided by whoever runs the nodes: the embedded cluster, or the attachment to a cluster of
 * node processes ({@code switchboard.remote.cluster-file}).
 */
public interface ReplicaControl extends ShardMapNodes {

  /** How {@code node}'s replica of {@code shard} stands. */
  CompletableFuture<ReplicaStatus> status(String node, int shard);

  /** Fences {@code node}'s replica of {@code shard} at {@code epoch}. */
  CompletableFuture<FenceReport> fence(String node, int shard, long epoch);

  /** Promotes {@code node}'s replica of {@code shard} at {@code epoch}, counting {@code group}. */
  CompletableFuture<Long> promote(String node, int shard, long epoch, ReplicaGroup group);

  /**
   * Asks {@code node} whether it reaches {@code target} over the peer port now: a second opinion
   * before failing {@code target} over. The future fails when {@code node} cannot be asked.
   */
  CompletableFuture<PeerProbed> probe(String node, String target, Duration timeout);

  /**
   * Cuts {@code node} off its cluster network for {@code duration}, its process and its gateway's
   * clients carrying on (a drill's partition fault); the isolation ends by itself. The future
   * completes once the node has answered that it isolates itself.
   */
  CompletableFuture<Void> isolate(String node, Duration duration);

  /**
   * Fails {@code shards} over from {@code failedNode}: for each, a majority of its voters is fenced
   * at the next epoch (the failed node excluded) and the most up-to-date fenced voter, whose log
   * holds every committed entry, is promoted; the shards that could be promoted are published in
   * one new map, which becomes the newest (stored before it is installed).
   *
   * @return the new map and why each other shard could not be promoted
   */
  ShardPromotion.Outcome failOver(Collection<Integer> shards, String failedNode);

  /**
   * Fails {@code shards} over to other data centres after the loss of the nodes {@code lost} (a
   * DC): each shard's most up-to-date asynchronous replica outside them is promoted, at the next
   * epoch, as its single voter, with the former voters as its asynchronous replicas; the quorum
   * rule is given up for these shards, and what their lost primaries committed beyond the promoted
   * replicas' logs is lost. The shards that could be promoted are published in one new map.
   *
   * @return the new map and why each other shard could not be promoted
   */
  ShardPromotion.Outcome failOverAcrossDc(Collection<Integer> shards, Set<String> lost);

  /**
   * Gives each shard of {@code changes} its new replicas at a new epoch (the first voter leads if
   * it is as up to date as any), fencing a majority of its current voters first; the shards that
   * could be changed are published in one new map, which becomes the newest.
   *
   * @return the new map and why each other shard could not be changed (its voters could not be
   *     fenced by a majority, or no new voter holds every entry)
   */
  ShardPromotion.Outcome reconfigure(Map<Integer, ShardPromotion.Replicas> changes);

  /** Installs {@code map} on every running node; it becomes the newest map. */
  void publish(ShardMap map);
}
