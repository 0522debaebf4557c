package io.switchboard.controlplane.topology;

import io.switchboard.api.topology.NodeView;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Kills and starts nodes through the launcher that owns them. The topology's health is not changed
 * here: the health checks observe the effect, exactly as they would for a real crash.
 */
@Service
public class NodeControlService {

  private static final Logger log = LoggerFactory.getLogger(NodeControlService.class);

  private final TopologyService topology;
  private final List<NodeLifecycle> launchers;

  NodeControlService(TopologyService topology, List<NodeLifecycle> launchers) {
    this.topology = topology;
    this.launchers = launchers;
  }

  /** Kills the node abruptly; returns its view as known before the checks notice. */
  public NodeView kill(String nodeId) {
    launcherOf(nodeId).kill(nodeId);
    log.warn("Node {} killed on request", nodeId);
    return topology.nodeView(nodeId);
  }

  /** Starts a killed node again; returns its view as known before the checks notice. */
  public NodeView start(String nodeId) {
    launcherOf(nodeId).start(nodeId);
    log.info("Node {} started on request", nodeId);
    return topology.nodeView(nodeId);
  }

  private NodeLifecycle launcherOf(String nodeId) {
    topology.node(nodeId); // unknown ids fail with 404 before anything else
    return launchers.stream()
        .filter(l -> l.manages(nodeId))
        .findFirst()
        .orElseThrow(() -> new NodeNotControllableException(nodeId));
  }
}
