package io.switchboard.runtime.replication;

/**
 * A proposal reached a replica that is not (or no longer) the shard's primary: the caller answers
 * NOT_LEADER and the client retries at the primary of the current shard map.
 */
public final class NotPrimaryException extends RuntimeException {

  private final int shard;

  public NotPrimaryException(int shard, String reason) {
    super("not the primary of shard " + shard + ": " + reason);
    this.shard = shard;
  }

  public int shard() {
    return shard;
  }
}
