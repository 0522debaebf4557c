package io.switchboard.runtime.node.gateway;

import static io.switchboard.runtime.node.gateway.Frames.encode;
import static io.switchboard.runtime.node.gateway.Frames.handshake;
import static io.switchboard.runtime.node.gateway.Frames.header;
import static io.switchboard.runtime.node.gateway.Frames.ping;
import static io.switchboard.runtime.node.gateway.Frames.readServerFrames;
import static io.switchboard.runtime.node.gateway.Frames.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.InMemoryMessaging;
import io.switchboard.runtime.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayChannelInitializerTest {

  private static final GatewayParameters PARAMETERS =
      new GatewayParameters("me-1", "middle-east", 128, 1);

  /** Below the idle timeout, so that time advanced to the deadline does not trip the idle check. */
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(500);

  private static final OutboundLimits LIMITS =
      new OutboundLimits(1_000, 2_000, 8_000, Duration.ofSeconds(3));

  private final GatewayTraffic traffic = new GatewayTraffic();
  private final SessionRegistry sessions = new SessionRegistry();
  private final EmbeddedChannel channel = new EmbeddedChannel(newInitializer());

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void assemblesThePipelineInOrder() {
    assertThat(channel.pipeline().names())
        .containsSubsequence(
            "idle-state",
            "idle-closer",
            "slow-consumer",
            "frame-encoder",
            "frame-decoder",
            "session");
    IdleStateHandler idle = channel.pipeline().get(IdleStateHandler.class);
    assertThat(idle.getReaderIdleTimeInMillis()).isEqualTo(1_000);
    assertThat(idle.getWriterIdleTimeInMillis()).isZero();
    assertThat(idle.getAllIdleTimeInMillis()).isZero();
  }

  @Test
  void setsTheWriteBufferWaterMarksOfTheOutboundLimits() {
    WriteBufferWaterMark mark = channel.config().getWriteBufferWaterMark();

    assertThat(mark.low()).isEqualTo(1_000);
    assertThat(mark.high()).isEqualTo(2_000);
  }

  @Test
  void answersOnlyTheFatalErrorOfABufferThatHoldsMoreFrames() throws FrameDecodingException {
    channel.writeInbound(Unpooled.wrappedBuffer(encode(ping(1, 1), handshake(2), ping(3, 1))));

    List<ServerFrame> answers = readServerFrames(channel);
    assertThat(answers)
        .extracting(frame -> frame.getError().getCode())
        .containsExactly(ErrorCode.HANDSHAKE_REQUIRED);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void closesAConnectionThatSendsABodyTypeOfALaterProtocolVersion() throws FrameDecodingException {
    channel.writeInbound(Unpooled.wrappedBuffer(encode(handshake(1))));
    readServerFrames(channel);

    // request_id 7, then field 99 (tag 0x9a 0x06: length-delimited, empty): a body type version 1
    // lacks.
    channel.writeInbound(header(5).writeBytes(new byte[] {0x08, 0x07, (byte) 0x9a, 0x06, 0x00}));

    List<ServerFrame> answers = readServerFrames(channel);
    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).getRequestId()).isZero();
    assertThat(answers.get(0).getError().getCode()).isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void closesAConnectionThatDoesNotHandshakeWithinTheHandshakeTimeout()
      throws FrameDecodingException {
    channel.freezeTime();
    channel.writeInbound(Unpooled.wrappedBuffer(encode(handshake(1)), 0, 5));

    channel.advanceTimeBy(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    // The deadline's answer, written outside a read, is flushed by a task of its own.
    channel.runPendingTasks();

    List<ServerFrame> answers = readServerFrames(channel);
    assertThat(answers)
        .extracting(frame -> frame.getError().getCode())
        .containsExactly(ErrorCode.HANDSHAKE_TIMEOUT);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void stopsReadingFromAConnectionWhoseAnswersPileUp() {
    channel.writeInbound(Unpooled.wrappedBuffer(encode(handshake(1))));

    channel.write(Unpooled.wrappedBuffer(new byte[LIMITS.highWaterMarkBytes()]));

    assertThat(channel.config().isAutoRead()).isFalse();
    channel.flush();
    assertThat(channel.config().isAutoRead()).isTrue();
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
  void registersAUserThroughTheMessagingEndpointAndJoinsTheSessionRegistry()
      throws FrameDecodingException {
    channel.writeInbound(Unpooled.wrappedBuffer(encode(handshake(1), register(2, "Ada"))));

    List<ServerFrame> answers = readServerFrames(channel);
    assertThat(answers).hasSize(2);
    long ada = answers.get(1).getRegistered().getUserId();
    assertThat(ada).isPositive();
    assertThat(sessions.sessionsOf(ada)).isEqualTo(1);
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
    EmbeddedChannel other = new EmbeddedChannel(newInitializer());
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

  private GatewayChannelInitializer newInitializer() {
    return new GatewayChannelInitializer(
        PARAMETERS, HANDSHAKE_TIMEOUT, LIMITS, traffic, new InMemoryMessaging(), sessions);
  }
}
