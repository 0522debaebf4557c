package io.switchboard.runtime.node.cluster;

import io.switchboard.runtime.messaging.Delivery;
import io.switchboard.runtime.messaging.ShardMailer;
import io.switchboard.runtime.node.peer.PeerLinks;
import io.switchboard.runtime.peer.PeerRequest;
import io.switchboard.runtime.peer.ShardDeliveries;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Carries outbox deliveries to the leader of their destination shard by the node's current map: in
 * process when this node leads it, else over the leader's peer link. Any refusal or lost answer
 * fails the future, and the relay retries with backoff (see {@link ShardMailer}).
 */
final class RoutingShardMailer implements ShardMailer {

  private final String nodeId;
  private final ShardMapHolder maps;
  private final ShardMailer local;
  private final PeerLinks peers;

  RoutingShardMailer(String nodeId, ShardMapHolder maps, ShardMailer local, PeerLinks peers) {
    this.nodeId = nodeId;
    this.maps = maps;
    this.local = local;
    this.peers = peers;
  }

  @Override
  public CompletableFuture<Void> deliver(List<Delivery> deliveries) {
    int destinationShard = deliveries.get(0).destinationShard();
    String leader = maps.current().replicaSet(destinationShard).primary();
    if (leader.equals(nodeId)) {
      return local.deliver(deliveries);
    }
    ShardDeliveries.Builder batch =
        ShardDeliveries.newBuilder().setDestinationShard(destinationShard);
    for (Delivery delivery : deliveries) {
      batch.addMessages(delivery.message());
    }
    PeerRequest.Builder request = PeerRequest.newBuilder().setDeliveries(batch);
    return peers
        .link(leader)
        .call(request)
        .thenAccept(
            reply -> {
              if (!reply.hasDelivered()) {
                throw new CompletionException(
                    new IllegalStateException(
                        "node "
                            + leader
                            + " did not take "
                            + deliveries.size()
                            + " deliveries to shard "
                            + destinationShard
                            + ": "
                            + reply.getError().getCode()
                            + " "
                            + reply.getError().getMessage()));
              }
            });
  }
}
