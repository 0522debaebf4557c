package io.switchboard.runtime.node.gateway;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.GatewaySession;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.SessionReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the pure {@link GatewaySession} of one connection and carries out its replies: writes the
 * frames in order, flushes, and closes the connection once the last frame is written when the reply
 * asks for it (so a fatal error frame always reaches the client before the close).
 *
 * <p>Inputs are decoded {@link ClientFrame}s and {@link FrameDecodingException}s (from {@link
 * ClientFrameDecoder}); any other exception is an I/O failure and closes the connection. Counts the
 * connection and every frame in the node's {@link GatewayTraffic}.
 *
 * <p>Stateful: one instance per connection.
 */
public final class GatewaySessionHandler extends SimpleChannelInboundHandler<ClientFrame> {

  private static final Logger log = LoggerFactory.getLogger(GatewaySessionHandler.class);

  private final GatewaySession session;
  private final GatewayTraffic traffic;

  public GatewaySessionHandler(GatewaySession session, GatewayTraffic traffic) {
    this.session = session;
    this.traffic = traffic;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    traffic.connectionOpened();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    traffic.connectionClosed();
    ctx.fireChannelInactive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ClientFrame frame) {
    traffic.frameReceived();
    carryOut(ctx, session.onFrame(frame));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof FrameDecodingException undecodable) {
      log.debug("{}: {}", ctx.channel(), undecodable.getMessage());
      carryOut(ctx, session.onUndecodableInput(undecodable));
    } else {
      log.debug("{}: closing after failure", ctx.channel(), cause);
      ctx.close();
    }
  }

  private void carryOut(ChannelHandlerContext ctx, SessionReply reply) {
    ChannelFuture lastWrite = null;
    for (ServerFrame frame : reply.frames()) {
      traffic.frameSent(frame);
      lastWrite = ctx.write(frame);
    }
    ctx.flush();
    if (reply.closeConnection()) {
      if (lastWrite == null) {
        ctx.close();
      } else {
        lastWrite.addListener(ChannelFutureListener.CLOSE);
      }
    }
  }
}
