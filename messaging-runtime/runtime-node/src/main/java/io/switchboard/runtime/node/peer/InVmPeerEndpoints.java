package io.switchboard.runtime.node.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer endpoints served inside this JVM, by the TCP address each also listens on (ADR 0016).
 *
 * <p>A node that serves its peer port also binds an in-VM endpoint ({@link
 * io.netty.channel.local.LocalChannel}) with the same pipeline and registers it here under its
 * bound TCP address; a {@link PeerLink} to a TCP address registered here connects in-VM instead:
 * the same frames, passed between the two nodes' event loops as buffers rather than through the
 * kernel's loopback TCP. A node of another process is never registered, so it is reached over TCP;
 * a registration ends when the node's in-VM endpoint closes.
 *
 * <p>Set the system property {@value #ENABLED_PROPERTY} to {@code false} to keep every link on TCP
 * (a node bound while it is false binds no in-VM endpoint).
 */
public final class InVmPeerEndpoints {

  /** {@code false} keeps peer links of nodes in one JVM on TCP; read when a node binds. */
  public static final String ENABLED_PROPERTY = "switchboard.peers.in-vm";

  private static final Map<InetSocketAddress, LocalAddress> ENDPOINTS = new ConcurrentHashMap<>();
  private static final AtomicLong BINDINGS = new AtomicLong();

  private InVmPeerEndpoints() {}

  /** Whether nodes binding now serve their peers in-VM too. */
  public static boolean enabled() {
    return Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"));
  }

  /**
   * Binds the in-VM endpoint of the node whose peer port listens on {@code tcpAddress} and
   * registers it until it closes.
   *
   * @param acceptor the server channel's handler (it sees every accepted connection)
   * @param connectionInitializer the pipeline of every accepted connection, as on the peer port
   * @return the bound server channel; closing it ends the registration
   * @throws IOException if the endpoint cannot be bound, or one is bound for that address already
   */
  public static Channel bind(
      InetSocketAddress tcpAddress,
      EventLoopGroup eventLoops,
      ChannelHandler acceptor,
      ChannelHandler connectionInitializer)
      throws IOException {
    // Unique per binding, so that a stale endpoint's close never ends a newer registration.
    LocalAddress inVm =
        new LocalAddress("switchboard-peer-" + tcpAddress + "-" + BINDINGS.incrementAndGet());
    ChannelFuture bound =
        new ServerBootstrap()
            .group(eventLoops)
            .channel(LocalServerChannel.class)
            .handler(acceptor)
            .childHandler(connectionInitializer)
            .bind(inVm)
            .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      throw new IOException("cannot bind the in-VM peer endpoint " + inVm, bound.cause());
    }
    if (ENDPOINTS.putIfAbsent(tcpAddress, inVm) != null) {
      bound.channel().close().awaitUninterruptibly();
      throw new IOException("an in-VM peer endpoint is bound for " + tcpAddress + " already");
    }
    bound.channel().closeFuture().addListener(closed -> ENDPOINTS.remove(tcpAddress, inVm));
    return bound.channel();
  }

  /** Where to reach the peer listening on {@code tcpAddress} in this JVM, if it is here. */
  public static Optional<LocalAddress> lookup(InetSocketAddress tcpAddress) {
    return Optional.ofNullable(ENDPOINTS.get(tcpAddress));
  }
}
