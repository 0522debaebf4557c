package io.switchboard.runtime.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.Pong;
import io.switchboard.runtime.protocol.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerFrameEncoderTest {

  private final EmbeddedChannel channel = new EmbeddedChannel(new ServerFrameEncoder());

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void writesTheFrameAsFrameCodecEncodesIt() {
    ServerFrame pong =
        ServerFrame.newBuilder().setRequestId(9).setPong(Pong.newBuilder().setPayload(3)).build();

    channel.writeOutbound(pong);

    ByteBuf bytes = channel.readOutbound();
    try {
      assertThat(ByteBufUtil.getBytes(bytes)).isEqualTo(FrameCodec.encode(pong));
    } finally {
      bytes.release();
    }
    assertThat((Object) channel.readOutbound()).isNull();
  }

  @Test
  void passesOtherMessagesThrough() {
    channel.writeOutbound("not a frame");

    assertThat((String) channel.readOutbound()).isEqualTo("not a frame");
  }
}
