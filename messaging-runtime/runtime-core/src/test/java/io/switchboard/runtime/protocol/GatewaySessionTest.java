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
