package io.switchboard.runtime.node.replication;

import io.switchboard.runtime.node.peer.ShardMapSnapshots;
import io.switchboard.runtime.peer.FenceShard;
import io.switchboard.runtime.peer.GetReplicaStatus;
import io.switchboard.runtime.peer.GetShardMap;
import io.switchboard.runtime.peer.InstallShardMap;
import io.switchboard.runtime.peer.IsolateNode;
import io.switchboard.runtime.peer.PeerError;
import io.switchboard.runtime.peer.PeerProbed;
import io.switchboard.runtime.peer.PeerReply;
import io.switchboard.runtime.peer.PeerRequest;
import io.switchboard.runtime.peer.ProbePeer;
import io.switchboard.runtime.peer.PromoteShard;
import io.switchboard.runtime.replication.FenceReport;
import io.switchboard.runtime.replication.ReplicaGroup;
import io.switchboard.runtime.replication.StaleEpochException;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.ShardMap;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The replica admin commands of peer.proto, sent to one node at a time: what the control plane
 * (and, until it owns the shard map, the embedded cluster and tests) uses to move primaries.
 *
 * <p>Every future fails with {@link StaleEpochException} when the node's replica has seen a higher
 * epoch, {@link IllegalArgumentException} for any other refusal, and {@link
 * io.switchboard.runtime.node.peer.PeerUnavailableException} when the node cannot be reached.
 */
public final class ReplicaAdminClient {

  private final Function<String, PeerCall> calls;

  /** A way to call a node: its peer link's {@code call}. */
  @FunctionalInterface
  public interface PeerCall {
    CompletableFuture<PeerReply> call(PeerRequest.Builder request);
  }

  /**
   * @param calls the call function of each node, by node id
   */
  public ReplicaAdminClient(Function<String, PeerCall> calls) {
    this.calls = calls;
  }

  /** Fences {@code node}'s replica of {@code shard} at {@code epoch}. */
  public CompletableFuture<FenceReport> fence(String node, int shard, long epoch) {
    return call(
            node,
            shard,
            epoch,
            PeerRequest.newBuilder()
                .setFence(FenceShard.newBuilder().setShard(shard).setEpoch(epoch)))
        .thenApply(
            reply -> {
              var fenced = reply.getFenced();
              return new FenceReport(
                  fenced.getReplicaId(),
                  fenced.getEpoch(),
                  fenced.getLastEpoch(),
                  fenced.getLastSeq(),
                  fenced.getCommitSeq());
            });
  }

  /**
   * Demotes {@code node}'s replica of {@code shard} if it is the primary of an epoch below {@code
   * epoch}: demotion is fencing at a higher epoch, after which the replica accepts no proposal and
   * waits to be pointed at the next primary by a shard map.
   */
  public CompletableFuture<FenceReport> demote(String node, int shard, long epoch) {
    return fence(node, shard, epoch);
  }

  /**
   * Promotes {@code node}'s replica of {@code shard} at {@code epoch}, counting {@code group}.
   *
   * @return the seq of the epoch's first entry
   */
  public CompletableFuture<Long> promote(String node, int shard, long epoch, ReplicaGroup group) {
    return call(
            node,
            shard,
            epoch,
            PeerRequest.newBuilder()
                .setPromote(
                    PromoteShard.newBuilder()
                        .setShard(shard)
                        .setEpoch(epoch)
                        .addAllVoters(group.voters())
                        .addAllAsyncReplicas(group.asyncReplicas())))
        .thenApply(reply -> reply.getPromoted().getEpochStartSeq());
  }

  /** How {@code node}'s replica of {@code shard} stands (read-only). */
  public CompletableFuture<ReplicaStatus> status(String node, int shard) {
    return call(
            node,
            shard,
            0,
            PeerRequest.newBuilder()
                .setGetReplicaStatus(GetReplicaStatus.newBuilder().setShard(shard)))
        .thenApply(reply -> ReplicationMessages.fromProto(reply.getReplicaStatus()));
  }

  /**
   * Asks {@code node} whether it reaches {@code target} over the peer port now (one round trip
   * within {@code timeoutMillis}): a second opinion before failing {@code target} over.
   *
   * @return the answer; the future fails when {@code node} itself cannot be asked
   */
  public CompletableFuture<PeerProbed> probe(String node, String target, int timeoutMillis) {
    return call(
            node,
            -1,
            0,
            PeerRequest.newBuilder()
                .setProbePeer(ProbePeer.newBuilder().setNodeId(target).setTimeoutMs(timeoutMillis)))
        .thenApply(PeerReply::getPeerProbed);
  }

  /**
   * Cuts {@code node} off its cluster network for {@code duration} (a drill's partition fault; see
   * {@link io.switchboard.runtime.node.fault.NetworkPartition}): it answers, then no admin command
   * reaches it until the isolation ends by itself.
   *
   * @return completes once {@code node} has answered that it isolates itself
   */
  public CompletableFuture<Void> isolate(String node, Duration duration) {
    return call(
            node,
            -1,
            0,
            PeerRequest.newBuilder()
                .setIsolateNode(
                    IsolateNode.newBuilder().setDurationMs(Math.toIntExact(duration.toMillis()))))
        .thenApply(reply -> null);
  }

  /** The version of the shard map {@code node} serves. */
  public CompletableFuture<Long> mapVersion(String node) {
    return call(
            node, -1, 0, PeerRequest.newBuilder().setGetShardMap(GetShardMap.getDefaultInstance()))
        .thenApply(reply -> reply.getShardMap().getVersion());
  }

  /**
   * Installs {@code map} on {@code node}.
   *
   * @return the node's map version afterwards
   */
  public CompletableFuture<Long> installShardMap(String node, ShardMap map) {
    return call(
            node,
            -1,
            0,
            PeerRequest.newBuilder()
                .setInstallShardMap(
                    InstallShardMap.newBuilder().setMap(ShardMapSnapshots.toSnapshot(map))))
        .thenApply(reply -> reply.getMapInstalled().getVersion());
  }

  private CompletableFuture<PeerReply> call(
      String node, int shard, long epoch, PeerRequest.Builder request) {
    return calls
        .apply(node)
        .call(request)
        .thenApply(
            reply -> {
              if (reply.hasError()) {
                throw refusal(node, shard, epoch, reply.getError());
              }
              return reply;
            });
  }

  private static RuntimeException refusal(String node, int shard, long epoch, PeerError error) {
    if (error.getSeenEpoch() > 0) {
      return new StaleEpochException(shard, epoch, error.getSeenEpoch(), node + " refused");
    }
    return new IllegalArgumentException(
        "node " + node + " refused: " + error.getCode() + " " + error.getMessage());
  }
}
