package io.switchboard.api.topology;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** Topology of the cluster: data centres, nodes, roles, addresses and health. */
@HttpExchange("/api/v1")
public interface TopologyApi {

  /** The current topology; readable by every role. */
  @GetExchange("/topology")
  TopologyView topology();

  /**
   * Kills a node abruptly, as if its process had died (fault injection; embedded cluster only).
   * Requires OPERATOR.
   */
  @PostExchange("/nodes/{nodeId}/kill")
  NodeView killNode(@PathVariable("nodeId") String nodeId);

  /** Starts a killed node again on its data directory and ports. Requires OPERATOR. */
  @PostExchange("/nodes/{nodeId}/start")
  NodeView startNode(@PathVariable("nodeId") String nodeId);
}
