package io.switchboard.controlplane.topology;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.controlplane.audit.Audited;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoints of {@link TopologyApi}; also the in-process implementation the console calls.
 * Authorisation is enforced here (method security), so both paths are checked alike.
 */
@RestController
@Tag(name = "Topology", description = "Data centres, nodes, roles, addresses and health")
class TopologyController implements TopologyApi {

  private final TopologyService topology;
  private final NodeControlService control;

  TopologyController(TopologyService topology, NodeControlService control) {
    this.topology = topology;
    this.control = control;
  }

  @Override
  @PreAuthorize("hasRole('VIEWER')")
  @Operation(summary = "The current topology: every DC with its nodes and their health")
  public TopologyView topology() {
    return topology.view();
  }

  @Override
  @PreAuthorize("hasRole('OPERATOR')")
  @Audited("node.kill")
  @Operation(
      summary = "Kill a node abruptly (fault injection, embedded cluster only)",
      description =
          "Closes every socket of the node at once, as if its process had died. The health checks"
              + " report it DOWN within a few seconds.")
  public NodeView killNode(String nodeId) {
    return control.kill(nodeId);
  }

  @Override
  @PreAuthorize("hasRole('OPERATOR')")
  @Audited("node.start")
  @Operation(summary = "Start a killed node again on its data directory and ports")
  public NodeView startNode(String nodeId) {
    return control.start(nodeId);
  }
}
