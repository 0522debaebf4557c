package io.switchboard.runtime.node;

import static io.switchboard.runtime.node.FramedSocket.handshake;
import static io.switchboard.runtime.node.FramedSocket.ping;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.protocol.Authenticate;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.InMemoryMessaging;
import io.switchboard.runtime.protocol.Message;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.Register;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.protocol.SendMessage;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's request path and pushes over real sockets, with the in-memory messaging fake. */
class GatewayMessagingTest {

  private static final String HOST = NodeConfig.DEFAULT_HOST;

  @TempDir Path dataDir;

  private final InMemoryMessaging messaging = new InMemoryMessaging();
  private final List<FramedSocket> sockets = new ArrayList<>();
  private RuntimeNode node;

  @BeforeEach
  void startNode() throws IOException {
    node =
        RuntimeNode.start(
            NodeConfig.of("eu-1", "europe", Set.of(NodeRole.GATEWAY), dataDir),
            Clock.systemUTC(),
            messaging.factory());
  }

  @AfterEach
  void stopNode() throws IOException {
    for (FramedSocket socket : sockets) {
      socket.close();
    }
    node.kill();
  }

  @Test
  void aMessageIsPushedToEveryOnlineSessionOfTheRecipient() throws Exception {
    FramedSocket adaSocket = connect();
    Registered ada = register(adaSocket, "Ada");
    FramedSocket bobFirstDevice = connect();
    Registered bob = register(bobFirstDevice, "Bob");
    FramedSocket bobSecondDevice = connect();
    bobSecondDevice.send(authenticate(2, bob.getToken()));
    assertThat(bobSecondDevice.receive().getAuthenticated().getUserId()).isEqualTo(bob.getUserId());

    adaSocket.send(send(3, bob.getUserId(), 0x5EED, "hello Bob"));

    List<ServerFrame> adaFrames = List.of(adaSocket.receive(), adaSocket.receive());
    assertThat(adaFrames)
        .filteredOn(ServerFrame::hasMessageSent)
        .singleElement()
        .satisfies(sent -> assertThat(sent.getRequestId()).isEqualTo(3));
    assertThat(adaFrames)
        .filteredOn(ServerFrame::hasUpdate)
        .singleElement()
        .satisfies(push -> assertThat(push.getRequestId()).isZero());
    for (FramedSocket device : List.of(bobFirstDevice, bobSecondDevice)) {
      ServerFrame push = device.receive();
      assertThat(push.getRequestId()).isZero();
      assertThat(push.getUpdate().getMailbox().getPts()).isEqualTo(1);
      Message message = push.getUpdate().getMailbox().getNewMessage();
      assertThat(message.getFromUserId()).isEqualTo(ada.getUserId());
      assertThat(message.getPeer().getUserId()).isEqualTo(ada.getUserId());
      assertThat(message.getText()).isEqualTo("hello Bob");
    }
  }

  @Test
  void badRequestsGetTheirErrorCodesWhileTheConnectionAndTheNodeKeepServing() throws Exception {
    FramedSocket anonymous = connect();
    anonymous.send(send(2, 1_024, 1, "who am I?"));
    assertThat(anonymous.receive().getError().getCode()).isEqualTo(ErrorCode.AUTH_REQUIRED);
    anonymous.send(authenticate(3, "forged"));
    assertThat(anonymous.receive().getError().getCode()).isEqualTo(ErrorCode.AUTH_INVALID);

    FramedSocket ada = connect();
    long adaId = register(ada, "Ada").getUserId();
    ada.send(send(3, adaId + 1_024_000, 1, "nobody there"));
    assertThat(ada.receive().getError().getCode()).isEqualTo(ErrorCode.PEER_UNKNOWN);
    ada.send(send(4, adaId, 2, "x".repeat(4097)));
    assertThat(ada.receive().getError().getCode()).isEqualTo(ErrorCode.TEXT_TOO_LONG);
    ada.send(ping(5, 55));
    assertThat(ada.receive().getPong().getPayload()).isEqualTo(55);

    anonymous.send(ping(4, 44));
    assertThat(anonymous.receive().getPong().getPayload()).isEqualTo(44);
    FramedSocket latecomer = connect();
    assertThat(register(latecomer, "Bob").getUserId()).isNotEqualTo(adaId);
  }

  @Test
  void aNodeWithoutMessagingAnswersUnavailable() throws Exception {
    try (RuntimeNode plain =
        RuntimeNode.start(
            NodeConfig.of("eu-2", "europe", Set.of(NodeRole.GATEWAY), dataDir.resolve("plain")),
            Clock.systemUTC())) {
      FramedSocket client = new FramedSocket(HOST, plain.gatewayPort());
      sockets.add(client);
      client.send(handshake(1));
      client.receive();

      client.send(register(2, "Ada"));

      ServerFrame answer = client.receive();
      assertThat(answer.getRequestId()).isEqualTo(2);
      assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.UNAVAILABLE);
    }
  }

  private FramedSocket connect() throws IOException, FrameDecodingException {
    FramedSocket socket = new FramedSocket(HOST, node.gatewayPort());
    sockets.add(socket);
    socket.send(handshake(1));
    assertThat(socket.receive().hasHandshakeAccepted()).isTrue();
    return socket;
  }

  private static Registered register(FramedSocket socket, String displayName)
      throws IOException, FrameDecodingException {
    socket.send(register(2, displayName));
    ServerFrame answer = socket.receive();
    assertThat(answer.getRequestId()).isEqualTo(2);
    return answer.getRegistered();
  }

  private static ClientFrame register(long requestId, String displayName) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setRegister(Register.newBuilder().setDisplayName(displayName).setDc("europe"))
        .build();
  }

  private static ClientFrame authenticate(long requestId, String token) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setAuthenticate(Authenticate.newBuilder().setToken(token))
        .build();
  }

  private static ClientFrame send(long requestId, long toUserId, long randomId, String text) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setSendMessage(
            SendMessage.newBuilder()
                .setPeer(Peer.newBuilder().setUserId(toUserId))
                .setRandomId(randomId)
                .setText(text))
        .build();
  }
}
