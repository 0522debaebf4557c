package io.switchboard.runtime.node.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the output a connection holds for a client that does not read its answers bounded. Netty
 * makes a connection unwritable once its pending output exceeds the high-water mark of its {@link
 * OutboundLimits} (configured on the channel by {@link GatewayChannelInitializer}) and writable
 * again once the output drains below the low-water mark. This handler acts on both:
 *
 * <ol>
 *   <li>Unwritable: stop reading from the connection (auto-read off), so the client's further
 *       requests wait in the operating system's buffers and produce no answers, and start a timer
 *       of {@link OutboundLimits#slowConsumerGrace()}.
 *   <li>Writable again: resume reading (auto-read on) and stop the timer.
 *   <li>The timer fires, so the connection stayed unwritable for the whole grace: disconnect.
 *   <li>After any write, pending output above {@link OutboundLimits#maxOutboundBytes()} (answers to
 *       requests read before reading stopped): disconnect at once.
 * </ol>
 *
 * <p>Disconnecting a slow consumer sends nothing more (it would not be read), closes the
 * connection, which discards its pending output, counts it in {@link
 * GatewayTraffic#slowConsumerDisconnects()} and logs it.
 *
 * <p>Stateful: one instance per connection, used on its event loop only.
 */
public final class SlowConsumerGuard extends ChannelDuplexHandler {

  private static final Logger log = LoggerFactory.getLogger(SlowConsumerGuard.class);

  private final OutboundLimits limits;
  private final GatewayTraffic traffic;
  private ScheduledFuture<?> graceTimer;

  public SlowConsumerGuard(OutboundLimits limits, GatewayTraffic traffic) {
    this.limits = limits;
    this.traffic = traffic;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    if (channel.isWritable()) {
      channel.config().setAutoRead(true);
      stopGraceTimer();
    } else if (channel.isActive() && graceTimer == null) {
      channel.config().setAutoRead(false);
      graceTimer =
          ctx.executor()
              .schedule(
                  () -> graceExpired(ctx),
                  limits.slowConsumerGrace().toNanos(),
                  TimeUnit.NANOSECONDS);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg, promise);
    Channel channel = ctx.channel();
    if (channel.isActive() && !channel.isWritable()) {
      // While a channel is unwritable, Netty reports how many bytes must drain before it is
      // writable again, which is once fewer than the low-water mark are pending.
      long pending =
          channel.config().getWriteBufferLowWaterMark() - 1 + channel.bytesBeforeWritable();
      if (pending > limits.maxOutboundBytes()) {
        disconnect(ctx, pending + " bytes of output pending, above " + limits.maxOutboundBytes());
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stopGraceTimer();
    ctx.fireChannelInactive();
  }

  private void graceExpired(ChannelHandlerContext ctx) {
    graceTimer = null;
    if (ctx.channel().isActive()) {
      disconnect(ctx, "output stayed above the high-water mark for " + limits.slowConsumerGrace());
    }
  }

  private void disconnect(ChannelHandlerContext ctx, String reason) {
    stopGraceTimer();
    traffic.slowConsumerDisconnected();
    log.info("{}: disconnecting a slow consumer: {}", ctx.channel(), reason);
    ctx.close();
  }

  private void stopGraceTimer() {
    if (graceTimer != null) {
      graceTimer.cancel(false);
      graceTimer = null;
    }
  }
}
