package io.switchboard.controlplane.topology;

import io.switchboard.api.topology.NodeRole;
import java.util.Objects;
import java.util.Set;

/**
 * A runtime node as announced to the topology by whoever launched it.
 *
 * @param id cluster-unique node id
 * @param dc id of a configured data centre
 * @param roles what the node does
 * @param host address the node listens on
 * @param gatewayPort client gateway port, or {@code null} without the gateway role
 * @param adminPort admin endpoint port (health, stats, metrics)
 */
public record NodeRegistration(
    String id, String dc, Set<NodeRole> roles, String host, Integer gatewayPort, int adminPort) {

  public NodeRegistration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dc, "dc");
    Objects.requireNonNull(host, "host");
    roles = Set.copyOf(roles);
    if (roles.contains(NodeRole.GATEWAY) != (gatewayPort != null)) {
      throw new IllegalArgumentException(
          "Node " + id + ": a gateway port is required exactly when the node has the GATEWAY role");
    }
  }

  public String adminAddress() {
    return host + ":" + adminPort;
  }

  public String gatewayAddress() {
    return gatewayPort == null ? null : host + ":" + gatewayPort;
  }
}
