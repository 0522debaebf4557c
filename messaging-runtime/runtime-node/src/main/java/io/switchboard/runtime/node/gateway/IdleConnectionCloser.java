package io.switchboard.runtime.node.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection when the {@link IdleStateHandler} before it reports that the client sent
 * nothing for the idle timeout ({@link IdleState#READER_IDLE}). Other events pass through.
 * Stateless and shared.
 */
@Sharable
public final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(IdleConnectionCloser.class);

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      log.debug("{}: closing idle connection", ctx.channel());
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }
}
