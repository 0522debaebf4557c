package io.switchboard.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.node.RuntimeNode;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameReader;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayClientTest {

  private static final String HOST = NodeConfig.DEFAULT_HOST;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path dataDir;

  private RuntimeNode node;

  @BeforeEach
  void startNode() throws IOException {
    NodeConfig config =
        new NodeConfig(
            "eu-3",
            "europe",
            Set.of(NodeRole.GATEWAY),
            HOST,
            0,
            0,
            dataDir,
            4096,
            Duration.ofSeconds(30));
    node = RuntimeNode.start(config, Clock.systemUTC());
  }

  @AfterEach
  void stopNode() {
    node.kill();
  }

  @Test
  void connectsWithAHandshakeThatDescribesTheGateway() throws IOException {
    try (GatewayClient client = connect()) {
      assertThat(client.handshake().getProtocolVersion()).isEqualTo(FrameCodec.PROTOCOL_VERSION);
      assertThat(client.handshake().getNodeId()).isEqualTo("eu-3");
      assertThat(client.handshake().getDc()).isEqualTo("europe");
      assertThat(client.handshake().getMaxFrameBytes()).isEqualTo(4096);
      assertThat(client.handshake().getIdleTimeoutSeconds()).isEqualTo(30);
    }
  }

  @Test
  void pingsMeasureTheRoundTripAndReachTheGateway() throws Exception {
    try (GatewayClient client = connect()) {
      List<Duration> roundTrips = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        roundTrips.add(client.ping());
      }

      assertThat(roundTrips).allSatisfy(rtt -> assertThat(rtt).isPositive().isLessThan(TIMEOUT));
      assertThat(stats()).contains("\"framesReceived\":4", "\"protocolErrors\":0");
    }
  }

  @Test
  void connectingToAClosedPortFailsFast() throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }

    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThatThrownBy(
                    () -> GatewayClient.connect(HOST, closedPort, Duration.ofSeconds(30), "test"))
                .isInstanceOf(ConnectException.class));
  }

  @Test
  void aPingToAGatewayThatDiedFailsWithAnIoException() throws IOException {
    try (GatewayClient client = connect()) {
      node.kill();

      assertThatThrownBy(client::ping)
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(GatewayException.class);
    }
  }

  @Test
  void aRejectedHandshakeThrowsTheGatewaysErrorCode() throws Exception {
    try (ServerSocket fakeGateway = new ServerSocket(0)) {
      CompletableFuture<ClientFrame> handshakeSeen =
          CompletableFuture.supplyAsync(() -> rejectOneHandshake(fakeGateway));

      assertThatThrownBy(
              () -> GatewayClient.connect(HOST, fakeGateway.getLocalPort(), TIMEOUT, "old-app"))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PROTOCOL_VERSION))
          .hasMessageContaining("supported versions: [7]");
      ClientFrame handshake = handshakeSeen.get();
      assertThat(handshake.getRequestId()).isEqualTo(1);
      assertThat(handshake.getHandshake().getClientName()).isEqualTo("old-app");
    }
  }

  private GatewayClient connect() throws IOException {
    return GatewayClient.connect(HOST, node.gatewayPort(), TIMEOUT, "client-test");
  }

  private String stats() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + node.adminPort() + "/stats"))
            .timeout(TIMEOUT)
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** A fake gateway: reads one handshake, answers UNSUPPORTED_PROTOCOL_VERSION, hangs up. */
  private static ClientFrame rejectOneHandshake(ServerSocket fakeGateway) {
    try (Socket connection = fakeGateway.accept()) {
      connection.setSoTimeout((int) TIMEOUT.toMillis());
      FrameReader<ClientFrame> reader =
          FrameReader.forClientFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
      List<ClientFrame> frames = new ArrayList<>();
      InputStream in = connection.getInputStream();
      byte[] buffer = new byte[256];
      while (frames.isEmpty()) {
        int count = in.read(buffer);
        if (count < 0) {
          throw new IOException("client hung up before its handshake");
        }
        reader.read(ByteBuffer.wrap(buffer, 0, count), frames::add);
      }
      ClientFrame handshake = frames.get(0);
      ServerFrame rejection =
          ServerFrame.newBuilder()
              .setRequestId(handshake.getRequestId())
              .setError(
                  io.switchboard.runtime.protocol.Error.newBuilder()
                      .setCode(ErrorCode.UNSUPPORTED_PROTOCOL_VERSION)
                      .setMessage("protocol version 1 is not supported; supported versions: [7]"))
              .build();
      connection.getOutputStream().write(FrameCodec.encode(rejection));
      return handshake;
    } catch (Exception e) {
      throw new IllegalStateException("fake gateway failed", e);
    }
  }
}
