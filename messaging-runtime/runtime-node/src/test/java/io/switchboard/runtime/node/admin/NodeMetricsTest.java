package io.switchboard.runtime.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.node.gateway.GatewayTraffic;
import io.switchboard.runtime.node.identity.NodeIdentity;
import io.switchboard.runtime.testkit.FakeClock;
import io.switchboard.runtime.topology.NodeRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {

  private final FakeClock clock = FakeClock.at(Instant.parse("2025-03-01T12:00:00Z"));

  @Test
  void exposesTheNodeAndGatewayMetricsWithNodeLabels() {
    GatewayTraffic traffic = new GatewayTraffic();
    NodeMetrics metrics = metricsOf("am-1", "americas", traffic);
    TrafficGenerator.pingWithoutHandshake(traffic);
    TrafficGenerator.slowConsumer(traffic);
    clock.advance(Duration.ofMillis(4_500));

    String text = scrape(metrics);

    String node = "dc=\"americas\",node_id=\"am-1\"";
    assertThat(text)
        .contains("# TYPE switchboard_node_uptime_seconds gauge")
        .contains("switchboard_node_uptime_seconds{" + node + "} 4.5")
        .contains("# TYPE switchboard_gateway_connections_open gauge")
        .contains("switchboard_gateway_connections_open{" + node + "} 0.0")
        .contains("# TYPE switchboard_gateway_connections_accepted_total counter")
        .contains("switchboard_gateway_connections_accepted_total{" + node + "} 1.0")
        .contains("# TYPE switchboard_gateway_slow_consumer_disconnects_total counter")
        .contains("switchboard_gateway_slow_consumer_disconnects_total{" + node + "} 1.0")
        .contains("switchboard_gateway_frames_received_total{" + node + "} 1.0")
        .contains("switchboard_gateway_frames_sent_total{" + node + "} 1.0")
        .contains(
            "switchboard_gateway_protocol_errors_total{code=\"HANDSHAKE_REQUIRED\","
                + node
                + "} 1.0")
        .contains(
            "switchboard_gateway_protocol_errors_total{code=\"FRAME_TOO_LARGE\"," + node + "} 0.0")
        .contains(
            "switchboard_gateway_protocol_errors_total{code=\"HANDSHAKE_TIMEOUT\","
                + node
                + "} 0.0")
        .doesNotContain("ERROR_CODE_UNSPECIFIED", "UNRECOGNIZED");
  }

  @Test
  void includesTheJvmMetrics() {
    assertThat(scrape(metricsOf("am-1", "americas", new GatewayTraffic())))
        .contains("jvm_memory_used_bytes")
        .contains("jvm_threads_current");
  }

  @Test
  void everyNodeHasItsOwnRegistry() {
    NodeMetrics americas = metricsOf("am-1", "americas", new GatewayTraffic());
    NodeMetrics europe = metricsOf("eu-1", "europe", new GatewayTraffic());

    assertThat(scrape(americas)).contains("node_id=\"am-1\"").doesNotContain("node_id=\"eu-1\"");
    assertThat(scrape(europe)).contains("node_id=\"eu-1\"").doesNotContain("node_id=\"am-1\"");
  }

  @Test
  void announcesThePrometheusTextContentType() {
    assertThat(metricsOf("am-1", "americas", new GatewayTraffic()).contentType())
        .startsWith("text/plain; version=0.0.4");
  }

  private NodeMetrics metricsOf(String nodeId, String dc, GatewayTraffic traffic) {
    return new NodeMetrics(
        new NodeStatus(new NodeIdentity(nodeId, dc), Set.of(NodeRole.GATEWAY), clock, traffic));
  }

  private static String scrape(NodeMetrics metrics) {
    return new String(metrics.scrape(), StandardCharsets.UTF_8);
  }
}
