package io.switchboard.controlplane.topology;

/**
 * Process-level control of nodes, provided by whoever launched them (the embedded cluster). Both
 * methods are idempotent: killing a dead node or starting a running one does nothing.
 */
public interface NodeLifecycle {

  /** Whether this launcher owns the node. */
  boolean manages(String nodeId);

  /** Kills the node abruptly, as if its process had died. */
  void kill(String nodeId);

  /** Starts the node again on its data directory and its previous ports. */
  void start(String nodeId);
}
