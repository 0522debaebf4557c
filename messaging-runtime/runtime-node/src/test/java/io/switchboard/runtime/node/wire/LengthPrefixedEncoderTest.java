package io.switchboard.runtime.node.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.peer.GetShardMap;
import io.switchboard.runtime.peer.PeerRequest;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameReader;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Message;
import io.switchboard.runtime.protocol.Pong;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.Update;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LengthPrefixedEncoderTest {

  private final EmbeddedChannel channel = new EmbeddedChannel(new LengthPrefixedEncoder());

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void writesAServerFrameAsFrameCodecEncodesIt() {
    ServerFrame pong =
        ServerFrame.newBuilder().setRequestId(9).setPong(Pong.newBuilder().setPayload(3)).build();

    assertThat(writeAndTakeBytes(pong)).isEqualTo(FrameCodec.encode(pong));
    assertThat((Object) channel.readOutbound()).isNull();
  }

  @Test
  void writesAPeerMessageWithTheSameFraming() {
    PeerRequest request =
        PeerRequest.newBuilder()
            .setCallId(Long.MAX_VALUE)
            .setGetShardMap(GetShardMap.getDefaultInstance())
            .build();

    assertThat(writeAndTakeBytes(request)).isEqualTo(FrameCodec.encode(request));
  }

  @Test
  void aFrameFillsItsBufferExactlyAndReadsBackWhole() throws Exception {
    ServerFrame push =
        ServerFrame.newBuilder()
            .setUpdate(
                Update.newBuilder()
                    .setMailbox(
                        MailboxUpdate.newBuilder()
                            .setPts(123_456)
                            .setNewMessage(
                                Message.newBuilder()
                                    .setMessageId(77)
                                    .setFromUserId(5)
                                    .setText("\u00e9\u4e16\ud83d\ude00".repeat(300)))))
            .build();

    channel.writeOutbound(push);
    ByteBuf bytes = channel.readOutbound();
    try {
      assertThat(bytes.readableBytes())
          .isEqualTo(FrameCodec.HEADER_BYTES + push.getSerializedSize())
          .isEqualTo(bytes.capacity());
      List<ServerFrame> decoded = new ArrayList<>();
      FrameReader.forServerFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES)
          .read(bytes.nioBuffer(), decoded::add);
      assertThat(decoded).containsExactly(push);
    } finally {
      bytes.release();
    }
  }

  @Test
  void passesOtherMessagesThrough() {
    channel.writeOutbound("not a frame");

    assertThat((String) channel.readOutbound()).isEqualTo("not a frame");
  }

  private byte[] writeAndTakeBytes(Object message) {
    channel.writeOutbound(message);
    ByteBuf bytes = channel.readOutbound();
    try {
      return ByteBufUtil.getBytes(bytes);
    } finally {
      bytes.release();
    }
  }
}
