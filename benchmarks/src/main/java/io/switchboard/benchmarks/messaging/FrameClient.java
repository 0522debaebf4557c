package io.switchboard.benchmarks.messaging;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.runtime.protocol.FrameCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opens {@link FrameConnection}s, all served by a fixed number of Netty event loop threads of its
 * own: thousands of connections cost no thread each. {@link #close} closes every connection and
 * stops the threads.
 */
final class FrameClient implements AutoCloseable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final EventLoopGroup eventLoops;
  private final Bootstrap bootstrap;
  private final LongAdder pushes = new LongAdder();

  /**
   * @param threads event loop threads, at least 1
   */
  FrameClient(int threads, String name) {
    this.eventLoops = new NioEventLoopGroup(threads, new DefaultThreadFactory(name, true));
    this.bootstrap =
        new Bootstrap()
            .group(eventLoops)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
  }

  /** Updates pushed to every connection of this client so far. */
  LongAdder pushes() {
    return pushes;
  }

  /**
   * Connects to {@code target}, from {@code source} when given (any local port), else from the
   * address the kernel picks.
   */
  CompletableFuture<FrameConnection> connect(GatewayAddress target, InetAddress source) {
    FrameConnection connection = new FrameConnection(pushes);
    Bootstrap configured =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    channel
                        .pipeline()
                        .addLast(
                            new LengthFieldBasedFrameDecoder(
                                FrameCodec.HEADER_BYTES + FrameCodec.DEFAULT_MAX_FRAME_BYTES,
                                0,
                                FrameCodec.HEADER_BYTES,
                                0,
                                FrameCodec.HEADER_BYTES))
                        .addLast(connection);
                  }
                });
    InetSocketAddress remote = new InetSocketAddress(target.host(), target.port());
    ChannelFuture connecting =
        source == null
            ? configured.connect(remote)
            : configured.connect(remote, new InetSocketAddress(source, 0));
    CompletableFuture<FrameConnection> connected = new CompletableFuture<>();
    connecting.addListener(
        done -> {
          if (done.isSuccess()) {
            connected.complete(connection);
          } else {
            connected.completeExceptionally(
                new IOException(
                    "cannot connect to "
                        + target
                        + (source == null ? "" : " from " + source.getHostAddress())
                        + ": "
                        + rootCause(done.cause()),
                    done.cause()));
          }
        });
    return connected;
  }

  /** The innermost cause, which names the system error (e.g. "Too many open files"). */
  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Closes every connection and stops the event loop threads. */
  @Override
  public void close() {
    eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
