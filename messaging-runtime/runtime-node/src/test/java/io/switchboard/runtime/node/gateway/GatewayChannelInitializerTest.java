package io.switchboard.runtime.node.gateway;

import static io.switchboard.runtime.node.gateway.Frames.encode;
import static io.switchboard.runtime.node.gateway.Frames.handshake;
import static io.switchboard.runtime.node.gateway.Frames.header;
import static io.switchboard.runtime.node.gateway.Frames.ping;
import static io.switchboard.runtime.node.gateway.Frames.readServerFrames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayChannelInitializerTest {

  private static final GatewayParameters PARAMETERS =
      new GatewayParameters("me-1", "middle-east", 128, 1);

  private final GatewayTraffic traffic = new GatewayTraffic();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new GatewayChannelInitializer(PARAMETERS, traffic));

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void assemblesThePipelineInOrder() {
    assertThat(channel.pipeline().names())
        .containsSubsequence(
            "idle-state", "idle-closer", "frame-encoder", "frame-decoder", "session");
    IdleStateHandler idle = channel.pipeline().get(IdleStateHandler.class);
    assertThat(idle.getReaderIdleTimeInMillis()).isEqualTo(1_000);
    assertThat(idle.getWriterIdleTimeInMillis()).isZero();
    assertThat(idle.getAllIdleTimeInMillis()).isZero();
  }

  @Test
  void answersAHandshakeAndAPingFromRawBytes() throws FrameDecodingException {
    channel.writeInbound(Unpooled.wrappedBuffer(encode(handshake(1), ping(2, 5))));

    List<ServerFrame> answers = readServerFrames(channel);
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0).getHandshakeAccepted().getDc()).isEqualTo("middle-east");
    assertThat(answers.get(1).getPong().getPayload()).isEqualTo(5);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void answersAnOversizeHeaderWithAnErrorFrameThenCloses() throws FrameDecodingException {
    channel.writeInbound(Unpooled.wrappedBuffer(encode(handshake(1))));
    readServerFrames(channel);

    channel.writeInbound(header(129));

    List<ServerFrame> answers = readServerFrames(channel);
    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).getRequestId()).isZero();
    assertThat(answers.get(0).getError().getCode()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
    assertThat(answers.get(0).getError().getMessage()).contains("129 bytes");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void answersAMalformedFrameWithAnErrorFrameThenCloses() throws FrameDecodingException {
    channel.writeInbound(header(1).writeByte(0xFF));

    List<ServerFrame> answers = readServerFrames(channel);
    assertThat(answers)
        .extracting(frame -> frame.getError().getCode())
        .containsExactly(ErrorCode.MALFORMED_FRAME);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void closesAConnectionThatStaysSilentForTheIdleTimeout() {
    channel.writeInbound(Unpooled.wrappedBuffer(encode(handshake(1))));

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              channel.runScheduledPendingTasks();
              return !channel.isOpen();
            });
    assertThat(traffic.connectionsOpen()).isZero();
  }

  @Test
  void everyConnectionGetsItsOwnSession() throws FrameDecodingException {
    EmbeddedChannel other = new EmbeddedChannel(new GatewayChannelInitializer(PARAMETERS, traffic));
    try {
      channel.writeInbound(Unpooled.wrappedBuffer(encode(handshake(1))));
      other.writeInbound(Unpooled.wrappedBuffer(encode(ping(1, 1))));

      assertThat(readServerFrames(channel).get(0).hasHandshakeAccepted()).isTrue();
      assertThat(readServerFrames(other).get(0).getError().getCode())
          .isEqualTo(ErrorCode.HANDSHAKE_REQUIRED);
      assertThat(traffic.connectionsAccepted()).isEqualTo(2);
    } finally {
      other.finishAndReleaseAll();
    }
  }
}
