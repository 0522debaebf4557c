package io.switchboard.runtime.node.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.GatewaySession;
import io.switchboard.runtime.protocol.Operation;
import io.switchboard.runtime.protocol.OperationDispatcher;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.SessionReply;
import io.switchboard.runtime.protocol.Update;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the pure {@link GatewaySession} of one connection and carries out its replies: frames to
 * write, operations to hand to the messaging endpoint, pushes to deliver.
 *
 * <ol>
 *   <li>When the connection becomes active, start the handshake deadline: after {@code
 *       handshakeTimeout} the session gets {@link GatewaySession#onHandshakeDeadline()}. The timer
 *       stops once the session is established or closed, and when the connection closes.
 *   <li>Inputs are decoded {@link ClientFrame}s and {@link FrameDecodingException}s (from {@link
 *       ClientFrameDecoder}), handled in stream order. Any other exception is an I/O failure and
 *       closes the connection without an answer.
 *   <li>An input is held back, and reading from the connection paused, while an authentication is
 *       being carried out, while {@code maxOperationsInFlight} operations await their answers, or
 *       while earlier inputs are held back. Held inputs are handled, in order, as soon as that is
 *       no longer so; then reading resumes (unless the {@link SlowConsumerGuard} keeps it paused
 *       because the connection is unwritable).
 *   <li>A reply's frames are written in order and flushed. A reply that closes the connection
 *       closes it only when its last frame (the fatal error) has been written, so that frame is
 *       never lost to the close; input that arrives meanwhile, even in the same read, gets no
 *       answer because the session has ended.
 *   <li>A reply's operation goes to the {@link OperationDispatcher}; its answer comes back on the
 *       connection's event loop and goes through {@link GatewaySession#onOperationCompleted}, in
 *       whatever order the answers complete. Answers for a connection that has closed are dropped.
 *   <li>When an authentication succeeds, the session joins the {@link SessionRegistry} under its
 *       user before its answer is written, so that every update made after the client saw the
 *       answer reaches the session; since pushes are written by later tasks of the same event loop,
 *       none precedes the answer. It leaves the registry when the connection closes.
 *   <li>{@link #push}ed updates are written on the event loop in call order, through {@link
 *       GatewaySession#onUpdate}.
 * </ol>
 *
 * <p>Counts the connection and every frame in the node's {@link GatewayTraffic}, and every answered
 * request with its duration: from the moment its frame was decoded (time held back included) to the
 * moment its answer was written and flushed. A request that gets no answer (its session ended, or
 * its connection closed first) is not counted.
 *
 * <p>Stateful: one instance per connection, used on its event loop only, except {@link #push}.
 */
public final class GatewaySessionHandler extends SimpleChannelInboundHandler<ClientFrame>
    implements UpdateSink {

  /** Operations of one connection a gateway carries out at once (docs/protocol.md, section 6). */
  public static final int MAX_OPERATIONS_IN_FLIGHT = 64;

  private static final Logger log = LoggerFactory.getLogger(GatewaySessionHandler.class);

  private final GatewaySession session;
  private final Duration handshakeTimeout;
  private final GatewayTraffic traffic;
  private final OperationDispatcher operations;
  private final SessionRegistry sessions;
  private final int maxOperationsInFlight;
  private final Queue<HeldInput> heldBack = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> handshakeDeadline;
  private int operationsInFlight;
  private long registeredUser;

  /**
   * @param session the connection's fresh session
   * @param handshakeTimeout how long after the connection opens the handshake must be accepted;
   *     positive
   * @param traffic the node's counters
   * @param operations carries out the operations the session allows
   * @param sessions the gateway's authenticated sessions, which this one joins
   * @param maxOperationsInFlight how many operations may await their answers at once; positive
   */
  public GatewaySessionHandler(
      GatewaySession session,
      Duration handshakeTimeout,
      GatewayTraffic traffic,
      OperationDispatcher operations,
      SessionRegistry sessions,
      int maxOperationsInFlight) {
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
    }
    if (maxOperationsInFlight < 1) {
      throw new IllegalArgumentException(
          "maxOperationsInFlight must be positive: " + maxOperationsInFlight);
    }
    this.session = session;
    this.handshakeTimeout = handshakeTimeout;
    this.traffic = traffic;
    this.operations = operations;
    this.sessions = sessions;
    this.maxOperationsInFlight = maxOperationsInFlight;
  }

  /** An input held back, and when it was received ({@link System#nanoTime()}). */
  private record HeldInput(Object input, long receivedAtNanos) {}

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    traffic.connectionOpened();
    handshakeDeadline =
        ctx.executor()
            .schedule(
                () -> {
                  log.debug("{}: handshake deadline of {} passed", ctx.channel(), handshakeTimeout);
                  carryOut(session.onHandshakeDeadline());
                },
                handshakeTimeout.toNanos(),
                TimeUnit.NANOSECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stopHandshakeDeadline();
    heldBack.clear();
    if (registeredUser != 0) {
      sessions.remove(registeredUser, this);
    }
    traffic.connectionClosed();
    ctx.fireChannelInactive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ClientFrame frame) {
    traffic.frameReceived();
    handleInOrder(frame, System.nanoTime());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof FrameDecodingException undecodable) {
      log.debug("{}: {}", ctx.channel(), undecodable.getMessage());
      handleInOrder(undecodable, System.nanoTime());
    } else {
      log.debug("{}: closing after failure", ctx.channel(), cause);
      ctx.close();
    }
  }

  @Override
  public void push(Update update) {
    try {
      ctx.executor()
          .execute(
              () -> {
                if (ctx.channel().isActive()) {
                  carryOut(session.onUpdate(update));
                }
              });
    } catch (RejectedExecutionException nodeStopping) {
      log.debug("{}: dropping a push, the node is stopping", ctx.channel());
    }
  }

  /** Whether inputs may be handled now rather than held back. */
  private boolean readyForInput() {
    return !session.isAuthenticating() && operationsInFlight < maxOperationsInFlight;
  }

  private void handleInOrder(Object input, long receivedAtNanos) {
    if (!heldBack.isEmpty() || !readyForInput()) {
      heldBack.add(new HeldInput(input, receivedAtNanos));
      ctx.channel().config().setAutoRead(false);
      return;
    }
    handle(input, receivedAtNanos);
  }

  private void handle(Object input, long receivedAtNanos) {
    if (input instanceof FrameDecodingException undecodable) {
      carryOut(session.onUndecodableInput(undecodable));
      return;
    }
    ClientFrame frame = (ClientFrame) input;
    SessionReply reply = session.onFrame(frame);
    carryOut(reply);
    if (reply.operation().isPresent()) {
      dispatch(reply.operation().get(), receivedAtNanos);
    } else {
      countAnswer(frame.getBodyCase(), reply, receivedAtNanos);
    }
  }

  private void dispatch(Operation operation, long receivedAtNanos) {
    operationsInFlight++;
    operations
        .dispatch(operation)
        .thenAcceptAsync(
            answer -> operationCompleted(operation, answer, receivedAtNanos), ctx.executor());
  }

  private void operationCompleted(Operation operation, ServerFrame answer, long receivedAtNanos) {
    operationsInFlight--;
    if (!ctx.channel().isActive()) {
      return;
    }
    SessionReply reply = session.onOperationCompleted(operation, answer);
    if (operation.isAuthentication()) {
      session.authenticatedUser().ifPresent(this::joinRegistry);
    }
    carryOut(reply);
    countAnswer(operation.request().getBodyCase(), reply, receivedAtNanos);
    handleHeldBackInputs();
  }

  /**
   * Counts the reply's frame, which was just written, as the answer to a request of {@code type}.
   */
  private void countAnswer(ClientFrame.BodyCase type, SessionReply reply, long receivedAtNanos) {
    if (!reply.frames().isEmpty()) {
      traffic.requestAnswered(type, reply.frames().get(0), System.nanoTime() - receivedAtNanos);
    }
  }

  private void joinRegistry(long userId) {
    registeredUser = userId;
    sessions.add(userId, this);
  }

  private void handleHeldBackInputs() {
    while (!heldBack.isEmpty() && readyForInput()) {
      HeldInput held = heldBack.remove();
      handle(held.input(), held.receivedAtNanos());
    }
    Channel channel = ctx.channel();
    if (heldBack.isEmpty() && channel.isWritable()) {
      channel.config().setAutoRead(true);
    }
  }

  private void carryOut(SessionReply reply) {
    if (session.isEstablished() || session.isClosed()) {
      stopHandshakeDeadline();
    }
    if (reply.frames().isEmpty()) {
      return;
    }
    ChannelFuture lastWrite = null;
    for (ServerFrame frame : reply.frames()) {
      traffic.frameSent(frame);
      lastWrite = ctx.write(frame);
    }
    ctx.flush();
    if (reply.closeConnection()) {
      lastWrite.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void stopHandshakeDeadline() {
    if (handshakeDeadline != null) {
      handshakeDeadline.cancel(false);
      handshakeDeadline = null;
    }
  }
}
