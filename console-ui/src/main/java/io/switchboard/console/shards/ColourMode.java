package io.switchboard.console.shards;

/** What the colour of a shard's cell on the shard map says. */
public enum ColourMode {
  /** The data centre of the node that holds the primary. */
  PRIMARY_DC("Primary DC"),
  /** Whether the replica set is whole and up, and whether its nodes serve the newest map. */
  HEALTH("Health"),
  /** The largest replication lag in the replica set (sampled shard by shard). */
  LAG("Replication lag");

  private final String label;

  ColourMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
