package io.switchboard.runtime.node;

import static io.switchboard.runtime.node.FramedSocket.handshake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.runtime.node.cluster.ClusterMembership;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.Register;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.protocol.SendMessage;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with the gateway and store roles, driven over its real gateway socket, then scraped over
 * its real admin endpoint: every request, byte, fsync and outbox entry shows in {@code /metrics}.
 */
class NodeMetricsScrapeTest {

  private static final String HOST = NodeConfig.DEFAULT_HOST;
  private static final String NODE = "dc=\"europe\",node_id=\"eu-1\"";

  @TempDir Path dataDir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private RuntimeNode node;

  @BeforeEach
  void startNode() throws IOException {
    node =
        RuntimeNode.start(
            NodeConfig.of("eu-1", "europe", Set.of(NodeRole.GATEWAY, NodeRole.STORE), dataDir),
            Clock.systemUTC(),
            ClusterMembership.standalone("eu-1"));
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void aMessageAcrossShardsShowsInEveryGatewayAndStoreMetric() throws Exception {
    try (FramedSocket ada = connect();
        FramedSocket bob = connect()) {
      Registered adaUser = register(ada, "Ada", "europe");
      Registered bobUser = register(bob, "Bob", "asia");

      ada.send(send(3, bobUser.getUserId(), "hello Bob"));

      assertThat(answerTo(3, ada).hasMessageSent()).isTrue();
      assertThat(bob.receive().getUpdate().getMailbox().getNewMessage().getFromUserId())
          .isEqualTo(adaUser.getUserId());
    }

    // The relay marks the delivery done after Bob got his copy: wait until the outbox is empty.
    String metrics =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                this::scrape,
                scraped ->
                    value(scraped, "switchboard_outbox_pending_entries", "") == 0
                        && value(scraped, "switchboard_outbox_oldest_pending_age_seconds", "")
                            == 0);

    String sendOk = "outcome=\"ok\",type=\"send_message\"";
    assertThat(value(metrics, "switchboard_gateway_requests_total", sendOk)).isEqualTo(1);
    assertThat(
            value(
                metrics, "switchboard_gateway_requests_total", "outcome=\"ok\",type=\"register\""))
        .isEqualTo(2);
    assertThat(
            value(
                metrics,
                "switchboard_gateway_request_duration_seconds_count",
                "type=\"send_message\""))
        .isEqualTo(1);
    assertThat(
            value(
                metrics,
                "switchboard_gateway_request_duration_seconds_bucket",
                "type=\"send_message\",le=\"+Inf\""))
        .isEqualTo(1);
    assertThat(value(metrics, "switchboard_gateway_bytes_received_total", "")).isPositive();
    assertThat(value(metrics, "switchboard_gateway_bytes_sent_total", "")).isPositive();
    assertThat(value(metrics, "switchboard_store_fsyncs_total", "")).isGreaterThanOrEqualTo(1);
    // Two registrations, the send, the delivery to Bob's shard and its acknowledgement.
    assertThat(value(metrics, "switchboard_store_records_appended_total", ""))
        .isGreaterThanOrEqualTo(5);
    assertThat(value(metrics, "switchboard_store_records_per_fsync", "")).isPositive();
    assertThat(value(metrics, "switchboard_store_log_bytes", "")).isPositive();
    assertThat(value(metrics, "switchboard_store_index_bytes", "")).isPositive();
  }

  private FramedSocket connect() throws IOException, FrameDecodingException {
    FramedSocket socket = new FramedSocket(HOST, node.gatewayPort());
    socket.send(handshake(1));
    assertThat(socket.receive().hasHandshakeAccepted()).isTrue();
    return socket;
  }

  private static Registered register(FramedSocket socket, String displayName, String dc)
      throws IOException, FrameDecodingException {
    socket.send(
        ClientFrame.newBuilder()
            .setRequestId(2)
            .setRegister(Register.newBuilder().setDisplayName(displayName).setDc(dc))
            .build());
    ServerFrame answer = answerTo(2, socket);
    assertThat(answer.hasRegistered()).as("answer %s", answer).isTrue();
    return answer.getRegistered();
  }

  private static ClientFrame send(long requestId, long toUserId, String text) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setSendMessage(
            SendMessage.newBuilder()
                .setPeer(Peer.newBuilder().setUserId(toUserId))
                .setRandomId(0x5EED)
                .setText(text))
        .build();
  }

  /** The answer to {@code requestId}, skipping the pushes that come before it. */
  private static ServerFrame answerTo(long requestId, FramedSocket socket)
      throws IOException, FrameDecodingException {
    ServerFrame frame = socket.receive();
    while (frame.getRequestId() != requestId) {
      frame = socket.receive();
    }
    return frame;
  }

  private String scrape() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + node.adminPort() + "/metrics"))
            .timeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /**
   * The value of the sample {@code name} whose labels are the node's followed by {@code labels} (in
   * the exposition's order: alphabetical, {@code le} last); fails when there is none.
   */
  private static double value(String metrics, String name, String labels) {
    String allLabels = labels.isEmpty() ? NODE : NODE + "," + labels;
    Matcher sample =
        Pattern.compile(
                "^" + Pattern.quote(name + "{" + allLabels + "} ") + "(\\S+)$", Pattern.MULTILINE)
            .matcher(metrics);
    assertThat(sample.find()).as("%s{%s} in%n%s", name, allLabels, metrics).isTrue();
    return Double.parseDouble(sample.group(1));
  }
}
