package io.switchboard.runtime.node;

import static io.switchboard.runtime.node.FramedSocket.handshake;
import static io.switchboard.runtime.node.FramedSocket.ping;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.runtime.node.gateway.OutboundLimits;
import io.switchboard.runtime.node.identity.ForeignDataDirectoryException;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.HandshakeAccepted;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.testkit.FakeClock;
import io.switchboard.runtime.topology.NodeRole;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeNodeTest {

  private static final String HOST = NodeConfig.DEFAULT_HOST;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private final FakeClock clock = FakeClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<RuntimeNode> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    nodes.forEach(RuntimeNode::kill);
  }

  @Test
  void servesClientsAndReportsTrafficThenDiesAbruptlyAndRestartsOnTheSamePorts() throws Exception {
    NodeConfig config =
        NodeConfig.of(
            "am-1", "americas", Set.of(NodeRole.GATEWAY, NodeRole.STORE), temp.resolve("am-1"));
    RuntimeNode node = start(config);
    assertThat(node.isRunning()).isTrue();
    assertThat(node.gatewayPort()).isPositive();
    assertThat(node.adminPort()).isPositive().isNotEqualTo(node.gatewayPort());

    FramedSocket client = new FramedSocket(HOST, node.gatewayPort());
    client.send(handshake(1));
    assertThat(client.receive().getHandshakeAccepted())
        .isEqualTo(
            HandshakeAccepted.newBuilder()
                .setProtocolVersion(1)
                .setNodeId("am-1")
                .setDc("americas")
                .setMaxFrameBytes(1 << 20)
                .setIdleTimeoutSeconds(60)
                .build());
    client.send(ping(2, 0x5EED));
    ServerFrame pong = client.receive();
    assertThat(pong.getRequestId()).isEqualTo(2);
    assertThat(pong.getPong().getPayload()).isEqualTo(0x5EED);
    clock.advance(Duration.ofSeconds(42));

    HttpResponse<String> health = get(node, "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode healthJson = JSON.readTree(health.body());
    assertThat(healthJson.get("status").asText()).isEqualTo("UP");
    assertThat(healthJson.get("nodeId").asText()).isEqualTo("am-1");
    assertThat(healthJson.get("dc").asText()).isEqualTo("americas");
    assertThat(healthJson.get("roles").toString()).isEqualTo("[\"GATEWAY\",\"STORE\"]");
    assertThat(healthJson.get("uptimeSeconds").asLong()).isEqualTo(42);

    JsonNode stats = JSON.readTree(get(node, "/stats").body());
    assertThat(stats.get("framesReceived").asLong()).isEqualTo(2);
    assertThat(stats.get("framesSent").asLong()).isEqualTo(2);
    assertThat(stats.get("connectionsOpen").asLong()).isEqualTo(1);
    assertThat(stats.get("connectionsAccepted").asLong()).isEqualTo(1);
    assertThat(stats.get("protocolErrors").asLong()).isZero();
    assertThat(stats.get("uptimeSeconds").asLong()).isEqualTo(42);

    HttpResponse<String> metrics = get(node, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    String labels = "{dc=\"americas\",node_id=\"am-1\"}";
    assertThat(metrics.body())
        .contains("switchboard_gateway_frames_received_total" + labels + " 2.0")
        .contains("switchboard_gateway_connections_open" + labels + " 1.0")
        .contains("switchboard_node_uptime_seconds" + labels + " 42.0");

    int gatewayPort = node.gatewayPort();
    int adminPort = node.adminPort();
    node.kill();

    assertThat(node.isRunning()).isFalse();
    assertThatThrownBy(client::read)
        .isInstanceOf(SocketException.class)
        .hasMessageContaining("reset");
    client.close();
    assertThatThrownBy(() -> new Socket(HOST, gatewayPort).close())
        .isInstanceOf(ConnectException.class);
    assertThatThrownBy(() -> new Socket(HOST, adminPort).close())
        .isInstanceOf(ConnectException.class);

    RuntimeNode restarted = start(config.withPorts(gatewayPort, adminPort));
    assertThat(restarted.gatewayPort()).isEqualTo(gatewayPort);
    assertThat(restarted.adminPort()).isEqualTo(adminPort);
    try (FramedSocket again = new FramedSocket(HOST, gatewayPort)) {
      again.send(handshake(1));
      assertThat(again.receive().getHandshakeAccepted().getNodeId()).isEqualTo("am-1");
    }
    assertThat(JSON.readTree(get(restarted, "/stats").body()).get("connectionsAccepted").asLong())
        .as("a restarted node starts from empty memory")
        .isEqualTo(1);
  }

  @Test
  void killIsIdempotent() throws IOException {
    RuntimeNode node = start(NodeConfig.of("am-2", "americas", Set.of(NodeRole.GATEWAY), temp));

    node.kill();
    node.kill();
    node.close();

    assertThat(node.isRunning()).isFalse();
  }

  @Test
  void closeEndsConnectionsWithAnOrderlyShutdown() throws IOException, FrameDecodingException {
    RuntimeNode node = start(NodeConfig.of("eu-1", "europe", Set.of(NodeRole.GATEWAY), temp));
    try (FramedSocket client = new FramedSocket(HOST, node.gatewayPort());
        Socket admin = new Socket(HOST, node.adminPort())) {
      client.send(handshake(1));
      client.receive();
      admin.setSoTimeout(5_000);
      admin
          .getOutputStream()
          .write("GET /health HTTP/1.1\r\nHost: node\r\n\r\n".getBytes(US_ASCII));
      InputStream adminIn = admin.getInputStream();
      assertThat(new String(adminIn.readNBytes(15), US_ASCII)).isEqualTo("HTTP/1.1 200 OK");

      node.close();

      assertThat(client.read()).isEqualTo(-1);
      assertThat(new String(adminIn.readAllBytes(), US_ASCII))
          .as("the rest of the response, then an orderly end of stream")
          .endsWith("\"uptimeSeconds\":0}");
    }
    assertThat(node.isRunning()).isFalse();
    assertThatThrownBy(() -> new Socket(HOST, node.gatewayPort()).close())
        .isInstanceOf(ConnectException.class);
    assertThatThrownBy(() -> new Socket(HOST, node.adminPort()).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void reportsAProtocolErrorThenClosesTheConnection() throws Exception {
    RuntimeNode node = start(NodeConfig.of("eu-2", "europe", Set.of(NodeRole.GATEWAY), temp));
    try (FramedSocket client = new FramedSocket(HOST, node.gatewayPort())) {
      client.sendRaw(ByteBuffer.allocate(4).putInt((1 << 20) + 1).array());

      ServerFrame error = client.receive();

      assertThat(error.getRequestId()).isZero();
      assertThat(error.getError().getCode()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
      assertThat(client.read()).isEqualTo(-1);
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              JsonNode stats = JSON.readTree(get(node, "/stats").body());
              assertThat(stats.get("protocolErrors").asLong()).isEqualTo(1);
              assertThat(stats.get("connectionsOpen").asLong()).isZero();
            });
  }

  @Test
  void closesAConnectionThatDoesNotHandshakeInTime() throws Exception {
    RuntimeNode node =
        start(
            NodeConfig.of("eu-4", "europe", Set.of(NodeRole.GATEWAY), temp)
                .withHandshakeTimeout(Duration.ofMillis(200)));
    try (FramedSocket client = new FramedSocket(HOST, node.gatewayPort())) {
      ServerFrame error = client.receive();

      assertThat(error.getRequestId()).isZero();
      assertThat(error.getError().getCode()).isEqualTo(ErrorCode.HANDSHAKE_TIMEOUT);
      assertThat(client.read()).isEqualTo(-1);
    }
  }

  /**
   * The flooder's pongs first fill the operating system's buffers (a few MiB on loopback), then the
   * gateway's: past the 64 KiB high-water mark it stops reading the flooder and drops it 200 ms
   * later, while the healthy client's pings keep being answered.
   */
  @Test
  void disconnectsAClientThatSendsWithoutReadingWhileServingTheOthers() throws Exception {
    RuntimeNode node =
        start(
            NodeConfig.of("eu-5", "europe", Set.of(NodeRole.GATEWAY), temp)
                .withOutboundLimits(
                    new OutboundLimits(16 * 1024, 64 * 1024, 1024 * 1024, Duration.ofMillis(200))));
    try (FramedSocket healthy = new FramedSocket(HOST, node.gatewayPort());
        Socket flooder = new Socket()) {
      healthy.send(handshake(1));
      assertThat(healthy.receive().hasHandshakeAccepted()).isTrue();
      flooder.setReceiveBufferSize(4 * 1024);
      flooder.connect(new InetSocketAddress(HOST, node.gatewayPort()));

      CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> pingWithoutReading(flooder));

      AtomicLong requestId = new AtomicLong(1);
      String slowConsumers =
          "switchboard_gateway_slow_consumer_disconnects_total{dc=\"europe\",node_id=\"eu-5\"}";
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertPingAnswered(healthy, requestId.incrementAndGet());
                assertThat(get(node, "/metrics").body()).contains(slowConsumers + " 1.0");
              });
      assertThat(flood)
          .as("the gateway dropped the flooding connection")
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(UncheckedIOException.class);
      assertPingAnswered(healthy, requestId.incrementAndGet());
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                JsonNode stats = JSON.readTree(get(node, "/stats").body());
                assertThat(stats.get("slowConsumerDisconnects").asLong()).isEqualTo(1);
                assertThat(stats.get("connectionsOpen").asLong()).isEqualTo(1);
              });
    }
  }

  @Test
  void aStoreOnlyNodeServesTheAdminEndpointButNoGateway() throws Exception {
    RuntimeNode node = start(NodeConfig.of("as-1", "asia", Set.of(NodeRole.STORE), temp));

    assertThat(node.gatewayPort()).isZero();
    assertThat(JSON.readTree(get(node, "/health").body()).get("roles").toString())
        .isEqualTo("[\"STORE\"]");
  }

  @Test
  void refusesADataDirectoryOwnedByAnotherNode() throws IOException {
    start(NodeConfig.of("am-1", "americas", Set.of(NodeRole.STORE), temp)).close();

    assertThatThrownBy(() -> start(NodeConfig.of("eu-1", "europe", Set.of(NodeRole.GATEWAY), temp)))
        .isInstanceOf(ForeignDataDirectoryException.class)
        .hasMessageContaining("belongs to node am-1 in dc americas");
  }

  @Test
  void releasesWhatItBoundWhenAPortIsTaken() throws IOException {
    RuntimeNode occupant =
        start(NodeConfig.of("me-1", "middle-east", Set.of(NodeRole.GATEWAY), temp.resolve("a")));
    int freeAdminPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      freeAdminPort = probe.getLocalPort();
    }
    NodeConfig clashing =
        NodeConfig.of("me-2", "middle-east", Set.of(NodeRole.GATEWAY), temp.resolve("b"))
            .withPorts(occupant.gatewayPort(), freeAdminPort);

    assertThatThrownBy(() -> start(clashing))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("me-2 cannot bind 127.0.0.1:" + occupant.gatewayPort());
    assertThatThrownBy(() -> new Socket(HOST, freeAdminPort).close())
        .isInstanceOf(ConnectException.class);
  }

  /**
   * Pings with {@code requestId} and waits for its pong, skipping the late answers to earlier pings
   * that a timed-out attempt left behind.
   */
  private static void assertPingAnswered(FramedSocket client, long requestId)
      throws IOException, FrameDecodingException {
    client.send(ping(requestId, requestId));
    ServerFrame answer = client.receive();
    while (answer.getRequestId() != requestId) {
      answer = client.receive();
    }
    assertThat(answer.getPong().getPayload()).isEqualTo(requestId);
  }

  /**
   * Handshakes, then sends pings until the gateway drops the connection; never reads. The payload
   * with the longest encoding makes every pong as large as a pong gets, so that fewer of them fill
   * the operating system's buffers before the gateway's own.
   */
  private static void pingWithoutReading(Socket socket) {
    ByteArrayOutputStream pings = new ByteArrayOutputStream();
    while (pings.size() < 64 * 1024) {
      pings.writeBytes(FrameCodec.encode(ping(2, -1L)));
    }
    byte[] batch = pings.toByteArray();
    try {
      OutputStream out = socket.getOutputStream();
      out.write(FrameCodec.encode(handshake(1)));
      while (true) {
        out.write(batch);
      }
    } catch (IOException dropped) {
      throw new UncheckedIOException(dropped);
    }
  }

  private RuntimeNode start(NodeConfig config) throws IOException {
    RuntimeNode node = RuntimeNode.start(config, clock);
    nodes.add(node);
    return node;
  }

  private HttpResponse<String> get(RuntimeNode node, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + node.adminPort() + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
