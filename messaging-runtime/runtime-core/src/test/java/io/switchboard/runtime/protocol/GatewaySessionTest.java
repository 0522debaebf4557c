package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

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
  void aFrameWithoutBodyIsMalformedAndFatal() {
    SessionReply reply = session.onFrame(ClientFrame.newBuilder().setRequestId(4).build());

    assertError(reply, 4, ErrorCode.MALFORMED_FRAME);
    assertThat(reply.closeConnection()).isTrue();
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
  void ignoresEverythingAfterAFatalError() {
    session.onFrame(ping(1, 1));

    SessionReply afterFrame = session.onFrame(handshake(2, FrameCodec.PROTOCOL_VERSION));
    SessionReply afterGarbage =
        session.onUndecodableInput(
            new FrameDecodingException(ErrorCode.MALFORMED_FRAME, "garbage"));

    assertThat(afterFrame.frames()).isEmpty();
    assertThat(afterFrame.closeConnection()).isTrue();
    assertThat(afterGarbage.frames()).isEmpty();
    assertThat(afterGarbage.closeConnection()).isTrue();
    assertThat(session.isEstablished()).isFalse();
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
