package io.switchboard.runtime.messaging;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Carries deliveries of one outbox lane to the leader of their destination shard, which applies
 * them with {@link MessagingService#acceptDeliveries}. {@link LocalShardMailer} serves shards led
 * by this node; the node wiring provides the network implementation for the others (the delivery's
 * message is the wire body) and picks between them by the shard map.
 *
 * <p>Contract: the deliveries (at least one, all for one destination shard, in the lane's order)
 * are appended by the destination in that order. The future completes normally only once the
 * destination holds all of them durably (a redelivery it recognises counts); any failure means "not
 * known to be delivered", the destination then holding a prefix of them at most, and the relay
 * retries from the first. The destination's ledger makes retries harmless.
 */
@FunctionalInterface
public interface ShardMailer {

  CompletableFuture<Void> deliver(List<Delivery> deliveries);
}
