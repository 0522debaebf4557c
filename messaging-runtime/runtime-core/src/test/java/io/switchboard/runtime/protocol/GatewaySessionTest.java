package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewaySessionTest {

  private static final GatewayParameters PARAMETERS =
      new GatewayParameters("eu-2", "europe", 4096, 30);

  private static final long USER = 1_024 + 300;

  private final GatewaySession session = new GatewaySession(PARAMETERS);

  @Test
  void acceptsAHandshakeWithTheGatewayParameters() {
    SessionReply reply = session.onFrame(handshake(1, FrameCodec.PROTOCOL_VERSION));

    assertThat(reply.closeConnection()).isFalse();
    assertThat(reply.frames()).hasSize(1);
    ServerFrame accepted = reply.frames().get(0);
    assertThat(accepted.getRequestId()).isEqualTo(1);
    assertThat(accepted.getHandshakeAccepted())
        .isEqualTo(
            HandshakeAccepted.newBuilder()
                .setProtocolVersion(1)
                .setNodeId("eu-2")
                .setDc("europe")
                .setMaxFrameBytes(4096)
                .setIdleTimeoutSeconds(30)
                .build());
    assertThat(session.isEstablished()).isTrue();
  }

  @Test
  void answersAPingWithAPongCarryingTheSamePayload() {
    session.onFrame(handshake(1, FrameCodec.PROTOCOL_VERSION));

    SessionReply reply = session.onFrame(ping(2, 0xCAFEBABEL));

    assertThat(reply.closeConnection()).isFalse();
    assertThat(reply.frames())
        .containsExactly(
            ServerFrame.newBuilder()
                .setRequestId(2)
                .setPong(Pong.newBuilder().setPayload(0xCAFEBABEL))
                .build());
  }

  @Test
  void requiresTheHandshakeFirstAndClosesOtherwise() {
    SessionReply reply = session.onFrame(ping(5, 1));

    assertError(reply, 5, ErrorCode.HANDSHAKE_REQUIRED);
    assertThat(reply.closeConnection()).isTrue();
    assertThat(session.isClosed()).isTrue();
  }

  @Test
  void rejectsAnUnsupportedVersionListingTheSupportedOnes() {
    SessionReply reply = session.onFrame(handshake(1, 2));

    assertError(reply, 1, ErrorCode.UNSUPPORTED_PROTOCOL_VERSION);
    assertThat(reply.frames().get(0).getError().getMessage())
        .contains("protocol version 2")
        .contains("supported versions: [1]");
    assertThat(reply.closeConnection()).isTrue();
    assertThat(session.isEstablished()).isFalse();
  }

  @Test
  void rejectsASecondHandshakeButKeepsTheConnection() {
    session.onFrame(handshake(1, FrameCodec.PROTOCOL_VERSION));

    SessionReply reply = session.onFrame(handshake(2, FrameCodec.PROTOCOL_VERSION));

    assertError(reply, 2, ErrorCode.ALREADY_HANDSHAKEN);
    assertThat(reply.closeConnection()).isFalse();
    assertThat(session.isEstablished()).isTrue();
  }

  @Test
  void rejectsRequestIdZeroButKeepsTheConnection() {
    session.onFrame(handshake(1, FrameCodec.PROTOCOL_VERSION));

    SessionReply reply = session.onFrame(ping(0, 1));

    assertError(reply, 0, ErrorCode.INVALID_REQUEST_ID);
    assertThat(reply.closeConnection()).isFalse();
    assertThat(session.onFrame(ping(3, 1)).frames().get(0).hasPong()).isTrue();
  }

  @Test
  void aHandshakeWithRequestIdZeroIsRejectedAndTheHandshakeCanBeRetried() {
    SessionReply rejected = session.onFrame(handshake(0, FrameCodec.PROTOCOL_VERSION));

    assertError(rejected, 0, ErrorCode.INVALID_REQUEST_ID);
    assertThat(rejected.closeConnection()).isFalse();
    assertThat(session.isEstablished()).isFalse();
    assertThat(
            session
                .onFrame(handshake(1, FrameCodec.PROTOCOL_VERSION))
                .frames()
                .get(0)
                .hasHandshakeAccepted())
        .isTrue();
  }

  @Test
  void aFirstFrameThatIsNotAHandshakeIsHandshakeRequiredEvenWithRequestIdZero() {
    SessionReply reply = session.onFrame(ping(0, 1));

    assertError(reply, 0, ErrorCode.HANDSHAKE_REQUIRED);
    assertThat(reply.closeConnection()).isTrue();
    assertThat(session.isClosed()).isTrue();
  }

  @Test
  void refusesAFrameWithoutBodyBecauseTheFrameReaderNeverDeliversOne() {
    ClientFrame noBody = ClientFrame.newBuilder().setRequestId(4).build();

    assertThatThrownBy(() -> session.onFrame(noBody))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no body");
    assertThat(session.isClosed()).isFalse();
  }

  @Test
  void undecodableInputIsReportedWithRequestIdZeroAndCloses() {
    session.onFrame(handshake(1, FrameCodec.PROTOCOL_VERSION));

    SessionReply reply =
        session.onUndecodableInput(
            new FrameDecodingException(ErrorCode.FRAME_TOO_LARGE, "frame of 9999 bytes"));

    assertError(reply, 0, ErrorCode.FRAME_TOO_LARGE);
    assertThat(reply.frames().get(0).getError().getMessage()).isEqualTo("frame of 9999 bytes");
    assertThat(reply.closeConnection()).isTrue();
    assertThat(session.isClosed()).isTrue();
  }

  @Test
  void ignoresEverythingAfterAFatalErrorWithoutAnotherCloseInstruction() {
    session.onFrame(ping(1, 1));

    SessionReply afterFrame = session.onFrame(handshake(2, FrameCodec.PROTOCOL_VERSION));
    SessionReply afterGarbage =
        session.onUndecodableInput(
            new FrameDecodingException(ErrorCode.MALFORMED_FRAME, "garbage"));
    SessionReply afterDeadline = session.onHandshakeDeadline();

    for (SessionReply reply : List.of(afterFrame, afterGarbage, afterDeadline)) {
      assertThat(reply.frames()).isEmpty();
      assertThat(reply.closeConnection()).isFalse();
    }
    assertThat(session.isClosed()).isTrue();
    assertThat(session.isEstablished()).isFalse();
  }

  @Test
  void theHandshakeDeadlineClosesAConnectionStillAwaitingItsHandshake() {
    SessionReply reply = session.onHandshakeDeadline();

    assertError(reply, 0, ErrorCode.HANDSHAKE_TIMEOUT);
    assertThat(reply.closeConnection()).isTrue();
    assertThat(session.isClosed()).isTrue();
  }

  @Test
  void theHandshakeDeadlineStillRunsAfterAHandshakeWithRequestIdZero() {
    session.onFrame(handshake(0, FrameCodec.PROTOCOL_VERSION));

    assertError(session.onHandshakeDeadline(), 0, ErrorCode.HANDSHAKE_TIMEOUT);
  }

  @Test
  void theHandshakeDeadlineDoesNothingOnceTheHandshakeIsAccepted() {
    session.onFrame(handshake(1, FrameCodec.PROTOCOL_VERSION));

    SessionReply reply = session.onHandshakeDeadline();

    assertThat(reply.frames()).isEmpty();
    assertThat(reply.closeConnection()).isFalse();
    assertThat(session.isEstablished()).isTrue();
  }

  @Test
  void theFatalCodesAreTheDocumentedOnes() {
    assertThat(GatewaySession.FATAL_ERROR_CODES)
        .containsExactlyInAnyOrder(
            ErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
            ErrorCode.HANDSHAKE_REQUIRED,
            ErrorCode.MALFORMED_FRAME,
            ErrorCode.FRAME_TOO_LARGE,
            ErrorCode.HANDSHAKE_TIMEOUT);
  }

  @Test
  void whetherAnErrorClosesTheConnectionDependsOnItsCodeAlone() {
    List<SessionReply> errors = new ArrayList<>();
    errors.add(new GatewaySession(PARAMETERS).onFrame(ping(0, 1)));
    errors.add(new GatewaySession(PARAMETERS).onFrame(ping(3, 1)));
    errors.add(new GatewaySession(PARAMETERS).onFrame(handshake(0, 1)));
    errors.add(new GatewaySession(PARAMETERS).onFrame(handshake(1, 9)));
    errors.add(new GatewaySession(PARAMETERS).onHandshakeDeadline());
    errors.add(
        new GatewaySession(PARAMETERS)
            .onUndecodableInput(new FrameDecodingException(ErrorCode.MALFORMED_FRAME, "bad")));
    errors.add(
        new GatewaySession(PARAMETERS)
            .onUndecodableInput(new FrameDecodingException(ErrorCode.FRAME_TOO_LARGE, "big")));
    errors.add(established().onFrame(ping(0, 1)));
    errors.add(established().onFrame(handshake(2, 1)));
    errors.add(established().onFrame(send(2, "hi")));
    errors.add(established().onFrame(authenticate(2, "")));
    errors.add(authenticated(USER).onFrame(authenticate(2, "token")));
    errors.add(authenticated(USER).onFrame(send(2, "")));
    errors.add(authenticated(USER).onFrame(send(2, "x".repeat(RequestRules.MAX_TEXT_BYTES + 1))));
    errors.add(authenticated(USER).onFrame(createGroup(2, RequestRules.MAX_GROUP_MEMBERS)));
    for (ErrorCode code :
        List.of(
            ErrorCode.PEER_UNKNOWN,
            ErrorCode.FORBIDDEN,
            ErrorCode.UNAVAILABLE,
            ErrorCode.INTERNAL)) {
      errors.add(answeredWith(new MessagingException(code, "refused")));
    }
    errors.add(
        answeredWith(
            MessagingException.wrongShard(
                Redirect.newBuilder()
                    .setShard(7)
                    .setNodeId("eu-1")
                    .setShardMapVersion(3)
                    .build())));

    assertThat(errors)
        .extracting(reply -> reply.frames().get(0).getError().getCode())
        .containsAll(
            EnumSet.complementOf(
                EnumSet.of(ErrorCode.ERROR_CODE_UNSPECIFIED, ErrorCode.UNRECOGNIZED)));
    for (SessionReply reply : errors) {
      ErrorCode code = reply.frames().get(0).getError().getCode();
      assertThat(reply.closeConnection())
          .as("closes after %s", code)
          .isEqualTo(GatewaySession.FATAL_ERROR_CODES.contains(code));
    }
  }

  @Test
  void registerRunsBeforeAuthenticationAsAnOperationWithoutUser() {
    GatewaySession session = established();

    SessionReply reply = session.onFrame(register(2));

    assertThat(reply.frames()).isEmpty();
    assertThat(reply.closeConnection()).isFalse();
    assertThat(reply.operation()).hasValue(new Operation(2, 0, register(2)));
    assertThat(session.isAuthenticating()).isTrue();
    assertThat(session.authenticatedUser()).isEmpty();
  }

  @Test
  void aSuccessfulRegistrationAuthenticatesTheSessionAsTheNewUser() {
    GatewaySession session = established();
    Operation registration = session.onFrame(register(2)).operation().orElseThrow();
    ServerFrame registered =
        ServerFrame.newBuilder()
            .setRequestId(2)
            .setRegistered(Registered.newBuilder().setUserId(USER).setToken("secret"))
            .build();

    SessionReply reply = session.onOperationCompleted(registration, registered);

    assertThat(reply.frames()).containsExactly(registered);
    assertThat(session.isAuthenticating()).isFalse();
    assertThat(session.authenticatedUser()).hasValue(USER);
    assertThat(session.onFrame(send(3, "hello")).operation())
        .hasValue(new Operation(3, USER, send(3, "hello")));
  }

  @Test
  void aSuccessfulAuthenticationAuthenticatesTheSessionAsTheTokensUser() {
    GatewaySession session = established();
    Operation authentication = session.onFrame(authenticate(2, "secret")).operation().orElseThrow();

    session.onOperationCompleted(
        authentication,
        ServerFrame.newBuilder()
            .setRequestId(2)
            .setAuthenticated(Authenticated.newBuilder().setUserId(USER).setPts(12))
            .build());

    assertThat(session.authenticatedUser()).hasValue(USER);
  }

  @Test
  void aRefusedAuthenticationLeavesTheSessionEstablishedSoTheClientMayTryAgain() {
    GatewaySession session = established();
    Operation authentication = session.onFrame(authenticate(2, "stale")).operation().orElseThrow();
    ServerFrame refused =
        errorFrame(2, new MessagingException(ErrorCode.AUTH_INVALID, "unknown token"));

    SessionReply reply = session.onOperationCompleted(authentication, refused);

    assertThat(reply.frames()).containsExactly(refused);
    assertThat(reply.closeConnection()).isFalse();
    assertThat(session.authenticatedUser()).isEmpty();
    assertError(session.onFrame(send(3, "hi")), 3, ErrorCode.AUTH_REQUIRED);
    assertThat(session.onFrame(authenticate(4, "fresh")).operation()).isPresent();
  }

  @Test
  void anAuthenticationAnswerNamingNoUserIsTheEndpointsBugAnsweredAsInternal() {
    GatewaySession session = established();
    Operation registration = session.onFrame(register(2)).operation().orElseThrow();

    SessionReply reply =
        session.onOperationCompleted(
            registration,
            ServerFrame.newBuilder()
                .setRequestId(2)
                .setRegistered(Registered.newBuilder().setToken("secret"))
                .build());

    assertError(reply, 2, ErrorCode.INTERNAL);
    assertThat(session.authenticatedUser()).isEmpty();
    assertThat(session.isAuthenticating()).isFalse();
  }

  @Test
  void framesMustBeHeldBackWhileAnAuthenticationIsCarriedOut() {
    GatewaySession session = established();
    session.onFrame(register(2));

    assertThatThrownBy(() -> session.onFrame(ping(3, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("authentication");
  }

  @Test
  void userOperationsNeedAnAuthenticatedConnectionButItStaysOpen() {
    GatewaySession session = established();

    SessionReply reply = session.onFrame(send(2, "x".repeat(RequestRules.MAX_TEXT_BYTES + 1)));

    assertError(reply, 2, ErrorCode.AUTH_REQUIRED);
    assertThat(reply.operation()).isEmpty();
    assertThat(reply.closeConnection()).isFalse();
    assertThat(session.onFrame(ping(3, 1)).frames().get(0).hasPong()).isTrue();
  }

  @Test
  void anAuthenticatedConnectionKeepsItsUser() {
    GatewaySession session = authenticated(USER);

    assertError(session.onFrame(register(5)), 5, ErrorCode.ALREADY_AUTHENTICATED);
    assertError(session.onFrame(authenticate(6, "other")), 6, ErrorCode.ALREADY_AUTHENTICATED);
    assertThat(session.authenticatedUser()).hasValue(USER);
  }

  @Test
  void aRequestBreakingAFieldRuleIsAnsweredWithTheRulesErrorAndNotHandedOver() {
    GatewaySession session = authenticated(USER);

    SessionReply reply = session.onFrame(send(2, "x".repeat(RequestRules.MAX_TEXT_BYTES + 1)));

    assertError(reply, 2, ErrorCode.TEXT_TOO_LONG);
    assertThat(reply.operation()).isEmpty();
    assertThat(reply.closeConnection()).isFalse();
  }

  @Test
  void passesOperationAnswersOnWhateverTheirOrder() {
    GatewaySession session = authenticated(USER);
    Operation first = session.onFrame(send(2, "one")).operation().orElseThrow();
    Operation second = session.onFrame(send(3, "two")).operation().orElseThrow();
    ServerFrame secondSent = sent(3, 11);
    ServerFrame firstSent = sent(2, 10);

    assertThat(session.onOperationCompleted(second, secondSent).frames())
        .containsExactly(secondSent);
    assertThat(session.onOperationCompleted(first, firstSent).frames()).containsExactly(firstSent);
  }

  @Test
  void refusesAnAnswerToAnotherRequest() {
    GatewaySession session = authenticated(USER);
    Operation operation = session.onFrame(send(2, "one")).operation().orElseThrow();

    assertThatThrownBy(() -> session.onOperationCompleted(operation, sent(9, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dropsAnswersThatArriveAfterAFatalError() {
    GatewaySession session = authenticated(USER);
    Operation operation = session.onFrame(send(2, "one")).operation().orElseThrow();
    session.onUndecodableInput(new FrameDecodingException(ErrorCode.MALFORMED_FRAME, "garbage"));

    SessionReply reply = session.onOperationCompleted(operation, sent(2, 1));

    assertThat(reply.frames()).isEmpty();
    assertThat(session.authenticatedUser()).isEmpty();
  }

  @Test
  void pushesUpdatesWithRequestIdZeroToAnAuthenticatedSessionOnly() {
    Update update = Update.newBuilder().setMailbox(MailboxUpdate.newBuilder().setPts(4)).build();

    assertThat(new GatewaySession(PARAMETERS).onUpdate(update).frames()).isEmpty();
    assertThat(established().onUpdate(update).frames()).isEmpty();
    assertThat(authenticated(USER).onUpdate(update).frames())
        .containsExactly(ServerFrame.newBuilder().setRequestId(0).setUpdate(update).build());
  }

  private static SessionReply answeredWith(MessagingException refusal) {
    GatewaySession session = authenticated(USER);
    Operation operation = session.onFrame(send(2, "hi")).operation().orElseThrow();
    return session.onOperationCompleted(operation, errorFrame(2, refusal));
  }

  private static ServerFrame errorFrame(long requestId, MessagingException refusal) {
    return ServerFrame.newBuilder().setRequestId(requestId).setError(refusal.toError()).build();
  }

  private static ServerFrame sent(long requestId, long pts) {
    return ServerFrame.newBuilder()
        .setRequestId(requestId)
        .setMessageSent(MessageSent.newBuilder().setMessageId(pts).setPts(pts).setDate(1))
        .build();
  }

  private static GatewaySession authenticated(long userId) {
    GatewaySession session = established();
    Operation authentication = session.onFrame(authenticate(1_000, "token")).operation().get();
    session.onOperationCompleted(
        authentication,
        ServerFrame.newBuilder()
            .setRequestId(1_000)
            .setAuthenticated(Authenticated.newBuilder().setUserId(userId))
            .build());
    return session;
  }

  private static ClientFrame register(long requestId) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setRegister(Register.newBuilder().setDisplayName("Ada").setDc("europe"))
        .build();
  }

  private static ClientFrame authenticate(long requestId, String token) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setAuthenticate(Authenticate.newBuilder().setToken(token))
        .build();
  }

  private static ClientFrame send(long requestId, String text) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setSendMessage(
            SendMessage.newBuilder()
                .setPeer(Peer.newBuilder().setUserId(2_048))
                .setRandomId(42)
                .setText(text))
        .build();
  }

  private static ClientFrame createGroup(long requestId, int otherMembers) {
    CreateGroup.Builder group = CreateGroup.newBuilder().setTitle("crowd");
    for (int i = 1; i <= otherMembers; i++) {
      group.addMemberIds(USER + i);
    }
    return ClientFrame.newBuilder().setRequestId(requestId).setCreateGroup(group).build();
  }

  private static GatewaySession established() {
    GatewaySession established = new GatewaySession(PARAMETERS);
    established.onFrame(handshake(1, FrameCodec.PROTOCOL_VERSION));
    return established;
  }

  private static void assertError(SessionReply reply, long requestId, ErrorCode code) {
    assertThat(reply.frames()).hasSize(1);
    ServerFrame frame = reply.frames().get(0);
    assertThat(frame.getRequestId()).isEqualTo(requestId);
    assertThat(frame.getError().getCode()).isEqualTo(code);
  }

  private static ClientFrame handshake(long requestId, int version) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setHandshake(Handshake.newBuilder().setProtocolVersion(version).setClientName("test"))
        .build();
  }

  private static ClientFrame ping(long requestId, long payload) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setPing(Ping.newBuilder().setPayload(payload))
        .build();
  }
}
