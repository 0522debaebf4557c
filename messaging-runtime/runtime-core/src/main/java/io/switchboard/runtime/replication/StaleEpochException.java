package io.switchboard.runtime.replication;

/**
 * A control-plane command (fence, promote, follow) named an epoch this replica may no longer act
 * on: below the highest epoch it has seen, or one it was already promoted at. The command is
 * refused and nothing changed; the control plane retries at a higher epoch.
 */
public final class StaleEpochException extends RuntimeException {

  private final long requested;
  private final long highestSeen;

  public StaleEpochException(int shard, long requested, long highestSeen, String reason) {
    super(
        "shard "
            + shard
            + ": epoch "
            + requested
            + " refused ("
            + reason
            + "), seen "
            + highestSeen);
    this.requested = requested;
    this.highestSeen = highestSeen;
  }

  public long requested() {
    return requested;
  }

  public long highestSeen() {
    return highestSeen;
  }
}
