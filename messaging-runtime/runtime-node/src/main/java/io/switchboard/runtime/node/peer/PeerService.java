package io.switchboard.runtime.node.peer;

import io.switchboard.runtime.messaging.log.DeliverMessage;
import io.switchboard.runtime.peer.FenceShard;
import io.switchboard.runtime.peer.Fenced;
import io.switchboard.runtime.peer.GetReplicaStatus;
import io.switchboard.runtime.peer.ImageChunk;
import io.switchboard.runtime.peer.ImageFetch;
import io.switchboard.runtime.peer.InstallShardMap;
import io.switchboard.runtime.peer.PeerProbed;
import io.switchboard.runtime.peer.ProbePeer;
import io.switchboard.runtime.peer.PromoteShard;
import io.switchboard.runtime.peer.Promoted;
import io.switchboard.runtime.peer.ReplicaFetch;
import io.switchboard.runtime.peer.ReplicaFetchReply;
import io.switchboard.runtime.peer.ReplicaStatusReply;
import io.switchboard.runtime.peer.ShardMapInstalled;
import io.switchboard.runtime.peer.ShardMapSnapshot;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a node does for its peers: the calls of peer.proto, answered by the node's store. Methods
 * return promptly (they run on an event loop) and complete their futures later, on any thread.
 */
public interface PeerService {

  /**
   * Carries out a user operation a gateway forwarded, as if the user's own gateway were this node.
   *
   * @param userId the authenticated user, 0 for Register and Authenticate
   * @return the frame to answer the client with (a result or an Error; its request_id unset); never
   *     fails
   */
  CompletableFuture<ServerFrame> operation(long userId, ClientFrame request);

  /**
   * Applies outbox deliveries of one lane to {@code destinationShard}, which this node must lead,
   * in the given order: completes once the destination holds all of them durably; fails with a
   * {@link io.switchboard.runtime.protocol.MessagingException} (WRONG_SHARD when not the leader) or
   * any other exception, the destination then holding a prefix of them at most, after which the
   * sender retries.
   */
  CompletableFuture<Void> deliver(int destinationShard, List<DeliverMessage> messages);

  /** This node's newest shard map. */
  ShardMapSnapshot shardMap();

  /**
   * Answers another replica node's fetch of the shards this node leads (peer.proto, "Replication"),
   * possibly after holding it for up to its {@code max_wait_ms}; fails with {@link
   * IllegalArgumentException} for a malformed fetch.
   */
  CompletableFuture<ReplicaFetchReply> fetch(ReplicaFetch request);

  /**
   * Fences this node's replica of a shard; fails with {@link
   * io.switchboard.runtime.replication.StaleEpochException} below the epoch it has seen.
   */
  CompletableFuture<Fenced> fence(FenceShard command);

  /**
   * Promotes this node's replica of a shard; fails with {@link
   * io.switchboard.runtime.replication.StaleEpochException} at an epoch it has seen higher or was
   * promoted at, {@link IllegalArgumentException} when this node is not among the voters.
   */
  CompletableFuture<Promoted> promote(PromoteShard command);

  /**
   * Installs a newer shard map and gives the node's replicas the roles it names; fails with {@link
   * IllegalArgumentException} for an invalid map.
   */
  CompletableFuture<ShardMapInstalled> installShardMap(InstallShardMap command);

  /**
   * Answers a replica's fetch of a shard image chunk (peer.proto, "Shard images"); fails with
   * {@link io.switchboard.runtime.replication.NotPrimaryException} when this node is not the
   * shard's primary at the fetch's epoch, {@link IllegalArgumentException} for an image it does not
   * hold.
   */
  CompletableFuture<ImageChunk> imageFetch(ImageFetch request);

  /** How this node's replica of a shard stands; fails for an invalid shard. */
  CompletableFuture<ReplicaStatusReply> replicaStatus(GetReplicaStatus request);

  /** Whether this node reaches another one over the peer port now; never fails. */
  CompletableFuture<PeerProbed> probe(ProbePeer request);
}
