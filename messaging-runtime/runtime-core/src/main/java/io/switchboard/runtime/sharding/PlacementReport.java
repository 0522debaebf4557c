package io.switchboard.runtime.sharding;

import java.util.List;
import java.util.Objects;

/**
 * What a placement could not satisfy, stated plainly so that the topology API can show it as is.
 *
 * @param shortfalls one entry per kind and cause, in the order the placement found them
 */
public record PlacementReport(List<Shortfall> shortfalls) {

  public PlacementReport {
    shortfalls = List.copyOf(shortfalls);
  }

  /** Whether every shard got every copy it was meant to have. */
  public boolean isComplete() {
    return shortfalls.isEmpty();
  }

  /**
   * One line per shortfall, for example {@code "256 shards without a cross-DC replica: residency
   * EU"} or {@code "256 shards with fewer than 3 in-DC replicas: DC asia has 2 nodes"}.
   */
  public List<String> lines() {
    return shortfalls.stream().map(Shortfall::line).toList();
  }

  /** Which copies a shortfall lacks. */
  public enum Kind {
    /** Voters in the shard's home data centre. */
    IN_DC,
    /** Asynchronous replicas in other data centres. */
    CROSS_DC
  }

  /**
   * Shards that got fewer copies of one kind than wanted, for one cause.
   *
   * @param kind which copies are missing
   * @param shards how many shards are short, at least 1
   * @param wanted how many copies of that kind each shard was meant to have
   * @param cause why, in a few words, for example {@code "residency EU"}
   */
  public record Shortfall(Kind kind, int shards, int wanted, String cause) {

    public Shortfall {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(cause, "cause");
      if (shards < 1 || wanted < 1) {
        throw new IllegalArgumentException(
            "A shortfall needs shards and wanted copies, got " + shards + " and " + wanted);
      }
    }

    /** The shortfall as one sentence; see {@link PlacementReport#lines()}. */
    public String line() {
      String what =
          switch (kind) {
            case IN_DC -> "with fewer than " + wanted + " in-DC replicas";
            case CROSS_DC ->
                wanted == 1
                    ? "without a cross-DC replica"
                    : "with fewer than " + wanted + " cross-DC replicas";
          };
      return count(shards, "shard") + " " + what + ": " + cause;
    }
  }

  /** {@code "1 node"}, {@code "2 nodes"}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
