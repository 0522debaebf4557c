package io.switchboard.runtime.node.peer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.runtime.peer.PresenceChange;
import io.switchboard.runtime.peer.UpdatePush;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * This node's links to its peers, one {@link PeerLink} per peer, created on first use. Links to the
 * peers given to {@link #keepConnected} are reopened within {@code reconnectEvery} of closing, so
 * that those peers always know this gateway's presence.
 */
public final class PeerLinks implements AutoCloseable {

  private final Map<String, PeerLink> links = new ConcurrentHashMap<>();
  private final Function<String, PeerLink> factory;
  private final EventLoopGroup loops;
  private volatile List<PeerLink> kept = List.of();
  private ScheduledFuture<?> keeper;

  /**
   * @param addresses where each peer listens, empty while unknown
   * @param presenceSnapshot this node's gateway users, sent first on every connection
   * @param pushes receives every peer's pushes
   */
  public PeerLinks(
      EventLoopGroup loops,
      Function<String, Optional<InetSocketAddress>> addresses,
      Duration callTimeout,
      Supplier<PresenceChange> presenceSnapshot,
      Consumer<UpdatePush> pushes) {
    this(loops, addresses, callTimeout, presenceSnapshot, pushes, Optional.empty());
  }

  /**
   * Links whose connections a node's fault can cut: {@code guard} (a sharable handler, such as
   * {@link io.switchboard.runtime.node.fault.NetworkPartition#guard()}) comes first in every link's
   * pipeline.
   */
  public PeerLinks(
      EventLoopGroup loops,
      Function<String, Optional<InetSocketAddress>> addresses,
      Duration callTimeout,
      Supplier<PresenceChange> presenceSnapshot,
      Consumer<UpdatePush> pushes,
      Optional<ChannelHandler> guard) {
    this.loops = loops;
    Bootstrap bootstrap = new Bootstrap().group(loops);
    this.factory =
        nodeId ->
            new PeerLink(
                nodeId,
                () -> addresses.apply(nodeId),
                bootstrap,
                callTimeout,
                presenceSnapshot,
                pushes,
                guard);
  }

  /** The link to {@code nodeId}. */
  public PeerLink link(String nodeId) {
    return links.computeIfAbsent(nodeId, factory);
  }

  /** Tells every kept peer a presence change (see {@link PeerLink#tell}). */
  public void tellKept(PresenceChange change) {
    for (PeerLink link : kept) {
      link.tell(change);
    }
  }

  /** Keeps links to {@code nodeIds} open from now on, checking every {@code reconnectEvery}. */
  public synchronized void keepConnected(Collection<String> nodeIds, Duration reconnectEvery) {
    kept = nodeIds.stream().map(this::link).toList();
    if (keeper == null) {
      keeper =
          loops.scheduleWithFixedDelay(
              this::reconnectKept, 0, reconnectEvery.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void reconnectKept() {
    for (PeerLink link : kept) {
      if (!link.isConnected()) {
        link.connect();
      }
    }
  }

  @Override
  public synchronized void close() {
    if (keeper != null) {
      keeper.cancel(false);
    }
    links.values().forEach(PeerLink::close);
  }
}
