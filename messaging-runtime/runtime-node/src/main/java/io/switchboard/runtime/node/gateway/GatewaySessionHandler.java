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
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the pure {@link GatewaySession} of one connection and carries out its replies.
 *
 * <ol>
 *   <li>When the connection becomes active, start the handshake deadline: after {@code
 *       handshakeTimeout} the session gets {@link GatewaySession#onHandshakeDeadline()}. The timer
 *       stops once the session is established or closed, and when the connection closes.
 *   <li>Inputs are decoded {@link ClientFrame}s and {@link FrameDecodingException}s (from {@link
 *       ClientFrameDecoder}); any other exception is an I/O failure and closes the connection
 *       without an answer.
 *   <li>A reply's frames are written in order and flushed. A reply that closes the connection
 *       closes it only when its last frame (the fatal error) has been written, so that frame is
 *       never lost to the close; input that arrives meanwhile, even in the same read, gets no
 *       answer because the session has ended.
 * </ol>
 *
 * <p>Counts the connection and every frame in the node's {@link GatewayTraffic}.
 *
 * <p>Stateful: one instance per connection, used on its event loop only.
 */
public final class GatewaySessionHandler extends SimpleChannelInboundHandler<ClientFrame> {

  private static final Logger log = LoggerFactory.getLogger(GatewaySessionHandler.class);

  private final GatewaySession session;
  private final Duration handshakeTimeout;
  private final GatewayTraffic traffic;
  private ScheduledFuture<?> handshakeDeadline;

  /**
   * @param session the connection's fresh session
   * @param handshakeTimeout how long after the connection opens the handshake must be accepted;
   *     positive
   * @param traffic the node's counters
   */
  public GatewaySessionHandler(
      GatewaySession session, Duration handshakeTimeout, GatewayTraffic traffic) {
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
    }
    this.session = session;
    this.handshakeTimeout = handshakeTimeout;
    this.traffic = traffic;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    traffic.connectionOpened();
    handshakeDeadline =
        ctx.executor()
            .schedule(
                () -> {
                  log.debug("{}: handshake deadline of {} passed", ctx.channel(), handshakeTimeout);
                  carryOut(ctx, session.onHandshakeDeadline());
                },
                handshakeTimeout.toNanos(),
                TimeUnit.NANOSECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stopHandshakeDeadline();
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
    if (session.isEstablished() || session.isClosed()) {
      stopHandshakeDeadline();
    }
    if (reply.frames().isEmpty()) {
      return;
    }
    ChannelFuture lastWrite = null;
    for (ServerFrame frame : reply.frames()) {
      traffic.frameSent(frame);
      lastWrite = ctx.write(frame);
    }
    ctx.flush();
    if (reply.closeConnection()) {
      lastWrite.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void stopHandshakeDeadline() {
    if (handshakeDeadline != null) {
      handshakeDeadline.cancel(false);
      handshakeDeadline = null;
    }
  }
}
