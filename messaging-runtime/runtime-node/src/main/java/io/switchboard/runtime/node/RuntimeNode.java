package io.switchboard.runtime.node;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
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
import io.switchboard.runtime.node.cluster.ClusterMembership;
import io.switchboard.runtime.node.cluster.GatewayPresence;
import io.switchboard.runtime.node.cluster.NodeStore;
import io.switchboard.runtime.node.cluster.RoutingMessagingEndpoint;
import io.switchboard.runtime.node.cluster.ShardMapHolder;
import io.switchboard.runtime.node.fault.NetworkPartition;
import io.switchboard.runtime.node.gateway.GatewayChannelInitializer;
import io.switchboard.runtime.node.gateway.GatewayTraffic;
import io.switchboard.runtime.node.gateway.SessionRegistry;
import io.switchboard.runtime.node.peer.InVmPeerEndpoints;
import io.switchboard.runtime.node.peer.PeerChannelInitializer;
import io.switchboard.runtime.node.peer.PeerLinks;
import io.switchboard.runtime.node.peer.PresenceTable;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.MessagingEndpoint;
import io.switchboard.runtime.protocol.UnavailableMessagingEndpoint;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

  /**
   * Event loop threads per node, shared by accepting and serving every port: half the cores, at
   * least one. The other half is for the log writer, the store's workers and the kernel's network
   * and disk work, which take as much CPU as the event loops under load. On a two-core machine one
   * loop per node is also measurably faster than two (docs/benchmarks.md, 2026-11-27): with twelve
   * nodes in one JVM, a second loop per node only adds threads that contend for the same cores.
   */
  private static final int EVENT_LOOP_THREADS =
      Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  /** How long a call to a peer may take before the caller gives up on it. */
  private static final Duration PEER_CALL_TIMEOUT = Duration.ofSeconds(5);

  /** How soon a gateway reopens a closed link to a store node. */
  private static final Duration PEER_RECONNECT_INTERVAL = Duration.ofMillis(500);

  /** How long a graceful close waits for pending writes before closing regardless. */
  private static final long GRACEFUL_CLOSE_MILLIS = 5_000;

  private final NodeConfig config;
  private final EventLoopGroup eventLoops;
  private final ChannelGroup channels;
  private final Ports ports;
  private final NodeStore store;
  private final PeerLinks peers;
  private final ShardMapHolder maps;
  private final NetworkPartition partition;
  private volatile boolean running = true;

  /** The ports a node bound; 0 for one it does not serve. */
  private record Ports(int gateway, int admin, int peer) {}

  private RuntimeNode(
      NodeConfig config,
      EventLoopGroup eventLoops,
      ChannelGroup channels,
      Ports ports,
      NodeStore store,
      PeerLinks peers,
      ShardMapHolder maps,
      NetworkPartition partition) {
    this.config = config;
    this.partition = partition;
    this.eventLoops = eventLoops;
    this.channels = channels;
    this.ports = ports;
    this.store = store;
    this.peers = peers;
    this.maps = maps;
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
    EventLoopGroup eventLoops = eventLoops(config);
    ChannelGroup channels =
        new DefaultChannelGroup("node-" + config.nodeId(), GlobalEventExecutor.INSTANCE);
    try {
      GatewayTraffic traffic = new GatewayTraffic(NodeMetrics.nodeLabels(config.identity()));
      NetworkPartition partition = new NetworkPartition();
      int adminPort =
          bindAdmin(config, clock, traffic, Optional.empty(), partition, eventLoops, channels);
      int gatewayPort = 0;
      if (config.hasRole(NodeRole.GATEWAY)) {
        SessionRegistry sessions = new SessionRegistry();
        gatewayPort =
            bindGateway(
                config, traffic, messaging.create(sessions), sessions, eventLoops, channels);
      }
      RuntimeNode node =
          new RuntimeNode(
              config,
              eventLoops,
              channels,
              new Ports(gatewayPort, adminPort, 0),
              null,
              null,
              null,
              partition);
      node.logStarted();
      return node;
    } catch (IOException | RuntimeException e) {
      channels.close().awaitUninterruptibly();
      eventLoops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
      throw e;
    }
  }

  /**
   * Starts a node of a cluster: with the store role it opens its store (recovering the log in its
   * data directory) and serves its peers on {@code host:peerPort}; with the gateway role it routes
   * every client operation to the leader of the operation's shard ({@link
   * RoutingMessagingEndpoint}), keeps a peer link to every store node open, and pushes the updates
   * those nodes send for its sessions.
   *
   * <p>Order: claim the data directory, open the store, bind the admin, peer and gateway ports,
   * then resume the outbox relay. Failure at any step releases what was taken.
   *
   * @throws IOException if the data directory or the log is unusable or a port cannot be bound
   */
  public static RuntimeNode start(NodeConfig config, Clock clock, ClusterMembership membership)
      throws IOException {
    config.identity().claim(config.dataDir());
    EventLoopGroup eventLoops = eventLoops(config);
    ChannelGroup channels =
        new DefaultChannelGroup("node-" + config.nodeId(), GlobalEventExecutor.INSTANCE);
    ShardMapHolder maps = new ShardMapHolder(membership.shardMap());
    AtomicReference<PeerLinks> linksOnceCreated = new AtomicReference<>();
    NetworkPartition partition = new NetworkPartition();
    SessionRegistry sessions = new SessionRegistry(new GatewayPresence(linksOnceCreated::get));
    PeerLinks peers =
        new PeerLinks(
            eventLoops,
            membership.directory()::peerAddress,
            PEER_CALL_TIMEOUT,
            () -> GatewayPresence.snapshot(sessions),
            push -> push.getUserIdsList().forEach(user -> sessions.publish(user, push.getUpdate())),
            Optional.of(partition.guard()));
    linksOnceCreated.set(peers);
    NodeStore store = null;
    try {
      GatewayTraffic traffic = new GatewayTraffic(NodeMetrics.nodeLabels(config.identity()));
      if (config.hasRole(NodeRole.STORE)) {
        store =
            NodeStore.open(
                config.nodeId(),
                config.dataDir(),
                membership.logOptions(),
                membership.replicationLimits(),
                maps,
                membership.homes(),
                clock,
                peers,
                eventLoops);
      }
      int adminPort =
          bindAdmin(
              config, clock, traffic, Optional.ofNullable(store), partition, eventLoops, channels);
      int peerPort = 0;
      if (store != null) {
        PresenceTable remoteSessions = new PresenceTable();
        store.publishUpdatesTo(
            (user, update) -> {
              sessions.publish(user, update);
              remoteSessions.publish(user, update);
            });
        PeerChannelInitializer peerPipeline =
            new PeerChannelInitializer(store, remoteSessions, partition);
        peerPort = bind(config, config.peerPort(), peerPipeline, eventLoops, channels);
        if (InVmPeerEndpoints.enabled()) {
          // Peers in this JVM skip loopback TCP (ADR 0016); the group closes the endpoint.
          channels.add(
              InVmPeerEndpoints.bind(
                  new InetSocketAddress(config.host(), peerPort),
                  eventLoops,
                  new AcceptedChannelTracker(channels),
                  peerPipeline));
        }
      }
      int gatewayPort = 0;
      if (config.hasRole(NodeRole.GATEWAY)) {
        MessagingEndpoint routing =
            new RoutingMessagingEndpoint(
                config.nodeId(),
                maps,
                membership.homes(),
                Optional.ofNullable(store).map(NodeStore::endpoint),
                peers);
        gatewayPort = bindGateway(config, traffic, routing, sessions, eventLoops, channels);
        peers.keepConnected(membership.storePeersOf(config.nodeId()), PEER_RECONNECT_INTERVAL);
      }
      if (store != null) {
        store.startReplication();
        store.startRelay();
      }
      RuntimeNode node =
          new RuntimeNode(
              config,
              eventLoops,
              channels,
              new Ports(gatewayPort, adminPort, peerPort),
              store,
              peers,
              maps,
              partition);
      node.logStarted();
      return node;
    } catch (IOException | RuntimeException e) {
      peers.close();
      channels.close().awaitUninterruptibly();
      if (store != null) {
        store.halt();
      }
      eventLoops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
      throw e;
    }
  }

  private static EventLoopGroup eventLoops(NodeConfig config) {
    return new NioEventLoopGroup(
        EVENT_LOOP_THREADS, new DefaultThreadFactory("node-" + config.nodeId()));
  }

  private static int bindAdmin(
      NodeConfig config,
      Clock clock,
      GatewayTraffic traffic,
      Optional<NodeStore> store,
      NetworkPartition partition,
      EventLoopGroup eventLoops,
      ChannelGroup channels)
      throws IOException {
    NodeStatus status = new NodeStatus(config.identity(), config.roles(), clock, traffic);
    AdminRequestHandler admin = new AdminRequestHandler(status, new NodeMetrics(status, store));
    return bind(
        config,
        config.adminPort(),
        partition.guarding(new AdminChannelInitializer(admin)),
        eventLoops,
        channels);
  }

  private static int bindGateway(
      NodeConfig config,
      GatewayTraffic traffic,
      MessagingEndpoint endpoint,
      SessionRegistry sessions,
      EventLoopGroup eventLoops,
      ChannelGroup channels)
      throws IOException {
    GatewayParameters parameters =
        new GatewayParameters(
            config.nodeId(),
            config.dc(),
            config.maxFrameBytes(),
            (int) config.idleTimeout().toSeconds());
    return bind(
        config,
        config.gatewayPort(),
        new GatewayChannelInitializer(
            parameters,
            config.handshakeTimeout(),
            config.outboundLimits(),
            traffic,
            endpoint,
            sessions),
        eventLoops,
        channels);
  }

  private void logStarted() {
    log.info(
        "node {} ({}) started with roles {}: gateway port {}, admin port {}, peer port {}",
        config.nodeId(),
        config.dc(),
        config.roles(),
        ports.gateway(),
        ports.admin(),
        ports.peer());
  }

  public NodeConfig config() {
    return config;
  }

  /** The port the gateway is bound to, or 0 on a node without the gateway role. */
  public int gatewayPort() {
    return ports.gateway();
  }

  /** The port the admin endpoint is bound to. */
  public int adminPort() {
    return ports.admin();
  }

  /** The port peers connect to, or 0 on a node that serves no peers (no store). */
  public int peerPort() {
    return ports.peer();
  }

  /** The node's store, on a node of a cluster with the store role. */
  public Optional<NodeStore> store() {
    return Optional.ofNullable(store);
  }

  /** The newest shard map this node routes and serves by, on a node of a cluster. */
  public Optional<ShardMap> shardMap() {
    return Optional.ofNullable(maps).map(ShardMapHolder::current);
  }

  /**
   * Installs a newer shard map: from now on the gateway routes by it and the store serves the
   * shards it leads in it. A map that is not newer than the current one changes nothing.
   *
   * @return whether {@code map} was installed
   * @throws IllegalStateException on a node started outside a cluster
   */
  public boolean installShardMap(ShardMap map) {
    if (maps == null) {
      throw new IllegalStateException("node " + config.nodeId() + " is not part of a cluster");
    }
    return store != null ? store.installShardMap(map) : maps.install(map);
  }

  /**
   * Cuts the node off its cluster network for {@code duration} ({@link NetworkPartition}); its
   * peers can do the same with an {@code IsolateNode} admin command.
   */
  public void isolateFor(Duration duration) {
    partition.isolateFor(duration);
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
    if (peers != null) {
      peers.close();
    }
    if (store != null) {
      store.halt();
    }
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
    channels.close(channel -> channel instanceof ServerChannel).awaitUninterruptibly();
    channels.writeAndFlush(Unpooled.EMPTY_BUFFER).awaitUninterruptibly(GRACEFUL_CLOSE_MILLIS);
    channels.close().awaitUninterruptibly();
    if (peers != null) {
      peers.close();
    }
    if (store != null) {
      store.close();
    }
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
