package io.switchboard.controlplane.topology;

import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeView;
import java.time.Instant;

/** What the topology stores about one node: its registration and its last observed health. */
record NodeState(NodeRegistration node, NodeHealth health, Instant healthSince, String lastError) {

  NodeState withHealth(NodeHealth next, Instant since, String error) {
    return new NodeState(node, next, since, error);
  }

  NodeState withError(String error) {
    return new NodeState(node, health, healthSince, error);
  }

  NodeView toView() {
    return new NodeView(
        node.id(),
        node.dc(),
        node.roles(),
        node.gatewayAddress(),
        node.adminAddress(),
        health,
        healthSince,
        lastError);
  }
}
