package io.switchboard.runtime.node;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.switchboard.runtime.node.admin.AdminChannelInitializer;
import io.switchboard.runtime.node.admin.AdminRequestHandler;
import io.switchboard.runtime.node.admin.NodeMetrics;
import io.switchboard.runtime.node.admin.NodeStatus;
import io.switchboard.runtime.node.gateway.GatewayChannelInitializer;
import io.switchboard.runtime.node.gateway.GatewayTraffic;
import io.switchboard.runtime.node.gateway.SessionRegistry;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.MessagingEndpoint;
import io.switchboard.runtime.protocol.UnavailableMessagingEndpoint;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running runtime node: the admin endpoint on every node and the client gateway on nodes with
 * the {@link NodeRole#GATEWAY} role, served by the node's own event loops. Several nodes may run in
 * one JVM; they share nothing.
 *
 * <p>Lifecycle: {@link #start} claims the data directory and binds every port before returning. The
 * node then runs until {@link #close()} (graceful) or {@link #kill()} (as if the process died).
 * Both are idempotent, may be called from any thread, and return once every port is released and
 * every event loop thread has ended. A stopped node cannot be started again; restarting means
 * calling {@link #start} with the same configuration, on the previously bound ports ({@link
 * NodeConfig#withPorts}) and the same data directory.
 */
public final class RuntimeNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RuntimeNode.class);

  /** Event loop threads per node, shared by accepting and serving both ports. */
  private static final int EVENT_LOOP_THREADS = 2;

  /** How long a graceful close waits for pending writes before closing regardless. */
  private static final long GRACEFUL_CLOSE_MILLIS = 5_000;

  private final NodeConfig config;
  private final EventLoopGroup eventLoops;
  private final ChannelGroup channels;
  private final int gatewayPort;
  private final int adminPort;
  private volatile boolean running = true;

  private RuntimeNode(
      NodeConfig config,
      EventLoopGroup eventLoops,
      ChannelGroup channels,
      int gatewayPort,
      int adminPort) {
    this.config = config;
    this.eventLoops = eventLoops;
    this.channels = channels;
    this.gatewayPort = gatewayPort;
    this.adminPort = adminPort;
  }

  /**
   * Starts a node whose gateway does not serve messaging yet: every Register and Authenticate is
   * answered {@code UNAVAILABLE} ({@link UnavailableMessagingEndpoint}). Otherwise as {@link
   * #start(NodeConfig, Clock, MessagingEndpoint.Factory)}.
   */
  public static RuntimeNode start(NodeConfig config, Clock clock) throws IOException {
    return start(config, clock, UnavailableMessagingEndpoint.FACTORY);
  }

  /**
   * Starts a node.
   *
   * <ol>
   *   <li>Claim the data directory for the node's identity (see {@link
   *       io.switchboard.runtime.node.identity.NodeIdentity#claim}).
   *   <li>Bind the admin endpoint to {@code host:adminPort}.
   *   <li>With the gateway role, create the gateway's messaging endpoint with {@code messaging},
   *       handing it the gateway's {@link SessionRegistry} to push through, and bind the gateway to
   *       {@code host:gatewayPort}; its connections get the configured frame, idle, handshake and
   *       outbound limits ({@link GatewayChannelInitializer}).
   * </ol>
   *
   * <p>Port 0 binds an ephemeral port; {@link #gatewayPort()} and {@link #adminPort()} report the
   * bound ones. Server sockets use SO_REUSEADDR so a node can rebind its ports right after a kill.
   * If any step fails, everything already bound is released before the exception propagates.
   *
   * @param clock the clock the node measures uptime with
   * @param messaging creates the messaging endpoint the gateway hands user operations to; called
   *     once, on nodes with the gateway role only
   * @throws io.switchboard.runtime.node.identity.ForeignDataDirectoryException if the data
   *     directory belongs to another node
   * @throws IOException if the data directory is unusable or a port cannot be bound
   */
  public static RuntimeNode start(
      NodeConfig config, Clock clock, MessagingEndpoint.Factory messaging) throws IOException {
    config.identity().claim(config.dataDir());
    EventLoopGroup eventLoops =
        new NioEventLoopGroup(
            EVENT_LOOP_THREADS, new DefaultThreadFactory("node-" + config.nodeId()));
    ChannelGroup channels =
        new DefaultChannelGroup("node-" + config.nodeId(), GlobalEventExecutor.INSTANCE);
    try {
      GatewayTraffic traffic = new GatewayTraffic();
      NodeStatus status = new NodeStatus(config.identity(), config.roles(), clock, traffic);
      AdminRequestHandler admin = new AdminRequestHandler(status, new NodeMetrics(status));
      int adminPort =
          bind(
              config, config.adminPort(), new AdminChannelInitializer(admin), eventLoops, channels);
      int gatewayPort = 0;
      if (config.hasRole(NodeRole.GATEWAY)) {
        GatewayParameters parameters =
            new GatewayParameters(
                config.nodeId(),
                config.dc(),
                config.maxFrameBytes(),
                (int) config.idleTimeout().toSeconds());
        SessionRegistry sessions = new SessionRegistry();
        gatewayPort =
            bind(
                config,
                config.gatewayPort(),
                new GatewayChannelInitializer(
                    parameters,
                    config.handshakeTimeout(),
                    config.outboundLimits(),
                    traffic,
                    messaging.create(sessions),
                    sessions),
                eventLoops,
                channels);
      }
      log.info(
          "node {} ({}) started with roles {}: gateway port {}, admin port {}",
          config.nodeId(),
          config.dc(),
          config.roles(),
          gatewayPort,
          adminPort);
      return new RuntimeNode(config, eventLoops, channels, gatewayPort, adminPort);
    } catch (IOException | RuntimeException e) {
      channels.close().awaitUninterruptibly();
      eventLoops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
      throw e;
    }
  }

  public NodeConfig config() {
    return config;
  }

  /** The port the gateway is bound to, or 0 on a node without the gateway role. */
  public int gatewayPort() {
    return gatewayPort;
  }

  /** The port the admin endpoint is bound to. */
  public int adminPort() {
    return adminPort;
  }

  /** Whether the node serves; false once {@link #close()} or {@link #kill()} began. */
  public boolean isRunning() {
    return running;
  }

  /**
   * Stops the node abruptly, as if its process died.
   *
   * <ol>
   *   <li>Set SO_LINGER 0 on every connection still open, so closing it sends a TCP RST.
   *   <li>Close every server channel and connection at once; nothing pending is written.
   *   <li>Shut the event loops down with no quiet period and wait for their threads to end.
   * </ol>
   *
   * <p>All in-memory state is dropped with this object. Idempotent.
   */
  public synchronized void kill() {
    if (!running) {
      return;
    }
    running = false;
    for (Channel channel : channels) {
      if (channel instanceof SocketChannel) {
        resetOnClose(channel);
      }
    }
    channels.close().awaitUninterruptibly();
    eventLoops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    log.info("node {} ({}) killed", config.nodeId(), config.dc());
  }

  /**
   * Stops the node gracefully.
   *
   * <ol>
   *   <li>Close the server channels: no new connections.
   *   <li>Let every connection finish writing what is pending, for at most {@value
   *       #GRACEFUL_CLOSE_MILLIS} ms, then close it with an orderly TCP FIN.
   *   <li>Shut the event loops down and wait for their threads to end.
   * </ol>
   *
   * <p>Idempotent.
   */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    channels.close(channel -> !(channel instanceof SocketChannel)).awaitUninterruptibly();
    channels.writeAndFlush(Unpooled.EMPTY_BUFFER).awaitUninterruptibly(GRACEFUL_CLOSE_MILLIS);
    channels.close().awaitUninterruptibly();
    eventLoops
        .shutdownGracefully(0, GRACEFUL_CLOSE_MILLIS, TimeUnit.MILLISECONDS)
        .awaitUninterruptibly();
    log.info("node {} ({}) closed", config.nodeId(), config.dc());
  }

  private static void resetOnClose(Channel connection) {
    try {
      connection.config().setOption(ChannelOption.SO_LINGER, 0);
    } catch (ChannelException closedMeanwhile) {
      if (connection.isOpen()) {
        throw closedMeanwhile;
      }
    }
  }

  private static int bind(
      NodeConfig config,
      int port,
      ChannelHandler connectionInitializer,
      EventLoopGroup eventLoops,
      ChannelGroup channels)
      throws IOException {
    ChannelFuture bound =
        new ServerBootstrap()
            .group(eventLoops)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .handler(new AcceptedChannelTracker(channels))
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(connectionInitializer)
            .bind(config.host(), port)
            .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      throw new IOException(
          "node " + config.nodeId() + " cannot bind " + config.host() + ":" + port, bound.cause());
    }
    channels.add(bound.channel());
    return ((InetSocketAddress) bound.channel().localAddress()).getPort();
  }
}
