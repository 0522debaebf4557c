package io.switchboard.runtime.client.failover;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.runtime.node.peer.PeerLinks;
import io.switchboard.runtime.node.replication.ReplicaAdminClient;
import io.switchboard.runtime.node.replication.ShardPromotion;
import io.switchboard.runtime.peer.PresenceChange;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the control plane uses to move primaries of a cluster of node processes: the replica admin
 * commands (fence, promote, install map) sent over the nodes' peer ports from this JVM, as {@code
 * InProcessCluster} does for in-process nodes, with its own event loop and peer links (a presence
 * snapshot that announces no gateway users, pushes ignored).
 */
final class TestControlPlane implements AutoCloseable {

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final EventLoopGroup loop;
  private final PeerLinks links;
  private final ReplicaAdminClient admin;
  private final ShardPromotion promotion;

  /**
   * @param peers the peer port address of every node
   */
  TestControlPlane(Map<String, InetSocketAddress> peers) {
    Map<String, InetSocketAddress> addresses = Map.copyOf(peers);
    this.loop = new NioEventLoopGroup(1, new DefaultThreadFactory("test-control-plane", true));
    this.links =
        new PeerLinks(
            loop,
            node -> Optional.ofNullable(addresses.get(node)),
            CALL_TIMEOUT,
            () -> PresenceChange.newBuilder().setReset(true).build(),
            push -> {});
    this.admin = new ReplicaAdminClient(node -> links.link(node)::call);
    this.promotion = new ShardPromotion(admin, CALL_TIMEOUT);
  }

  ReplicaAdminClient admin() {
    return admin;
  }

  ShardPromotion promotion() {
    return promotion;
  }

  @Override
  public void close() {
    links.close();
    loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
  }
}
