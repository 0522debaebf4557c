package io.switchboard.controlplane.topology;

/**
 * Process-level control of nodes, provided by whoever launched them (the embedded cluster; nodes of
 * a cluster file run on their own and have none). Every method is idempotent: killing or shutting
 * down a stopped node or starting a running one does nothing.
 */
public interface NodeLifecycle {

  /** Whether this launcher owns the node. */
  boolean manages(String nodeId);

  /** Kills the node abruptly, as if its process had died. */
  void kill(String nodeId);

  /**
   * Stops the node gracefully: it stops accepting work, finishes and flushes what it has, writes a
   * checkpoint and closes its sockets.
   */
  void shutDown(String nodeId);

  /** Starts the node again on its data directory and its previous ports. */
  void start(String nodeId);
}
