package io.switchboard.runtime.node.gateway;

import static io.switchboard.runtime.node.gateway.Frames.encode;
import static io.switchboard.runtime.node.gateway.Frames.handshake;
import static io.switchboard.runtime.node.gateway.Frames.header;
import static io.switchboard.runtime.node.gateway.Frames.ping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.FrameDecodingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientFrameDecoderTest {

  private static final int MAX_FRAME_BYTES = 256;

  private final EmbeddedChannel channel =
      new EmbeddedChannel(new ClientFrameDecoder(MAX_FRAME_BYTES));

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void firesNothingUntilAFrameIsCompleteThenFiresIt() {
    byte[] stream = encode(handshake(1));

    channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, 5));
    assertThat((Object) channel.readInbound()).isNull();

    channel.writeInbound(Unpooled.wrappedBuffer(stream, 5, stream.length - 5));
    assertThat((ClientFrame) channel.readInbound()).isEqualTo(handshake(1));
  }

  @Test
  void firesEveryFrameOfOneBufferInOrder() {
    channel.writeInbound(Unpooled.wrappedBuffer(encode(handshake(1), ping(2, 7), ping(3, 8))));

    assertThat((ClientFrame) channel.readInbound()).isEqualTo(handshake(1));
    assertThat((ClientFrame) channel.readInbound()).isEqualTo(ping(2, 7));
    assertThat((ClientFrame) channel.readInbound()).isEqualTo(ping(3, 8));
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void decodesFramesSpreadOverTheComponentsOfACompositeBuffer() {
    byte[] stream = encode(handshake(1), ping(2, 7));
    CompositeByteBuf composite = Unpooled.compositeBuffer();
    composite.addComponent(true, Unpooled.wrappedBuffer(stream, 0, 3));
    composite.addComponent(true, Unpooled.wrappedBuffer(stream, 3, stream.length - 3));

    channel.writeInbound(composite);

    assertThat((ClientFrame) channel.readInbound()).isEqualTo(handshake(1));
    assertThat((ClientFrame) channel.readInbound()).isEqualTo(ping(2, 7));
    assertThat(composite.refCnt()).isZero();
  }

  @Test
  void releasesEveryInboundBuffer() {
    ByteBuf partial = Unpooled.wrappedBuffer(encode(ping(2, 7)), 0, 3);

    channel.writeInbound(partial);

    assertThat(partial.refCnt()).isZero();
  }

  @Test
  void reportsAnOversizeHeaderThroughExceptionCaught() {
    assertThatThrownBy(() -> channel.writeInbound(header(MAX_FRAME_BYTES + 1)))
        .isInstanceOfSatisfying(
            FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void reportsAMalformedBodyThroughExceptionCaught() {
    ByteBuf garbage = header(2).writeByte(0xFF).writeByte(0xFF);

    assertThatThrownBy(() -> channel.writeInbound(garbage))
        .isInstanceOfSatisfying(
            FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FRAME));
  }

  @Test
  void discardsAndReleasesEverythingAfterAFailure() {
    assertThatThrownBy(() -> channel.writeInbound(header(MAX_FRAME_BYTES + 1)))
        .isInstanceOf(FrameDecodingException.class);
    ByteBuf valid = Unpooled.wrappedBuffer(encode(handshake(1)));

    channel.writeInbound(valid);

    assertThat((Object) channel.readInbound()).isNull();
    assertThat(valid.refCnt()).isZero();
  }

  @Test
  void passesOtherMessagesThrough() {
    channel.writeInbound("not bytes");

    assertThat((String) channel.readInbound()).isEqualTo("not bytes");
  }
}
