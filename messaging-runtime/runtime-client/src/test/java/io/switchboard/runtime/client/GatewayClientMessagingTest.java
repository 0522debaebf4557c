package io.switchboard.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.node.RuntimeNode;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.GetDifference;
import io.switchboard.runtime.protocol.HandshakeAccepted;
import io.switchboard.runtime.protocol.InMemoryMessaging;
import io.switchboard.runtime.protocol.InMemoryMessaging.SendFault;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.MessageSent;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.protocol.RequestRules;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.Update;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against real nodes whose gateways serve the in-memory messaging fake. */
class GatewayClientMessagingTest {

  private static final String HOST = NodeConfig.DEFAULT_HOST;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final RetryPolicy QUICK_RETRIES =
      new RetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(200));
  private static final int RACE_ROUNDS = 20;

  @TempDir Path dataDir;

  private final InMemoryMessaging messaging = new InMemoryMessaging();
  private final List<RuntimeNode> nodes = new ArrayList<>();
  private final List<GatewayClient> clients = new ArrayList<>();

  @AfterEach
  void stopEverything() throws IOException {
    for (GatewayClient client : clients) {
      client.close();
    }
    nodes.forEach(RuntimeNode::kill);
  }

  @Test
  void aSentMessageIsPushedToTheRecipientAndToTheSender() throws Exception {
    RuntimeNode node = startNode("eu-1");
    Updates adaUpdates = new Updates();
    Updates bobUpdates = new Updates();
    GatewayClient ada = connect(adaUpdates, node);
    GatewayClient bob = connect(bobUpdates, node);
    long adaId = register(ada, "Ada").getUserId();
    long bobId = register(bob, "Bob").getUserId();

    MessageSent sent = ada.send(user(bobId), "hello Bob").get();

    assertThat(sent.getPts()).isEqualTo(1);
    assertThat(bobUpdates.awaitTexts(1)).containsExactly("hello Bob");
    assertThat(bobUpdates.messages().get(0).getNewMessage().getFromUserId()).isEqualTo(adaId);
    assertThat(adaUpdates.awaitTexts(1)).containsExactly("hello Bob");
    assertThat(ada.userId()).hasValue(adaId);
    assertThat(bob.lastSeenPts()).hasValue(1);
  }

  @Test
  void anotherClientAuthenticatesWithTheTokenAndResumesAfterItsLastSeenPts() throws Exception {
    RuntimeNode node = startNode("eu-1");
    GatewayClient ada = connect(new Updates(), node);
    GatewayClient bob = connect(new Updates(), node);
    register(ada, "Ada");
    Registered bobAccount = register(bob, "Bob");
    for (String text : List.of("one", "two", "three")) {
      ada.send(user(bobAccount.getUserId()), text).get();
    }
    bob.close();

    Updates laptop = new Updates();
    GatewayClient bobsLaptop = connect(laptop, node);
    bobsLaptop.authenticate(bobAccount.getToken(), 1).get();

    assertThat(laptop.awaitTexts(2)).containsExactly("two", "three");
    assertThat(bobsLaptop.userId()).hasValue(bobAccount.getUserId());
  }

  @Test
  void aRefusedTokenIsForgottenSoTheClientMayRegisterInstead() throws Exception {
    GatewayClient client = connect(new Updates(), startNode("eu-1"));

    assertThat(client.authenticate("forged"))
        .failsWithin(WAIT)
        .withThrowableThat()
        .havingCause()
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_INVALID));
    assertThat(register(client, "Ada").getUserId()).isPositive();
  }

  @Test
  void connectsToTheNextGatewayWhenTheFirstIsUnreachable() throws Exception {
    RuntimeNode node = startNode("eu-1");

    GatewayClient client =
        GatewayClient.connect(
            config(new Updates(), new GatewayAddress(HOST, closedPort()), address(node)));
    clients.add(client);

    assertThat(client.handshake().getNodeId()).isEqualTo("eu-1");
  }

  /**
   * A gateway of a dying DC may accept a handshake and be gone a moment later, possibly before the
   * client made the session current: the client must move on to the next gateway either way, never
   * keep a dead session that nothing reconnects. Which comes first is up to the threads, so the
   * test repeats the race; each round costs a few milliseconds.
   */
  @Test
  void aGatewayThatHangsUpRightAfterAcceptingTheHandshakeIsLeftForTheNext() throws Exception {
    RuntimeNode node = startNode("eu-1");
    for (int round = 0; round < RACE_ROUNDS; round++) {
      try (FakeGateway dying = new FakeGateway()) {
        CompletableFuture<Void> acceptedAndHungUp =
            CompletableFuture.runAsync(() -> acceptHandshakeAndHangUp(dying));

        GatewayClient client =
            GatewayClient.connect(config(new Updates(), dying.address(), address(node)));
        clients.add(client);

        assertThat(acceptedAndHungUp).succeedsWithin(WAIT);
        await()
            .atMost(WAIT)
            .alias("round " + round + ": a session on the next gateway")
            .until(() -> client.handshake().getNodeId().equals("eu-1"));
        assertThat(register(client, "Ada " + round).getUserId()).isPositive();
      }
    }
  }

  @Test
  void reconnectsToAnotherGatewayAndDeliversWhatItMissedBeforeNewPushes() throws Exception {
    RuntimeNode first = startNode("eu-1");
    RuntimeNode second = startNode("eu-2");
    Updates bobUpdates = new Updates();
    GatewayClient bob = GatewayClient.connect(config(bobUpdates, address(first), address(second)));
    clients.add(bob);
    GatewayClient ada = connect(new Updates(), second);
    long adaId = register(ada, "Ada").getUserId();
    long bobId = register(bob, "Bob").getUserId();
    ada.send(user(bobId), "before").get();
    bobUpdates.awaitTexts(1);

    messaging.appendWithoutPush(adaId, bobId, "missed");
    first.kill();
    await().atMost(WAIT).until(() -> messaging.differenceRequests().contains(difference(1)));
    ada.send(user(bobId), "after").get();

    assertThat(bobUpdates.awaitTexts(3)).containsExactly("before", "missed", "after");
    assertThat(bobUpdates.messages()).extracting(MailboxUpdate::getPts).containsExactly(1L, 2L, 3L);
    assertThat(bob.handshake().getNodeId()).isEqualTo("eu-2");
  }

  @Test
  void aSendAnsweredInternalIsRetriedWithTheSameRandomIdAndDeliveredOnce() throws Exception {
    RuntimeNode node = startNode("eu-1");
    GatewayClient ada = connect(new Updates(), node);
    GatewayClient bob = connect(new Updates(), node);
    register(ada, "Ada");
    long bobId = register(bob, "Bob").getUserId();
    messaging.failNextSend(SendFault.INTERNAL_AFTER_APPLYING);

    MessageSent sent = ada.send(user(bobId), "exactly once").get();

    List<Long> randomIds = messaging.sendRandomIds();
    assertThat(randomIds).hasSize(2);
    assertThat(randomIds.get(1)).isEqualTo(randomIds.get(0));
    assertThat(messaging.mailbox(bobId)).hasSize(1);
    assertThat(sent.getPts()).isEqualTo(1);
  }

  @Test
  void aSendWhoseGatewayDiesIsRetriedThroughAnotherWithTheSameRandomIdAndDeliveredOnce()
      throws Exception {
    RuntimeNode first = startNode("eu-1");
    RuntimeNode second = startNode("eu-2");
    GatewayClient ada =
        GatewayClient.connect(config(new Updates(), address(first), address(second)));
    clients.add(ada);
    GatewayClient bob = connect(new Updates(), second);
    register(ada, "Ada");
    long bobId = register(bob, "Bob").getUserId();
    messaging.failNextSend(SendFault.NO_ANSWER_AFTER_APPLYING);

    CompletableFuture<MessageSent> sending = ada.send(user(bobId), "despite the crash");
    await().atMost(WAIT).until(() -> messaging.sendRandomIds().size() == 1);
    first.kill();

    assertThat(sending).succeedsWithin(WAIT);
    List<Long> randomIds = messaging.sendRandomIds();
    assertThat(randomIds).hasSize(2);
    assertThat(randomIds.get(1)).isEqualTo(randomIds.get(0));
    assertThat(messaging.mailbox(bobId)).hasSize(1);
    assertThat(ada.handshake().getNodeId()).isEqualTo("eu-2");
  }

  @Test
  void aRefusedSendIsNotRetried() throws Exception {
    GatewayClient ada = connect(new Updates(), startNode("eu-1"));
    long adaId = register(ada, "Ada").getUserId();

    assertThat(ada.send(user(adaId + 1_024_000), "nobody there"))
        .failsWithin(WAIT)
        .withThrowableThat()
        .havingCause()
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PEER_UNKNOWN));
    assertThat(messaging.sendRandomIds()).hasSize(1);
  }

  @Test
  void subscribersReceiveChannelPostsInOrder() throws Exception {
    RuntimeNode node = startNode("eu-1");
    Updates readerUpdates = new Updates();
    GatewayClient owner = connect(new Updates(), node);
    GatewayClient reader = connect(readerUpdates, node);
    register(owner, "Owner");
    register(reader, "Reader");
    long channelId = owner.createChannel("news").get().getChannelId();
    owner.postToChannel(channelId, "old news").get();

    assertThat(reader.subscribe(channelId).get().getChannelPts()).isEqualTo(1);
    owner.postToChannel(channelId, "fresh").get();
    owner.postToChannel(channelId, "fresher").get();

    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(readerUpdates.posts()).containsExactly("fresh", "fresher"));
  }

  @Test
  void anAdminAppointedByTheOwnerPostsUntilDismissed() throws Exception {
    RuntimeNode node = startNode("eu-1");
    GatewayClient owner = connect(new Updates(), node);
    GatewayClient editor = connect(new Updates(), node);
    register(owner, "Owner");
    long editorId = register(editor, "Editor").getUserId();
    long channelId = owner.createChannel("news").get().getChannelId();

    owner.addChannelAdmin(channelId, editorId).get();
    assertThat(editor.postToChannel(channelId, "by the editor").get().getChannelPts()).isEqualTo(1);
    owner.removeChannelAdmin(channelId, editorId).get();

    assertThat(editor.postToChannel(channelId, "once more"))
        .failsWithin(WAIT)
        .withThrowableThat()
        .havingCause()
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThat(owner.getChannelDifference(channelId, 0, 10).get().getPostsCount()).isEqualTo(1);
  }

  @Test
  void aGatewayWithoutMessagingRefusesRegistrationAsUnavailable() throws Exception {
    RuntimeNode plain =
        RuntimeNode.start(
            NodeConfig.of("eu-9", "europe", Set.of(NodeRole.GATEWAY), dataDir.resolve("eu-9")),
            Clock.systemUTC());
    nodes.add(plain);
    GatewayClient client = connect(new Updates(), plain);

    assertThat(client.register("Ada", "europe"))
        .failsWithin(WAIT)
        .withThrowableThat()
        .havingCause()
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  /** Answers the client's handshake and closes the connection in the same breath. */
  private static void acceptHandshakeAndHangUp(FakeGateway gateway) {
    try {
      gateway.accept();
      ClientFrame handshake = gateway.read(1).get(0);
      gateway.send(
          ServerFrame.newBuilder()
              .setRequestId(handshake.getRequestId())
              .setHandshakeAccepted(
                  HandshakeAccepted.newBuilder()
                      .setProtocolVersion(FrameCodec.PROTOCOL_VERSION)
                      .setNodeId("dying")
                      .setDc("europe")
                      .setMaxFrameBytes(FrameCodec.DEFAULT_MAX_FRAME_BYTES)
                      .setIdleTimeoutSeconds(30))
              .build());
      gateway.hangUp();
    } catch (IOException | FrameDecodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private RuntimeNode startNode(String nodeId) throws IOException {
    RuntimeNode node =
        RuntimeNode.start(
            NodeConfig.of(nodeId, "europe", Set.of(NodeRole.GATEWAY), dataDir.resolve(nodeId)),
            Clock.systemUTC(),
            messaging.factory());
    nodes.add(node);
    return node;
  }

  private GatewayClient connect(Updates updates, RuntimeNode node) throws IOException {
    GatewayClient client = GatewayClient.connect(config(updates, address(node)));
    clients.add(client);
    return client;
  }

  private static GatewayClientConfig config(Updates updates, GatewayAddress... gateways) {
    return GatewayClientConfig.of("client-test", List.of(gateways))
        .withTimeout(Duration.ofSeconds(2))
        .withRetry(QUICK_RETRIES)
        .withListener(updates);
  }

  private static Registered register(GatewayClient client, String displayName) throws Exception {
    return client.register(displayName, "europe").get();
  }

  private static GatewayAddress address(RuntimeNode node) {
    return new GatewayAddress(HOST, node.gatewayPort());
  }

  private static Peer user(long userId) {
    return Peer.newBuilder().setUserId(userId).build();
  }

  private static GetDifference difference(long pts) {
    return GetDifference.newBuilder().setPts(pts).setLimit(RequestRules.MAX_PAGE_LIMIT).build();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  /** Records what the client's listener receives. */
  private static final class Updates implements UpdateListener {

    private final List<Update> received = new CopyOnWriteArrayList<>();

    @Override
    public void onUpdate(Update update) {
      received.add(update);
    }

    List<MailboxUpdate> messages() {
      return received.stream()
          .filter(update -> update.getMailbox().hasNewMessage())
          .map(Update::getMailbox)
          .toList();
    }

    List<String> posts() {
      return received.stream()
          .filter(Update::hasChannelPost)
          .map(update -> update.getChannelPost().getText())
          .toList();
    }

    /** Waits for {@code count} messages and returns the texts of all received so far. */
    List<String> awaitTexts(int count) {
      await().atMost(WAIT).until(() -> messages().size() >= count);
      return messages().stream().map(update -> update.getNewMessage().getText()).toList();
    }
  }
}
