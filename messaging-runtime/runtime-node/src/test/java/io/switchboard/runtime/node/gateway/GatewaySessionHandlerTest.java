package io.switchboard.runtime.node.gateway;

import static io.switchboard.runtime.node.gateway.Frames.handshake;
import static io.switchboard.runtime.node.gateway.Frames.ping;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.GatewaySession;
import io.switchboard.runtime.protocol.ServerFrame;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewaySessionHandlerTest {

  private static final GatewayParameters PARAMETERS =
      new GatewayParameters("as-1", "asia", 512, 20);

  private final GatewayTraffic traffic = new GatewayTraffic();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new GatewaySessionHandler(new GatewaySession(PARAMETERS), traffic));

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
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
  void passesNothingDownstreamBecauseItConsumesEveryFrame() {
    channel.writeInbound(handshake(1));

    assertThat((ClientFrame) channel.readInbound()).isNull();
  }
}
