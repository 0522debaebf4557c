package io.switchboard.runtime.node.gateway;

import static io.switchboard.runtime.node.gateway.Frames.encode;
import static io.switchboard.runtime.node.gateway.Frames.handshake;
import static io.switchboard.runtime.node.gateway.Frames.ping;
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
import io.switchboard.runtime.protocol.ServerFrame;
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
  private final EmbeddedChannel channel = new EmbeddedChannel(newHandler());

  GatewaySessionHandlerTest() {
    channel.freezeTime();
  }

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
  void closesOnlyOnceTheFatalErrorIsWrittenAndAnswersNothingAfterItInTheSameRead() {
    HeldWrites held = new HeldWrites();
    EmbeddedChannel slow = new EmbeddedChannel(held, new ClientFrameDecoder(512), newHandler());
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
  void refusesANonPositiveHandshakeTimeout() {
    assertThatThrownBy(
            () ->
                new GatewaySessionHandler(
                    new GatewaySession(PARAMETERS), Duration.ZERO, new GatewayTraffic()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("handshakeTimeout");
  }

  @Test
  void passesNothingDownstreamBecauseItConsumesEveryFrame() {
    channel.writeInbound(handshake(1));

    assertThat((ClientFrame) channel.readInbound()).isNull();
  }

  private GatewaySessionHandler newHandler() {
    return new GatewaySessionHandler(new GatewaySession(PARAMETERS), HANDSHAKE_TIMEOUT, traffic);
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
