package io.switchboard.runtime.node.gateway;

import static io.switchboard.runtime.node.gateway.Frames.authenticate;
import static io.switchboard.runtime.node.gateway.Frames.encode;
import static io.switchboard.runtime.node.gateway.Frames.handshake;
import static io.switchboard.runtime.node.gateway.Frames.ping;
import static io.switchboard.runtime.node.gateway.Frames.register;
import static io.switchboard.runtime.node.gateway.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.GatewaySession;
import io.switchboard.runtime.protocol.InMemoryMessaging;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.MessagingEndpoint;
import io.switchboard.runtime.protocol.OperationDispatcher;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.UnavailableMessagingEndpoint;
import io.switchboard.runtime.protocol.Update;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewaySessionHandlerTest {

  private static final GatewayParameters PARAMETERS =
      new GatewayParameters("as-1", "asia", 512, 20);

  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final GatewayTraffic traffic = new GatewayTraffic();
  private final InMemoryMessaging messaging = new InMemoryMessaging();
  private final SessionRegistry sessions = new SessionRegistry();
  private final EmbeddedChannel channel = new EmbeddedChannel(newHandler(messaging, 64));

  /** Further connections to the same gateway, closed with the test. */
  private final List<EmbeddedChannel> others = new ArrayList<>();

  GatewaySessionHandlerTest() {
    channel.freezeTime();
  }

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
    others.forEach(EmbeddedChannel::finishAndReleaseAll);
  }

  @Test
  void countsTheConnectionWhileItIsOpen() {
    assertThat(traffic.connectionsOpen()).isEqualTo(1);
    assertThat(traffic.connectionsAccepted()).isEqualTo(1);

    channel.close();

    assertThat(traffic.connectionsOpen()).isZero();
    assertThat(traffic.connectionsAccepted()).isEqualTo(1);
  }

  @Test
  void answersTheHandshakeAndPings() {
    channel.writeInbound(handshake(1), ping(2, 77));

    ServerFrame accepted = channel.readOutbound();
    ServerFrame pong = channel.readOutbound();
    assertThat(accepted.getRequestId()).isEqualTo(1);
    assertThat(accepted.getHandshakeAccepted().getNodeId()).isEqualTo("as-1");
    assertThat(accepted.getHandshakeAccepted().getMaxFrameBytes()).isEqualTo(512);
    assertThat(pong.getRequestId()).isEqualTo(2);
    assertThat(pong.getPong().getPayload()).isEqualTo(77);
    assertThat(channel.isOpen()).isTrue();
    assertThat(traffic.framesReceived()).isEqualTo(2);
    assertThat(traffic.framesSent()).isEqualTo(2);
    assertThat(traffic.protocolErrors()).isZero();
  }

  @Test
  void sendsAFatalErrorThenCloses() {
    channel.writeInbound(ping(4, 1));

    ServerFrame error = channel.readOutbound();
    assertThat(error.getRequestId()).isEqualTo(4);
    assertThat(error.getError().getCode()).isEqualTo(ErrorCode.HANDSHAKE_REQUIRED);
    assertThat(channel.isOpen()).isFalse();
    assertThat(traffic.protocolErrorsByCode()).containsEntry(ErrorCode.HANDSHAKE_REQUIRED, 1L);
    assertThat(traffic.connectionsOpen()).isZero();
  }

  @Test
  void keepsTheConnectionAfterANonFatalError() {
    channel.writeInbound(handshake(1), handshake(2));

    channel.readOutbound();
    ServerFrame error = channel.readOutbound();
    assertThat(error.getError().getCode()).isEqualTo(ErrorCode.ALREADY_HANDSHAKEN);
    assertThat(channel.isOpen()).isTrue();
    assertThat(traffic.protocolErrors()).isEqualTo(1);
  }

  @Test
  void answersUndecodableInputWithAConnectionErrorThenCloses() {
    channel.writeInbound(handshake(1));
    channel.readOutbound();

    channel
        .pipeline()
        .fireExceptionCaught(
            new FrameDecodingException(ErrorCode.FRAME_TOO_LARGE, "frame of 4096 bytes"));

    ServerFrame error = channel.readOutbound();
    assertThat(error.getRequestId()).isZero();
    assertThat(error.getError().getCode()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
    assertThat(channel.isOpen()).isFalse();
    assertThat(traffic.protocolErrorsByCode()).containsEntry(ErrorCode.FRAME_TOO_LARGE, 1L);
  }

  @Test
  void closesWithoutAnswerOnAnIoFailure() {
    channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));

    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.isOpen()).isFalse();
    assertThat(traffic.framesSent()).isZero();
  }

  @Test
  void ignoresFramesThatArriveAfterAFatalError() {
    channel.writeInbound(ping(1, 1), handshake(2));

    assertThat(((ServerFrame) channel.readOutbound()).getError().getCode())
        .isEqualTo(ErrorCode.HANDSHAKE_REQUIRED);
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(traffic.framesSent()).isEqualTo(1);
  }

  @Test
  void closesOnlyOnceTheFatalErrorIsWrittenAndAnswersNothingAfterItInTheSameRead() {
    HeldWrites held = new HeldWrites();
    EmbeddedChannel slow =
        new EmbeddedChannel(held, new ClientFrameDecoder(512), newHandler(messaging, 64));
    try {
      slow.writeInbound(Unpooled.wrappedBuffer(encode(ping(1, 1), handshake(2), ping(3, 1))));

      assertThat(slow.isOpen()).as("the error frame is not written yet").isTrue();
      assertThat(held.count()).isEqualTo(1);
      assertThat(traffic.framesReceived()).isEqualTo(3);

      held.release();

      assertThat(slow.isOpen()).isFalse();
      ServerFrame error = slow.readOutbound();
      assertThat(error.getRequestId()).isEqualTo(1);
      assertThat(error.getError().getCode()).isEqualTo(ErrorCode.HANDSHAKE_REQUIRED);
      assertThat((Object) slow.readOutbound()).isNull();
      assertThat(traffic.framesSent()).isEqualTo(1);
    } finally {
      slow.finishAndReleaseAll();
    }
  }

  @Test
  void closesAConnectionWithoutHandshakeAtTheHandshakeDeadline() {
    advance(HANDSHAKE_TIMEOUT.minusMillis(1));
    assertThat(channel.isOpen()).isTrue();
    assertThat((Object) channel.readOutbound()).isNull();

    advance(Duration.ofMillis(1));

    ServerFrame error = channel.readOutbound();
    assertThat(error.getRequestId()).isZero();
    assertThat(error.getError().getCode()).isEqualTo(ErrorCode.HANDSHAKE_TIMEOUT);
    assertThat(channel.isOpen()).isFalse();
    assertThat(traffic.protocolErrorsByCode()).containsEntry(ErrorCode.HANDSHAKE_TIMEOUT, 1L);
  }

  @Test
  void framesThatDoNotCompleteTheHandshakeDoNotPostponeTheDeadline() {
    advance(HANDSHAKE_TIMEOUT.minusMillis(1));
    channel.writeInbound(handshake(0));
    assertThat(((ServerFrame) channel.readOutbound()).getError().getCode())
        .isEqualTo(ErrorCode.INVALID_REQUEST_ID);

    advance(Duration.ofMillis(1));

    assertThat(((ServerFrame) channel.readOutbound()).getError().getCode())
        .isEqualTo(ErrorCode.HANDSHAKE_TIMEOUT);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void anAcceptedHandshakeStopsTheDeadline() {
    channel.writeInbound(handshake(1));
    channel.readOutbound();

    advance(HANDSHAKE_TIMEOUT.multipliedBy(10));

    assertThat(channel.isOpen()).isTrue();
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(traffic.protocolErrors()).isZero();
  }

  @Test
  void aConnectionThatClosesBeforeItsDeadlineGetsNoLateError() {
    channel.close();

    advance(HANDSHAKE_TIMEOUT);

    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(traffic.protocolErrors()).isZero();
  }

  @Test
  void refusesANonPositiveHandshakeTimeoutOrOperationLimit() {
    assertThatThrownBy(
            () ->
                new GatewaySessionHandler(
                    new GatewaySession(PARAMETERS),
                    Duration.ZERO,
                    traffic,
                    dispatcher(messaging),
                    sessions,
                    1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("handshakeTimeout");
    assertThatThrownBy(
            () ->
                new GatewaySessionHandler(
                    new GatewaySession(PARAMETERS),
                    HANDSHAKE_TIMEOUT,
                    traffic,
                    dispatcher(messaging),
                    sessions,
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxOperationsInFlight");
  }

  @Test
  void registersThroughTheEndpointAndCarriesOutOperationsAsTheNewUser() {
    Registered bob = registerOn(newChannel(), "Bob");

    channel.writeInbound(handshake(1), register(2, "Ada"), send(3, bob.getUserId(), 9, "hi"));

    List<ServerFrame> answers = answersIn(channel);
    assertThat(answers).extracting(ServerFrame::getRequestId).containsExactly(1L, 2L, 3L);
    Registered ada = answers.get(1).getRegistered();
    assertThat(ada.getToken()).isNotEmpty();
    assertThat(answers.get(2).getMessageSent().getPts()).isEqualTo(1);
    assertThat(messaging.mailbox(bob.getUserId()))
        .singleElement()
        .satisfies(
            update ->
                assertThat(update.getNewMessage().getFromUserId()).isEqualTo(ada.getUserId()));
  }

  @Test
  void answersAUserOperationBeforeAuthenticationWithAuthRequiredWithoutTheEndpoint() {
    Registered bob = registerOn(newChannel(), "Bob");

    channel.writeInbound(handshake(1), send(2, bob.getUserId(), 9, "hi"), ping(3, 3));

    List<ServerFrame> answers = answersIn(channel);
    assertThat(answers.get(1).getRequestId()).isEqualTo(2);
    assertThat(answers.get(1).getError().getCode()).isEqualTo(ErrorCode.AUTH_REQUIRED);
    assertThat(answers.get(2).hasPong()).isTrue();
    assertThat(messaging.sendRandomIds()).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void writesAnswersAsTheyCompleteWhateverTheRequestOrder() {
    Registered bob = registerOn(newChannel(), "Bob");
    authenticateOn(channel, bob);
    messaging.holdAnswers();

    channel.writeInbound(send(5, bob.getUserId(), 1, "first"), send(6, bob.getUserId(), 2, "2nd"));
    assertThat(answersIn(channel)).isEmpty();
    messaging.releaseHeldAnswers(true);
    channel.runPendingTasks();

    assertThat(answersIn(channel)).extracting(ServerFrame::getRequestId).containsExactly(6L, 5L);
  }

  @Test
  void holdsBackFramesAndPausesReadingWhileAnAuthenticationIsCarriedOut() {
    Registered bob = registerOn(newChannel(), "Bob");
    channel.writeInbound(handshake(1));
    channel.readOutbound();
    messaging.holdAnswers();

    channel.writeInbound(authenticate(2, bob.getToken()), send(3, bob.getUserId(), 1, "note"));

    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.config().isAutoRead()).isFalse();
    assertThat(messaging.sendRandomIds()).as("the send waits for the authentication").isEmpty();
    messaging.releaseHeldAnswers(false);
    channel.runPendingTasks();

    assertThat(answersIn(channel))
        .extracting(ServerFrame::getBodyCase)
        .containsExactly(ServerFrame.BodyCase.AUTHENTICATED, ServerFrame.BodyCase.MESSAGE_SENT);
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  @Test
  void answersUndecodableInputHeldBehindAnAuthenticationAfterIt() {
    channel.writeInbound(handshake(1));
    channel.readOutbound();
    messaging.holdAnswers();
    channel.writeInbound(register(2, "Ada"));

    channel
        .pipeline()
        .fireExceptionCaught(new FrameDecodingException(ErrorCode.MALFORMED_FRAME, "garbage"));
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.isOpen()).isTrue();
    messaging.releaseHeldAnswers(false);
    channel.runPendingTasks();

    List<ServerFrame> answers = answersIn(channel);
    assertThat(answers.get(0).hasRegistered()).isTrue();
    assertThat(answers.get(1).getError().getCode()).isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void carriesOutAtMostTheLimitOfOperationsAtOnceAndReadsAgainWhenOneCompletes() {
    EmbeddedChannel limited = new EmbeddedChannel(newHandler(messaging, 2));
    others.add(limited);
    Registered bob = registerOn(newChannel(), "Bob");
    authenticateOn(limited, bob);
    messaging.holdAnswers();

    limited.writeInbound(
        send(5, bob.getUserId(), 1, "one"),
        send(6, bob.getUserId(), 2, "two"),
        send(7, bob.getUserId(), 3, "three"));

    assertThat(messaging.sendRandomIds()).containsExactly(1L, 2L);
    assertThat(limited.config().isAutoRead()).isFalse();
    messaging.releaseHeldAnswers(false);
    limited.runPendingTasks();

    assertThat(answersIn(limited))
        .extracting(ServerFrame::getRequestId)
        .containsExactly(5L, 6L, 7L);
    assertThat(messaging.sendRandomIds()).containsExactly(1L, 2L, 3L);
    assertThat(limited.config().isAutoRead()).isTrue();
  }

  @Test
  void joinsTheRegistryOnAuthenticationAndLeavesItOnClose() {
    Registered bob = registerOn(newChannel(), "Bob");
    assertThat(sessions.sessionsOf(bob.getUserId())).isEqualTo(1);

    authenticateOn(channel, bob);
    assertThat(sessions.sessionsOf(bob.getUserId())).isEqualTo(2);

    channel.close();
    assertThat(sessions.sessionsOf(bob.getUserId())).isEqualTo(1);
  }

  @Test
  void pushesPublishedUpdatesToEverySessionOfTheUserWithRequestIdZeroInOrder() {
    EmbeddedChannel firstDevice = newChannel();
    Registered bob = registerOn(firstDevice, "Bob");
    authenticateOn(channel, bob);

    sessions.publish(bob.getUserId(), mailboxUpdate(1));
    sessions.publish(bob.getUserId(), mailboxUpdate(2));
    channel.runPendingTasks();
    firstDevice.runPendingTasks();

    for (EmbeddedChannel device : List.of(channel, firstDevice)) {
      List<ServerFrame> pushes = drainOutbound(device);
      assertThat(pushes).extracting(ServerFrame::getRequestId).containsOnly(0L);
      assertThat(pushes)
          .extracting(push -> push.getUpdate().getMailbox().getPts())
          .containsExactly(1L, 2L);
    }
  }

  @Test
  void dropsPushesAndAnswersForAConnectionThatClosed() {
    Registered bob = registerOn(channel, "Bob");
    messaging.holdAnswers();
    channel.writeInbound(send(5, bob.getUserId(), 1, "late"));
    long sentBeforeClose = traffic.framesSent();
    GatewaySessionHandler handler = channel.pipeline().get(GatewaySessionHandler.class);

    channel.close();
    handler.push(mailboxUpdate(9));
    messaging.releaseHeldAnswers(false);
    channel.runPendingTasks();

    assertThat(traffic.framesSent()).isEqualTo(sentBeforeClose);
  }

  @Test
  void aGatewayWithoutMessagingAnswersRegistrationsUnavailableAndKeepsTheConnection() {
    EmbeddedChannel unserved =
        new EmbeddedChannel(newHandler(new UnavailableMessagingEndpoint(), 64));
    others.add(unserved);

    unserved.writeInbound(handshake(1), register(2, "Ada"), send(3, 1_024, 1, "hi"));

    assertThat(drainOutbound(unserved))
        .extracting(answer -> answer.getError().getCode())
        .containsExactly(
            ErrorCode.ERROR_CODE_UNSPECIFIED, ErrorCode.UNAVAILABLE, ErrorCode.AUTH_REQUIRED);
    assertThat(unserved.isOpen()).isTrue();
  }

  @Test
  void passesNothingDownstreamBecauseItConsumesEveryFrame() {
    channel.writeInbound(handshake(1));

    assertThat((ClientFrame) channel.readInbound()).isNull();
  }

  private GatewaySessionHandler newHandler(MessagingEndpoint endpoint, int maxOperationsInFlight) {
    return new GatewaySessionHandler(
        new GatewaySession(PARAMETERS),
        HANDSHAKE_TIMEOUT,
        traffic,
        dispatcher(endpoint),
        sessions,
        maxOperationsInFlight);
  }

  private static OperationDispatcher dispatcher(MessagingEndpoint endpoint) {
    return new OperationDispatcher(
        endpoint,
        (operation, failure) -> {
          throw new AssertionError("unexpected failure of " + operation, failure);
        });
  }

  /** Another connection to the same gateway, closed with the test. */
  private EmbeddedChannel newChannel() {
    EmbeddedChannel other = new EmbeddedChannel(newHandler(messaging, 64));
    others.add(other);
    return other;
  }

  /** Registers a user on {@code connection}, which stays authenticated as that user. */
  private static Registered registerOn(EmbeddedChannel connection, String displayName) {
    connection.writeInbound(handshake(1), register(2, displayName));
    List<ServerFrame> answers = drainOutbound(connection);
    return answers.get(1).getRegistered();
  }

  private static void authenticateOn(EmbeddedChannel connection, Registered user) {
    connection.writeInbound(handshake(1), authenticate(2, user.getToken()));
    List<ServerFrame> answers = drainOutbound(connection);
    assertThat(answers.get(1).getAuthenticated().getUserId()).isEqualTo(user.getUserId());
  }

  /** The frames written so far that answer requests, pushes left out. */
  private static List<ServerFrame> answersIn(EmbeddedChannel connection) {
    return drainOutbound(connection).stream().filter(frame -> !frame.hasUpdate()).toList();
  }

  private static List<ServerFrame> drainOutbound(EmbeddedChannel connection) {
    List<ServerFrame> frames = new ArrayList<>();
    for (ServerFrame frame = connection.readOutbound();
        frame != null;
        frame = connection.readOutbound()) {
      frames.add(frame);
    }
    return frames;
  }

  private static Update mailboxUpdate(long pts) {
    return Update.newBuilder().setMailbox(MailboxUpdate.newBuilder().setPts(pts)).build();
  }

  private void advance(Duration time) {
    channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();
  }

  /**
   * Holds every outbound write, with its promise, until {@link #release()}: a socket whose send
   * buffer is full.
   */
  private static final class HeldWrites extends ChannelOutboundHandlerAdapter {

    private final List<Map.Entry<Object, ChannelPromise>> held = new ArrayList<>();
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      held.add(Map.entry(msg, promise));
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      // Nothing leaves before release().
    }

    int count() {
      return held.size();
    }

    void release() {
      held.forEach(write -> ctx.write(write.getKey(), write.getValue()));
      held.clear();
      ctx.flush();
    }
  }
}
