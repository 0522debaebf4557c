package io.switchboard.controlplane.operation;

/** What an {@link Operation} does; each type has its own planner and step runner. */
public enum OperationType {
  /** Moves a shard's primary to an in-DC follower with zero loss. */
  SHARD_SWITCHOVER("shard switchover"),
  /** Moves every primary off a node so that it can be taken out of service. */
  NODE_DRAIN("node drain"),
  /** Restarts a node, its primaries moved away first. */
  NODE_RESTART("node restart"),
  /**
   * Moves the primaries of a node that failed to in-DC followers, after a second monitor confirms
   * the node is unreachable; started by automatic failover (or by hand).
   */
  PRIMARY_FAILOVER("primary failover"),
  /**
   * A failover drill: synthetic traffic on a node's shards, the node killed, the automatic failover
   * timed and checked for loss and fencing, the node restored, a report stored.
   */
  DRILL("failover drill"),
  /**
   * Moves a lost or failing data centre's clients and shards to other DCs: removes it from the
   * gateway endpoint directory, records the data at risk, promotes its shards' cross-DC replicas.
   */
  DC_FAILOVER("DC failover"),
  /** Gives a returned data centre its shards and clients back after a DC failover. */
  DC_SWITCHBACK("DC switchback");

  private final String label;

  OperationType(String label) {
    this.label = label;
  }

  /** The type for people, in lower case: "shard switchover". */
  public String label() {
    return label;
  }
}
