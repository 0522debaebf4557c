package io.switchboard.runtime.node.admin;

import io.switchboard.runtime.topology.NodeRole;
import java.util.List;

/**
 * The JSON body of {@code GET /health}.
 *
 * @param status {@value #UP} while the node serves requests
 * @param nodeId the node id
 * @param dc the node's data centre
 * @param roles the node's roles, in enum order
 * @param uptimeSeconds whole seconds since the node started
 */
public record HealthReport(
    String status, String nodeId, String dc, List<NodeRole> roles, long uptimeSeconds) {

  public static final String UP = "UP";

  public HealthReport {
    roles = List.copyOf(roles);
  }
}
