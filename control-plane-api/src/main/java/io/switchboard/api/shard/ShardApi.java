package io.switchboard.api.shard;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** The shard map as the control plane owns it: desired state, and where nodes differ from it. */
@HttpExchange("/api/v1/shards")
public interface ShardApi {

  /** Every shard's replica set in the newest map, and the nodes that serve an older map. */
  @GetExchange
  ShardMapView shards();

  /**
   * One shard: its replicas with their live progress and lag, and the operations that acted on it.
   */
  @GetExchange("/{shard}")
  ShardView shard(@PathVariable("shard") int shard);
}
