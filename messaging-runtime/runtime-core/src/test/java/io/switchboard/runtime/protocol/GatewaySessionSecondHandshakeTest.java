package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression, found by {@code ClientFrameDecoderFuzzTest}: a second handshake on an authenticated
 * connection was handled like a first one. With version 1 it was accepted again and silently
 * dropped the connection's authentication; with any other version it was answered with the fatal
 * {@code UNSUPPORTED_PROTOCOL_VERSION} and closed the connection. docs/protocol.md, section 3, step
 * 5: a second handshake on an ESTABLISHED, AUTHENTICATING or AUTHENTICATED connection is {@code
 * ALREADY_HANDSHAKEN}, and the connection stays open with the version negotiated first, whatever
 * version the second handshake names.
 */
class GatewaySessionSecondHandshakeTest {

  private static final long USER = 4_242;

  @ParameterizedTest
  @ValueSource(ints = {FrameCodec.PROTOCOL_VERSION, 0, 2, -1})
  void anAuthenticatedConnectionAnswersASecondHandshakeAlreadyHandshakenAndKeepsItsUser(
      int version) {
    GatewaySession session = authenticated();

    SessionReply reply = session.onFrame(handshake(7, version));

    assertThat(reply.frames()).hasSize(1);
    assertThat(reply.frames().get(0).getRequestId()).isEqualTo(7);
    assertThat(reply.frames().get(0).getError().getCode()).isEqualTo(ErrorCode.ALREADY_HANDSHAKEN);
    assertThat(reply.closeConnection()).isFalse();
    assertThat(reply.operation()).isEmpty();
    assertThat(session.isClosed()).isFalse();
    assertThat(session.authenticatedUser()).hasValue(USER);
    assertThat(session.onUpdate(Update.getDefaultInstance()).frames()).hasSize(1);
    SessionReply send = session.onFrame(send(8));
    assertThat(send.operation()).hasValueSatisfying(op -> assertThat(op.userId()).isEqualTo(USER));
  }

  @Test
  void anEstablishedConnectionAnswersASecondHandshakeWithAnUnsupportedVersionAlreadyHandshaken() {
    GatewaySession session = new GatewaySession(parameters());
    session.onFrame(handshake(1, FrameCodec.PROTOCOL_VERSION));

    SessionReply reply = session.onFrame(handshake(2, 99));

    assertThat(reply.frames().get(0).getError().getCode()).isEqualTo(ErrorCode.ALREADY_HANDSHAKEN);
    assertThat(reply.closeConnection()).isFalse();
    assertThat(session.isEstablished()).isTrue();
  }

  private static GatewaySession authenticated() {
    GatewaySession session = new GatewaySession(parameters());
    session.onFrame(handshake(1, FrameCodec.PROTOCOL_VERSION));
    Operation authentication =
        session
            .onFrame(
                ClientFrame.newBuilder()
                    .setRequestId(2)
                    .setAuthenticate(Authenticate.newBuilder().setToken("token"))
                    .build())
            .operation()
            .orElseThrow();
    session.onOperationCompleted(
        authentication,
        ServerFrame.newBuilder()
            .setRequestId(2)
            .setAuthenticated(Authenticated.newBuilder().setUserId(USER))
            .build());
    assertThat(session.authenticatedUser()).hasValue(USER);
    return session;
  }

  private static GatewayParameters parameters() {
    return new GatewayParameters("eu-1", "europe", FrameCodec.DEFAULT_MAX_FRAME_BYTES, 60);
  }

  private static ClientFrame handshake(long requestId, int version) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setHandshake(Handshake.newBuilder().setProtocolVersion(version).setClientName("test"))
        .build();
  }

  private static ClientFrame send(long requestId) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setSendMessage(
            SendMessage.newBuilder()
                .setPeer(Peer.newBuilder().setUserId(USER + 1))
                .setRandomId(9)
                .setText("hi"))
        .build();
  }
}
