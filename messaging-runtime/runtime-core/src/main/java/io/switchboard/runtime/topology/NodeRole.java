package io.switchboard.runtime.topology;

/** What a runtime node does; one node may hold several roles. */
public enum NodeRole {
  /** Accepts client connections on the gateway port and routes their requests. */
  GATEWAY,
  /** Holds shard replicas. */
  STORE
}
