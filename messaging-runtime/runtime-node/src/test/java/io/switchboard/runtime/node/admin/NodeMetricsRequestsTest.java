package io.switchboard.runtime.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.node.gateway.GatewayChannelInitializer;
import io.switchboard.runtime.node.gateway.GatewayTraffic;
import io.switchboard.runtime.node.gateway.OutboundLimits;
import io.switchboard.runtime.node.gateway.SessionRegistry;
import io.switchboard.runtime.node.identity.NodeIdentity;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.Handshake;
import io.switchboard.runtime.protocol.Register;
import io.switchboard.runtime.protocol.UnavailableMessagingEndpoint;
import io.switchboard.runtime.testkit.FakeClock;
import io.switchboard.runtime.topology.NodeRole;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request and byte metrics of a gateway-only node, in the text a scrape returns. */
class NodeMetricsRequestsTest {

  private static final NodeIdentity IDENTITY = new NodeIdentity("me-1", "middle-east");
  private static final String NODE = "dc=\"middle-east\",node_id=\"me-1\"";

  private final GatewayTraffic traffic = new GatewayTraffic(NodeMetrics.nodeLabels(IDENTITY));
  private final NodeMetrics metrics =
      new NodeMetrics(
          new NodeStatus(
              IDENTITY,
              Set.of(NodeRole.GATEWAY),
              FakeClock.at(Instant.parse("2025-03-01T12:00:00Z")),
              traffic));

  @Test
  void exposesRequestsByTypeAndOutcomeTheirDurationsAndTheBytes() {
    byte[] requests = encode(handshake(1), register(2));
    int answerBytes = exchange(requests);

    String text = new String(metrics.scrape(), StandardCharsets.UTF_8);

    assertThat(text)
        .contains("# TYPE switchboard_gateway_requests_total counter")
        .contains(
            "switchboard_gateway_requests_total{"
                + NODE
                + ",outcome=\"ok\",type=\"handshake\"} 1.0")
        .contains(
            "switchboard_gateway_requests_total{"
                + NODE
                + ",outcome=\"UNAVAILABLE\",type=\"register\"} 1.0")
        .contains(
            "switchboard_gateway_requests_total{" + NODE + ",outcome=\"ok\",type=\"register\"} 0.0")
        .contains("# TYPE switchboard_gateway_request_duration_seconds histogram")
        .contains(
            "switchboard_gateway_request_duration_seconds_count{" + NODE + ",type=\"register\"} 1")
        .contains(
            "switchboard_gateway_request_duration_seconds_bucket{"
                + NODE
                + ",type=\"register\",le=\"0.001\"}")
        .contains(
            "switchboard_gateway_bytes_received_total{" + NODE + "} " + (double) requests.length)
        .contains("switchboard_gateway_bytes_sent_total{" + NODE + "} " + (double) answerBytes)
        .doesNotContain("switchboard_store_", "switchboard_outbox_");
  }

  /**
   * Feeds {@code requests} to a fresh gateway connection and returns how many bytes it answered.
   */
  private int exchange(byte[] requests) {
    EmbeddedChannel connection =
        new EmbeddedChannel(
            new GatewayChannelInitializer(
                new GatewayParameters("me-1", "middle-east", 1024, 60),
                Duration.ofSeconds(10),
                OutboundLimits.DEFAULT,
                traffic,
                new UnavailableMessagingEndpoint(),
                new SessionRegistry()));
    try {
      connection.writeInbound(Unpooled.wrappedBuffer(requests));
      int answered = 0;
      for (ByteBuf bytes = connection.readOutbound();
          bytes != null;
          bytes = connection.readOutbound()) {
        answered += bytes.readableBytes();
        bytes.release();
      }
      return answered;
    } finally {
      connection.finishAndReleaseAll();
    }
  }

  private static byte[] encode(ClientFrame... frames) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (ClientFrame frame : frames) {
      stream.writeBytes(FrameCodec.encode(frame));
    }
    return stream.toByteArray();
  }

  private static ClientFrame handshake(long requestId) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setHandshake(Handshake.newBuilder().setProtocolVersion(FrameCodec.PROTOCOL_VERSION))
        .build();
  }

  private static ClientFrame register(long requestId) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setRegister(Register.newBuilder().setDisplayName("Ada").setDc("middle-east"))
        .build();
  }
}
