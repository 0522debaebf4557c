package io.switchboard.runtime.node.peer;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.switchboard.runtime.peer.PeerReply;
import io.switchboard.runtime.peer.PeerRequest;
import io.switchboard.runtime.peer.PresenceChange;
import io.switchboard.runtime.peer.UpdatePush;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * This node's connection to one peer: calls with answers correlated by call id, one-way presence
 * changes, and the pushes the peer sends back for this node's gateway sessions.
 *
 * <p>Connects on first use and again on the first use after the connection closed; a closed
 * connection fails every call still waiting with {@link PeerUnavailableException}, and so does a
 * call not answered within the timeout (checked by one sweep per connection every {@link
 * #sweepPeriod}, so a call fails at most one period after its timeout; a timer task per call would
 * keep one scheduled task per call alive for the whole timeout, hundreds of thousands under load).
 * On every new connection the first frame is a presence reset with the gateway's current users,
 * written on the connection's event loop before any other frame of that connection, so the peer's
 * presence table is exact from then on (see {@link #connected}).
 *
 * <p>Thread-safe.
 */
public final class PeerLink {

  private static final Duration MAX_SWEEP_PERIOD = Duration.ofMillis(100);

  private final String nodeId;
  private final Supplier<Optional<InetSocketAddress>> address;
  private final Bootstrap tcpBootstrap;
  private final Bootstrap inVmBootstrap;
  private final Duration callTimeout;
  private final Supplier<PresenceChange> presenceSnapshot;
  private final Map<Long, WaitingCall> waiting = new ConcurrentHashMap<>();
  private final AtomicLong callIds = new AtomicLong();
  private volatile Channel channel;
  private CompletableFuture<Channel> connecting;
  private boolean closed;

  /**
   * @param address where the peer listens, empty while unknown
   * @param bootstrap a client bootstrap with its event loop group set and no channel type: the link
   *     connects over TCP, or in-VM to a peer of this JVM ({@link InVmPeerEndpoints})
   * @param presenceSnapshot the presence reset to send first on every connection
   * @param pushes receives the peer's pushes, on the connection's event loop
   */
  PeerLink(
      String nodeId,
      Supplier<Optional<InetSocketAddress>> address,
      Bootstrap bootstrap,
      Duration callTimeout,
      Supplier<PresenceChange> presenceSnapshot,
      Consumer<UpdatePush> pushes,
      Optional<ChannelHandler> guard) {
    this.nodeId = nodeId;
    this.address = address;
    this.callTimeout = callTimeout;
    this.presenceSnapshot = presenceSnapshot;
    Bootstrap withPipeline =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    guard.ifPresent(ch.pipeline()::addLast);
                    ch.pipeline().addLast(new FlushConsolidationHandler(256, true));
                    PeerCodec.install(ch.pipeline(), PeerReply.getDefaultInstance());
                    ch.pipeline().addLast(new ReplyHandler(pushes));
                  }
                });
    this.tcpBootstrap =
        withPipeline
            .clone()
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true);
    this.inVmBootstrap = withPipeline.clone().channel(LocalChannel.class);
  }

  public String nodeId() {
    return nodeId;
  }

  /** Whether a connection is open now. */
  public boolean isConnected() {
    Channel current = channel;
    return current != null && current.isActive();
  }

  /**
   * Sends a call; the future completes with the peer's answer, or fails with {@link
   * PeerUnavailableException}.
   */
  public CompletableFuture<PeerReply> call(PeerRequest.Builder request) {
    return connection()
        .thenCompose(
            ch -> {
              long callId = callIds.incrementAndGet();
              CompletableFuture<PeerReply> answer = new CompletableFuture<>();
              waiting.put(
                  callId, new WaitingCall(answer, System.nanoTime() + callTimeout.toNanos()));
              ch.writeAndFlush(request.setCallId(callId).build())
                  .addListener(
                      written -> {
                        if (!written.isSuccess()) {
                          fail(
                              callId,
                              new PeerUnavailableException(
                                  "cannot send to node " + nodeId, written.cause()));
                        }
                      });
              return answer;
            });
  }

  /**
   * Sends a presence change if connected; otherwise does nothing, since the reset that opens the
   * next connection includes it.
   */
  public void tell(PresenceChange change) {
    Channel current = channel;
    if (current != null) {
      current.writeAndFlush(
          PeerRequest.newBuilder().setPresence(change).build(), current.voidPromise());
    }
  }

  /** Opens the connection unless it is open or opening; for links that must stay connected. */
  public CompletableFuture<Channel> connect() {
    return connection();
  }

  /** Closes the connection and refuses further calls. */
  public void close() {
    Channel current;
    synchronized (this) {
      closed = true;
      current = channel;
    }
    if (current != null) {
      current.close().awaitUninterruptibly();
    }
  }

  private synchronized CompletableFuture<Channel> connection() {
    Channel current = channel;
    if (current != null && current.isActive()) {
      return CompletableFuture.completedFuture(current);
    }
    if (closed) {
      return CompletableFuture.failedFuture(
          new PeerUnavailableException("link to " + nodeId + " is closed"));
    }
    if (connecting != null) {
      return connecting;
    }
    Optional<InetSocketAddress> target = address.get();
    if (target.isEmpty()) {
      return CompletableFuture.failedFuture(
          new PeerUnavailableException("no address known for node " + nodeId));
    }
    CompletableFuture<Channel> attempt = new CompletableFuture<>();
    connecting = attempt;
    Optional<LocalAddress> inVm = InVmPeerEndpoints.lookup(target.get());
    ChannelFuture connected =
        inVm.isPresent() ? inVmBootstrap.connect(inVm.get()) : tcpBootstrap.connect(target.get());
    connected.addListener(
        done -> {
          synchronized (this) {
            connecting = null;
          }
          if (done.isSuccess()) {
            connected(connected.channel());
            attempt.complete(connected.channel());
          } else {
            attempt.completeExceptionally(
                new PeerUnavailableException(
                    "cannot connect to node " + nodeId + " at " + target.get(), done.cause()));
          }
        });
    return attempt;
  }

  /**
   * Runs on the new connection's event loop: publishes the connection, then writes the presence
   * reset. A presence change made before the connection was published is in the snapshot; one made
   * after is written after the reset (other threads' writes queue behind this task).
   */
  private void connected(Channel ch) {
    boolean stillWanted;
    synchronized (this) {
      stillWanted = !closed;
      if (stillWanted) {
        channel = ch;
      }
    }
    if (!stillWanted) {
      ch.close();
      return;
    }
    ch.writeAndFlush(
        PeerRequest.newBuilder().setPresence(presenceSnapshot.get()).build(), ch.voidPromise());
    long period = sweepPeriod().toNanos();
    ScheduledFuture<?> sweep =
        ch.eventLoop().scheduleAtFixedRate(this::failOverdueCalls, period, period, NANOSECONDS);
    ch.closeFuture().addListener(closed -> sweep.cancel(false));
  }

  /** How often a connection looks for calls past their timeout: a tenth of it, at most 100 ms. */
  Duration sweepPeriod() {
    Duration tenth = callTimeout.dividedBy(10);
    return tenth.compareTo(MAX_SWEEP_PERIOD) < 0 && !tenth.isZero() ? tenth : MAX_SWEEP_PERIOD;
  }

  private void failOverdueCalls() {
    long now = System.nanoTime();
    waiting.forEach(
        (callId, call) -> {
          if (now - call.deadlineNanos() >= 0) {
            fail(
                callId,
                new PeerUnavailableException(
                    "node " + nodeId + " did not answer within " + callTimeout));
          }
        });
  }

  private void fail(long callId, Throwable failure) {
    WaitingCall call = waiting.remove(callId);
    if (call != null) {
      call.answer().completeExceptionally(failure);
    }
  }

  /**
   * A call sent and not yet answered; it fails once {@link System#nanoTime} passes the deadline.
   */
  private record WaitingCall(CompletableFuture<PeerReply> answer, long deadlineNanos) {}

  /** Completes calls with their answers, hands pushes on, and fails what waits when it closes. */
  private final class ReplyHandler extends SimpleChannelInboundHandler<PeerReply> {

    private final Consumer<UpdatePush> pushes;

    ReplyHandler(Consumer<UpdatePush> pushes) {
      this.pushes = pushes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, PeerReply reply) {
      if (reply.getCallId() == 0) {
        if (reply.hasPush()) {
          pushes.accept(reply.getPush());
        }
        return;
      }
      WaitingCall call = waiting.remove(reply.getCallId());
      if (call != null) {
        call.answer().complete(reply);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      synchronized (PeerLink.this) {
        if (channel == ctx.channel()) {
          channel = null;
        }
      }
      PeerUnavailableException lost =
          new PeerUnavailableException("connection to node " + nodeId + " closed");
      waiting.keySet().forEach(callId -> fail(callId, lost));
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
