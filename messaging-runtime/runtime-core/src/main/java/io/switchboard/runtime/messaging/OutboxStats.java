package io.switchboard.runtime.messaging;

import java.time.Duration;
import java.util.Objects;

/**
 * How far the outbox relay of one node is behind, as {@link OutboxRelay#stats} reads it.
 *
 * @param pendingEntries outbox entries not yet delivered on the shards this node leads
 * @param oldestPendingAge how long ago the oldest entry being delivered (or waiting for its retry)
 *     was accepted; zero when no entry is
 */
public record OutboxStats(long pendingEntries, Duration oldestPendingAge) {

  public OutboxStats {
    if (pendingEntries < 0) {
      throw new IllegalArgumentException("pendingEntries must not be negative: " + pendingEntries);
    }
    Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
    if (oldestPendingAge.isNegative()) {
      throw new IllegalArgumentException("oldestPendingAge must not be negative");
    }
  }
}
