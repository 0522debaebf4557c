package io.switchboard.runtime.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.runtime.node.gateway.GatewayTraffic;
import io.switchboard.runtime.node.identity.NodeIdentity;
import io.switchboard.runtime.testkit.FakeClock;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminRequestHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeClock clock = FakeClock.at(Instant.parse("2025-03-01T12:00:00Z"));
  private final GatewayTraffic traffic = new GatewayTraffic();
  private final NodeStatus status =
      new NodeStatus(new NodeIdentity("as-2", "asia"), EnumSet.of(NodeRole.STORE), clock, traffic);
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new AdminRequestHandler(status, new NodeMetrics(status)));

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void healthIsJsonWithStatusIdentityRolesAndUptime() throws IOException {
    clock.advance(Duration.ofSeconds(12));

    Response response = request(HttpMethod.GET, "/health");

    assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
    assertThat(response.contentType()).isEqualTo("application/json");
    JsonNode health = JSON.readTree(response.body());
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.get("nodeId").asText()).isEqualTo("as-2");
    assertThat(health.get("dc").asText()).isEqualTo("asia");
    assertThat(health.get("roles").toString()).isEqualTo("[\"STORE\"]");
    assertThat(health.get("uptimeSeconds").asLong()).isEqualTo(12);
  }

  @Test
  void statsIsJsonWithTheTrafficCounters() throws IOException {
    TrafficGenerator.pingWithoutHandshake(traffic);
    TrafficGenerator.slowConsumer(traffic);

    Response response = request(HttpMethod.GET, "/stats?verbose=true");

    assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(JSON.readValue(response.body(), StatsReport.class))
        .isEqualTo(new StatsReport("as-2", "asia", 0, 0, 1, 1, 1, 1, 1));
  }

  @Test
  void metricsAreInThePrometheusTextFormat() {
    Response response = request(HttpMethod.GET, "/metrics");

    assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
    assertThat(response.contentType()).startsWith("text/plain; version=0.0.4");
    assertThat(response.body())
        .contains("switchboard_node_uptime_seconds{dc=\"asia\",node_id=\"as-2\"} 0.0");
  }

  @Test
  void unknownPathsAreNotFound() {
    Response response = request(HttpMethod.GET, "/healthz");

    assertThat(response.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    assertThat(response.body()).isEqualTo("no such path: /healthz\n");
  }

  @Test
  void otherMethodsThanGetAreNotAllowed() {
    Response response = request(HttpMethod.POST, "/health");

    assertThat(response.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
    assertThat(response.allow()).isEqualTo("GET");
  }

  @Test
  void undecodableRequestsAreBadRequests() {
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/health");
    request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("bad header")));

    assertThat(exchange(request).status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
  }

  private Response request(HttpMethod method, String uri) {
    return exchange(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
  }

  private Response exchange(FullHttpRequest request) {
    channel.writeInbound(request);
    FullHttpResponse response = channel.readOutbound();
    try {
      assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
          .isEqualTo(response.content().readableBytes());
      return new Response(
          response.status(),
          response.headers().get(HttpHeaderNames.CONTENT_TYPE),
          response.headers().get(HttpHeaderNames.ALLOW),
          response.content().toString(StandardCharsets.UTF_8));
    } finally {
      response.release();
    }
  }

  private record Response(
      HttpResponseStatus status, String contentType, String allow, String body) {}
}
