package io.switchboard.benchmarks.messaging;

import java.util.Locale;

/**
 * How the in-process cluster of a send phase places copies of each shard.
 *
 * <ul>
 *   <li>{@link #QUORUM}: the product's default since ADR 0008, {@code
 *       BalancedPlacement.defaults()}: a primary and two followers in the shard's home data centre,
 *       a write acknowledged once two of the three are durable (LOCAL_QUORUM), and an asynchronous
 *       copy in another data centre where residency allows (not for Europe). Needs an {@code
 *       N-per-dc} topology; with fewer than three nodes in a data centre its shards get the nodes
 *       it has.
 *   <li>{@link #SINGLE}: one copy of every shard on one store node of its home data centre, as
 *       before replication; the only choice for the one-node topology.
 * </ul>
 */
enum Replication {
  QUORUM,
  SINGLE;

  /**
   * Parses {@code quorum} or {@code single}.
   *
   * @throws IllegalArgumentException for anything else
   */
  static Replication parse(String text) {
    return switch (text) {
      case "quorum" -> QUORUM;
      case "single" -> SINGLE;
      default ->
          throw new IllegalArgumentException("--replication must be quorum or single: " + text);
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
