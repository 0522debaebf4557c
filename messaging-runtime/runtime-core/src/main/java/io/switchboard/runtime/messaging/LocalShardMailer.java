package io.switchboard.runtime.messaging;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers to shards this node leads, in process: the destination's DELIVER_MESSAGE command goes
 * into this node's log through {@link MessagingService#acceptDeliveries}. A destination led
 * elsewhere fails with {@link NotLeaderException}, and the relay retries.
 */
public final class LocalShardMailer implements ShardMailer {

  private final MessagingService service;

  public LocalShardMailer(MessagingService service) {
    this.service = service;
  }

  @Override
  public CompletableFuture<Void> deliver(List<Delivery> deliveries) {
    return service.acceptDeliveries(deliveries);
  }
}
