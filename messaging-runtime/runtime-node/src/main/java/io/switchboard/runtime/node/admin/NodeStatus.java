package io.switchboard.runtime.node.admin;

import io.switchboard.runtime.node.gateway.GatewayTraffic;
import io.switchboard.runtime.node.identity.NodeIdentity;
import io.switchboard.runtime.topology.NodeRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The observable state of one running node, from which the health report, the stats report and the
 * metrics are all read. Uptime is measured on the injected clock from the moment this object is
 * created; it never goes negative, even if the clock is set backwards. Roles are reported in enum
 * order.
 *
 * <p>Thread-safe.
 */
public final class NodeStatus {

  private final NodeIdentity identity;
  private final List<NodeRole> roles;
  private final Clock clock;
  private final Instant startedAt;
  private final GatewayTraffic traffic;

  public NodeStatus(
      NodeIdentity identity, Set<NodeRole> roles, Clock clock, GatewayTraffic traffic) {
    this.identity = identity;
    this.roles = roles.stream().sorted().toList();
    this.clock = clock;
    this.startedAt = clock.instant();
    this.traffic = traffic;
  }

  public NodeIdentity identity() {
    return identity;
  }

  public GatewayTraffic traffic() {
    return traffic;
  }

  /** Time since the node started, never negative. */
  public Duration uptime() {
    Duration uptime = Duration.between(startedAt, clock.instant());
    return uptime.isNegative() ? Duration.ZERO : uptime;
  }

  /** The body of {@code GET /health}: a running node is always UP. */
  public HealthReport health() {
    return new HealthReport(
        HealthReport.UP, identity.nodeId(), identity.dc(), roles, uptime().toSeconds());
  }

  /** The body of {@code GET /stats}. */
  public StatsReport stats() {
    return new StatsReport(
        identity.nodeId(),
        identity.dc(),
        uptime().toSeconds(),
        traffic.connectionsOpen(),
        traffic.connectionsAccepted(),
        traffic.framesReceived(),
        traffic.framesSent(),
        traffic.protocolErrors(),
        traffic.slowConsumerDisconnects());
  }
}
