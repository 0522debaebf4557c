package io.switchboard.runtime.node.gateway;

import static io.switchboard.runtime.node.gateway.Frames.encode;
import static io.switchboard.runtime.node.gateway.Frames.handshake;
import static io.switchboard.runtime.node.gateway.Frames.readServerFrames;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.InMemoryMessaging;
import io.switchboard.runtime.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ByteCounterTest {

  private final GatewayTraffic traffic = new GatewayTraffic();
  private final EmbeddedChannel channel = new EmbeddedChannel(new ByteCounter(traffic));

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void countsInboundBytesAndPassesThemOnUntouched() {
    ByteBuf first = Unpooled.wrappedBuffer(new byte[10]);
    ByteBuf second = Unpooled.wrappedBuffer(new byte[3]);

    channel.writeInbound(first, second);

    assertThat(traffic.bytesReceived()).isEqualTo(13);
    assertThat(traffic.bytesSent()).isZero();
    assertThat((ByteBuf) channel.readInbound()).isSameAs(first);
    assertThat((ByteBuf) channel.readInbound()).isSameAs(second);
    first.release();
    second.release();
  }

  @Test
  void countsOutboundBytesAndPassesThemOnUntouched() {
    ByteBuf bytes = Unpooled.wrappedBuffer(new byte[7]);

    channel.writeOutbound(bytes);

    assertThat(traffic.bytesSent()).isEqualTo(7);
    assertThat(traffic.bytesReceived()).isZero();
    ByteBuf written = channel.readOutbound();
    assertThat(written).isSameAs(bytes);
    written.release();
  }

  @Test
  void passesOtherMessagesOnUncounted() {
    channel.writeInbound("not bytes");
    channel.writeOutbound("not bytes either");

    assertThat((String) channel.readInbound()).isEqualTo("not bytes");
    assertThat((String) channel.readOutbound()).isEqualTo("not bytes either");
    assertThat(traffic.bytesReceived()).isZero();
    assertThat(traffic.bytesSent()).isZero();
  }

  @Test
  void countsTheFramedBytesOfAGatewayConnection() throws FrameDecodingException {
    EmbeddedChannel connection =
        new EmbeddedChannel(
            new GatewayChannelInitializer(
                new GatewayParameters("as-1", "asia", 512, 20),
                Duration.ofSeconds(10),
                OutboundLimits.DEFAULT,
                traffic,
                new InMemoryMessaging(),
                new SessionRegistry()));
    try {
      byte[] request = encode(handshake(1));

      connection.writeInbound(Unpooled.wrappedBuffer(request));

      List<ServerFrame> answers = readServerFrames(connection);
      assertThat(answers)
          .singleElement()
          .satisfies(a -> assertThat(a.hasHandshakeAccepted()).isTrue());
      assertThat(traffic.bytesReceived()).isEqualTo(request.length);
      assertThat(traffic.bytesSent()).isEqualTo(FrameCodec.encode(answers.get(0)).length);
    } finally {
      connection.finishAndReleaseAll();
    }
  }
}
