package io.switchboard.api.topology;

/** Health of a runtime node as last observed by the control plane's health checks. */
public enum NodeHealth {
  /** Not yet checked since the control plane started. */
  UNKNOWN,
  /** The last health check succeeded. */
  UP,
  /** Consecutive health checks failed (threshold in configuration): the node is considered dead. */
  DOWN
}
