package io.switchboard.runtime.node.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.FrameReader;
import java.nio.ByteBuffer;

/**
 * Turns the inbound bytes of a gateway connection into {@link ClientFrame}s by feeding them to the
 * pure {@link FrameReader}.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Every inbound {@link ByteBuf} is consumed and released at once; partial frames live in the
 *       reader, which never holds more than {@code maxFrameBytes + 4} bytes.
 *   <li>Decoded frames are fired downstream in stream order.
 *   <li>A framing error is fired downstream once, as a {@link FrameDecodingException} through
 *       {@code exceptionCaught}; the session handler answers it. All later input is discarded,
 *       because the stream cannot be resynchronised.
 * </ul>
 *
 * <p>Stateful: one instance per connection.
 */
public final class ClientFrameDecoder extends ChannelInboundHandlerAdapter {

  private final FrameReader<ClientFrame> reader;
  private boolean failed;

  public ClientFrameDecoder(int maxFrameBytes) {
    this.reader = FrameReader.forClientFrames(maxFrameBytes);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      if (!failed) {
        for (ByteBuffer chunk : bytes.nioBuffers()) {
          reader.read(chunk, ctx::fireChannelRead);
        }
      }
    } catch (FrameDecodingException e) {
      failed = true;
      ctx.fireExceptionCaught(e);
    } finally {
      bytes.release();
    }
  }
}
