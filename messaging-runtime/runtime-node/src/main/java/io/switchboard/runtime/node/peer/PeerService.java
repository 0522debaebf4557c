package io.switchboard.runtime.node.peer;

import io.switchboard.runtime.messaging.log.DeliverMessage;
import io.switchboard.runtime.peer.ShardMapSnapshot;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.ServerFrame;
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
   * Applies an outbox delivery to {@code destinationShard}, which this node must lead: completes
   * once the destination holds it durably; fails with a {@link
   * io.switchboard.runtime.protocol.MessagingException} (WRONG_SHARD when not the leader) or any
   * other exception, after which the sender retries.
   */
  CompletableFuture<Void> deliver(int destinationShard, DeliverMessage message);

  /** This node's newest shard map. */
  ShardMapSnapshot shardMap();
}
