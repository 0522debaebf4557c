package io.switchboard.runtime.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.node.gateway.GatewayTraffic;
import io.switchboard.runtime.node.identity.NodeIdentity;
import io.switchboard.runtime.testkit.FakeClock;
import io.switchboard.runtime.topology.NodeRole;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminChannelInitializerTest {

  private final NodeStatus status =
      new NodeStatus(
          new NodeIdentity("am-3", "americas"),
          Set.of(NodeRole.GATEWAY),
          FakeClock.at(Instant.parse("2025-03-01T12:00:00Z")),
          new GatewayTraffic());
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new AdminChannelInitializer(new AdminRequestHandler(status, new NodeMetrics(status))));

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void assemblesThePipelineInOrder() {
    assertThat(channel.pipeline().names())
        .containsSubsequence("http-codec", "keep-alive", "aggregator", "requests");
  }

  @Test
  void servesHttpOverRawBytesAndKeepsTheConnectionAlive() {
    String response = exchange("GET /health HTTP/1.1\r\nHost: node\r\n\r\n");

    assertThat(response)
        .startsWith("HTTP/1.1 200 OK\r\n")
        .contains("content-type: application/json\r\n")
        .endsWith(
            "{\"status\":\"UP\",\"nodeId\":\"am-3\",\"dc\":\"americas\",\"roles\":[\"GATEWAY\"],"
                + "\"uptimeSeconds\":0}");
    assertThat(channel.isOpen()).isTrue();
    assertThat(exchange("GET /stats HTTP/1.1\r\nHost: node\r\n\r\n")).startsWith("HTTP/1.1 200 OK");
  }

  @Test
  void closesTheConnectionWhenTheClientAsksTo() {
    String response = exchange("GET /health HTTP/1.1\r\nHost: node\r\nConnection: close\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 200 OK");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void refusesARequestBodyAboveTheLimit() {
    String response =
        exchange(
            "POST /health HTTP/1.1\r\nHost: node\r\nContent-Length: "
                + (AdminChannelInitializer.MAX_REQUEST_BYTES + 1)
                + "\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 413 Request Entity Too Large");
  }

  private String exchange(String request) {
    channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
    StringBuilder response = new StringBuilder();
    for (ByteBuf bytes = channel.readOutbound(); bytes != null; bytes = channel.readOutbound()) {
      response.append(bytes.toString(StandardCharsets.UTF_8));
      bytes.release();
    }
    return response.toString();
  }
}
