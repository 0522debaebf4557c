package io.switchboard.runtime.node.fault;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cuts a node off its cluster network for a while: the fault a partition drill injects. While the
 * node is isolated, every connection of its cluster side (peer port, admin port, its own links to
 * peers) is closed as soon as it opens and nothing it carries is read, so that peers, monitors and
 * the control plane's health checks find the node unreachable while its process runs on. Its
 * gateway still accepts its clients (the clients on the node's side of the partition): a request it
 * can serve alone it serves at the epoch it last knew, which is how a drill proves that an isolated
 * old primary can no longer have a write acknowledged.
 *
 * <p>Isolation starts by closing every cluster connection open then, and ends by itself when its
 * duration has passed (the node cannot be told to end it: nothing reaches it); links reconnect as
 * they do after any lost connection. Thread-safe.
 */
public final class NetworkPartition {

  /** At most this long per isolation, so that a mistaken command cannot cut a node off for good. */
  public static final Duration MAX_ISOLATION = Duration.ofMinutes(10);

  private static final long NOT_ISOLATED = Long.MIN_VALUE;

  private final ChannelGroup guarded =
      new DefaultChannelGroup("cluster-connections", GlobalEventExecutor.INSTANCE);
  private final AtomicLong healsAtNanos = new AtomicLong(NOT_ISOLATED);
  private final Guard guard = new Guard();

  /**
   * Isolates the node for {@code duration} from now (a new isolation replaces one in progress).
   *
   * @throws IllegalArgumentException unless {@code duration} is positive and at most {@link
   *     #MAX_ISOLATION}
   */
  public void isolateFor(Duration duration) {
    isolateFor(duration, null);
  }

  /**
   * Isolates the node for {@code duration} from now, closing every cluster connection open now
   * except {@code spared}: the connection that asked for the isolation, which its caller closes
   * once it has answered on it. Nothing is read on {@code spared} any more either. The isolation is
   * in effect when this method returns, so an answer sent after it tells its receiver that the node
   * is cut off.
   *
   * @param spared the connection left open for its answer, or null to close every one
   * @throws IllegalArgumentException unless {@code duration} is positive and at most {@link
   *     #MAX_ISOLATION}
   */
  public void isolateFor(Duration duration, Channel spared) {
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_ISOLATION) > 0) {
      throw new IllegalArgumentException(
          "an isolation lasts more than 0 and at most " + MAX_ISOLATION + ", not " + duration);
    }
    healsAtNanos.set(System.nanoTime() + duration.toNanos());
    guarded.close(channel -> channel != spared);
  }

  /** Whether the node is isolated now. */
  public boolean isolated() {
    long healsAt = healsAtNanos.get();
    return healsAt != NOT_ISOLATED && System.nanoTime() - healsAt < 0;
  }

  /**
   * The handler that guards a cluster-side connection, first in its pipeline (shared by every
   * connection).
   */
  public ChannelHandler guard() {
    return guard;
  }

  /**
   * Wraps the pipeline {@code initializer} of a cluster-side connection so that the partition
   * guards it: the guard comes first.
   */
  public ChannelHandler guarding(ChannelHandler initializer) {
    return new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel channel) {
        channel.pipeline().addLast(guard, initializer);
      }
    };
  }

  /** Closes a guarded connection that opens during an isolation and drops what it reads. */
  @ChannelHandler.Sharable
  private final class Guard extends ChannelInboundHandlerAdapter {

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      guarded.add(ctx.channel());
      if (isolated()) {
        ctx.close();
        return;
      }
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (isolated()) {
        ReferenceCountUtil.release(message);
        ctx.close();
        return;
      }
      ctx.fireChannelRead(message);
    }
  }
}
