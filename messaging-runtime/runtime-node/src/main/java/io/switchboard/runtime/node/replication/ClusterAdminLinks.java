package io.switchboard.runtime.node.replication;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.runtime.node.peer.PeerLinks;
import io.switchboard.runtime.peer.PresenceChange;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The controlling side's connections to a cluster's nodes: peer links (one event-loop thread) that
 * carry the admin commands of {@link ReplicaAdminClient} and the promotions of {@link
 * ShardPromotion}. Whoever controls the cluster holds one: the in-process cluster for its nodes,
 * the control plane for nodes that run as their own processes. The controlling side is no node: it
 * has no gateway users, so it announces an empty presence and ignores pushes.
 */
public final class ClusterAdminLinks implements AutoCloseable {

  private final EventLoopGroup loop;
  private final PeerLinks links;
  private final ReplicaAdminClient admin;
  private final ShardPromotion promotion;

  /**
   * @param addresses where each node's peer port listens, empty while unknown
   * @param callTimeout how long one admin command may take before it fails
   */
  public ClusterAdminLinks(
      Function<String, Optional<InetSocketAddress>> addresses, Duration callTimeout) {
    this.loop = new NioEventLoopGroup(1, new DefaultThreadFactory("cluster-admin", true));
    this.links =
        new PeerLinks(
            loop,
            addresses,
            callTimeout,
            () -> PresenceChange.newBuilder().setReset(true).build(),
            push -> {});
    this.admin = new ReplicaAdminClient(node -> links.link(node)::call);
    this.promotion = new ShardPromotion(admin, callTimeout);
  }

  /** The nodes' admin commands. */
  public ReplicaAdminClient admin() {
    return admin;
  }

  /** Promotions and map publications over {@link #admin()}. */
  public ShardPromotion promotion() {
    return promotion;
  }

  /** Closes every link and stops the event loop. */
  @Override
  public void close() {
    links.close();
    loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
  }
}
