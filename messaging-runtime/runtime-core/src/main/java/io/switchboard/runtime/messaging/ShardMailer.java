package io.switchboard.runtime.messaging;

import java.util.concurrent.CompletableFuture;

/**
 * Carries a {@link Delivery} to the leader of its destination shard, which applies it with {@link
 * MessagingService#acceptDelivery}. {@link LocalShardMailer} serves shards led by this node; the
 * node wiring provides the network implementation for the others (the delivery's message is the
 * wire body) and picks between them by the shard map.
 *
 * <p>Contract: the future completes normally only once the destination holds the delivery durably
 * (a redelivery it recognises counts); any failure means "not known to be delivered", and the relay
 * retries. The destination's ledger makes retries harmless.
 */
@FunctionalInterface
public interface ShardMailer {

  CompletableFuture<Void> deliver(Delivery delivery);
}
