package io.switchboard.runtime.node.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.ServerFrame;
import java.util.List;

/**
 * Encodes outbound {@link ServerFrame}s as length-prefixed frames with the pure {@link FrameCodec}.
 * Other outbound messages pass through untouched. Stateless and shared.
 */
@Sharable
public final class ServerFrameEncoder extends MessageToMessageEncoder<ServerFrame> {

  @Override
  protected void encode(ChannelHandlerContext ctx, ServerFrame frame, List<Object> out) {
    out.add(Unpooled.wrappedBuffer(FrameCodec.encode(frame)));
  }
}
