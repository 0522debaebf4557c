package io.switchboard.runtime.node.wire;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.switchboard.runtime.protocol.FrameCodec;
import java.io.IOException;

/**
 * Writes outbound protobuf messages as frames of both the gateway and the peer wire: a 4-byte
 * unsigned big-endian body length, then the serialized message (the bytes {@link FrameCodec#encode}
 * produces). Other outbound messages pass through untouched.
 *
 * <p>Each frame is serialized straight into one buffer of exactly its size from the channel's
 * allocator (an I/O buffer: direct where the platform allows), so a frame costs one pooled buffer
 * and no heap copy: no intermediate {@code byte[]}, no separate header buffer, no copy of a heap
 * buffer into a direct one when the socket writes it. Answers, pushes and peer calls all pass here,
 * several per send.
 *
 * <p>Stateless and shared by every channel that installs it.
 */
@Sharable
public final class LengthPrefixedEncoder extends MessageToByteEncoder<MessageLite> {

  public LengthPrefixedEncoder() {
    super(MessageLite.class, true);
  }

  @Override
  protected ByteBuf allocateBuffer(
      ChannelHandlerContext ctx, MessageLite message, boolean preferDirect) {
    return ctx.alloc().ioBuffer(FrameCodec.HEADER_BYTES + message.getSerializedSize());
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, MessageLite message, ByteBuf out)
      throws IOException {
    int bodyBytes = message.getSerializedSize();
    out.ensureWritable(FrameCodec.HEADER_BYTES + bodyBytes);
    out.writeInt(bodyBytes);
    int bodyStart = out.writerIndex();
    CodedOutputStream body =
        CodedOutputStream.newInstance(out.internalNioBuffer(bodyStart, bodyBytes));
    message.writeTo(body);
    body.checkNoSpaceLeft();
    out.writerIndex(bodyStart + bodyBytes);
  }
}
