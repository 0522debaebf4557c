package io.switchboard.api.topology;

/** What a runtime node does; one node may hold several roles. */
public enum NodeRole {
  /** Accepts client connections on the gateway port and routes requests by the shard map. */
  GATEWAY,
  /** Holds shard replicas on local disk. */
  STORE
}
