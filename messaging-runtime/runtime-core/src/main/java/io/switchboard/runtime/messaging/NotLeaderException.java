package io.switchboard.runtime.messaging;

import io.switchboard.runtime.sharding.ShardMap;

/**
 * The request acts on a shard this node does not lead. {@link #redirect()} says which node does,
 * according to the shard map of version {@link ShardMap.Route.Redirect#mapVersion()}: the caller
 * sends the request there, after refreshing its map if it holds an older one.
 */
public final class NotLeaderException extends MessagingException {

  private final ShardMap.Route.Redirect redirect;

  public NotLeaderException(ShardMap.Route.Redirect redirect) {
    super(
        Rejection.NOT_LEADER,
        "shard "
            + redirect.shard()
            + " is led by "
            + redirect.primary()
            + " (shard map version "
            + redirect.mapVersion()
            + ")");
    this.redirect = redirect;
  }

  /** Where the request must go instead. */
  public ShardMap.Route.Redirect redirect() {
    return redirect;
  }
}
