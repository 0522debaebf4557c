package io.switchboard.console.shards;

/**
 * A shard's health on the map, worst first: a shard takes the first verdict that applies. Each
 * verdict has a colour key ({@code data-c} of its cell) and a label for the legend.
 */
public enum ShardHealth {
  /** The node holding the primary is down: the shard takes no writes. */
  PRIMARY_DOWN("health-primary-down", "Primary down"),
  /** A follower or async replica is down, or the set has fewer than two in-DC followers. */
  REPLICAS_DEGRADED("health-replicas", "Replicas missing or down"),
  /** A node of the replica set serves another (older) map version, or did not say which. */
  DRIFT("health-drift", "Drift: node on an older map"),
  /** A node of the replica set has not been checked yet since the control plane started. */
  UNKNOWN("health-unknown", "Not checked yet"),
  /** Every replica is up and every node serves the newest map. */
  HEALTHY("health-ok", "Healthy");

  private final String key;
  private final String label;

  ShardHealth(String key, String label) {
    this.key = key;
    this.label = label;
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }
}
