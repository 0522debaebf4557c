package io.switchboard.runtime.node.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the bytes of gateway connections in the node's {@link GatewayTraffic}, at the head of the
 * pipeline: every inbound {@link ByteBuf} when it is read, every outbound one when it is written to
 * the channel, before the socket took it (so bytes still pending when a connection closes count as
 * sent). Every message passes on unchanged; messages other than {@link ByteBuf}s are not counted.
 *
 * <p>Stateless; shared by the connections of one gateway.
 */
@Sharable
final class ByteCounter extends ChannelDuplexHandler {

  private final GatewayTraffic traffic;

  ByteCounter(GatewayTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes) {
      traffic.bytesReceived(bytes.readableBytes());
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf bytes) {
      traffic.bytesSent(bytes.readableBytes());
    }
    ctx.write(msg, promise);
  }
}
