package io.switchboard.runtime.node;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;

/**
 * Sits in a server channel's pipeline and adds every accepted connection to the node's {@link
 * ChannelGroup} before passing it on, so that stopping the node reaches every open connection. The
 * group forgets a channel when it closes.
 *
 * <p>Stateless apart from the group; shared by the node's server channels.
 */
@Sharable
final class AcceptedChannelTracker extends ChannelInboundHandlerAdapter {

  private final ChannelGroup connections;

  AcceptedChannelTracker(ChannelGroup connections) {
    this.connections = connections;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Channel accepted) {
      connections.add(accepted);
    }
    ctx.fireChannelRead(msg);
  }
}
