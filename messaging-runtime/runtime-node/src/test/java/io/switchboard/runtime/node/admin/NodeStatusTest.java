package io.switchboard.runtime.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.node.gateway.GatewayTraffic;
import io.switchboard.runtime.node.identity.NodeIdentity;
import io.switchboard.runtime.testkit.FakeClock;
import io.switchboard.runtime.topology.NodeRole;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeStatusTest {

  private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

  private final FakeClock clock = FakeClock.at(START);
  private final GatewayTraffic traffic = new GatewayTraffic();
  private final NodeStatus status =
      new NodeStatus(
          new NodeIdentity("eu-1", "europe"),
          EnumSet.of(NodeRole.GATEWAY, NodeRole.STORE),
          clock,
          traffic);

  @Test
  void uptimeFollowsTheClockAndNeverGoesNegative() {
    assertThat(status.uptime()).isZero();

    clock.advance(Duration.ofMillis(2_500));
    assertThat(status.uptime()).isEqualTo(Duration.ofMillis(2_500));

    clock.setInstant(START.minusSeconds(10));
    assertThat(status.uptime()).isZero();
  }

  @Test
  void healthReportsTheNodeUpWithItsRolesAndWholeSecondsOfUptime() {
    clock.advance(Duration.ofMillis(61_900));

    assertThat(status.health())
        .isEqualTo(
            new HealthReport(
                "UP", "eu-1", "europe", List.of(NodeRole.GATEWAY, NodeRole.STORE), 61));
  }

  @Test
  void statsReportTheGatewayTraffic() {
    TrafficGenerator.pingWithoutHandshake(traffic);
    TrafficGenerator.slowConsumer(traffic);
    clock.advance(Duration.ofSeconds(3));

    assertThat(status.stats()).isEqualTo(new StatsReport("eu-1", "europe", 3, 0, 1, 1, 1, 1, 1));
  }
}
