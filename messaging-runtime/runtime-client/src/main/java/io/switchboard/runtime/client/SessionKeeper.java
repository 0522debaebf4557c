package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.Authenticate;
import io.switchboard.runtime.protocol.Authenticated;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.Handshake;
import io.switchboard.runtime.protocol.HandshakeAccepted;
import io.switchboard.runtime.protocol.Ping;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.protocol.ServerFrame;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps the client connected and authenticated: one current {@link Session} at a time.
 *
 * <ol>
 *   <li>{@link #connectToFirstReachable()} tries the gateways in order (home data centre first) and
 *       keeps the first whose handshake is accepted.
 *   <li>Every session pings every {@code idle_timeout_seconds / 2} seconds; a ping that fails
 *       closes its connection.
 *   <li>When the current session's connection ends, a reconnect starts on the scheduler: it tries
 *       every gateway once, in the order of the gateway directory if one is configured (else the
 *       configured order), the lost gateway last, and after a round without success waits {@link
 *       RetryPolicy#backoffBefore} and starts another round, until it succeeds or the client
 *       closes. Meanwhile {@link #readySession()} waits for the next session.
 *   <li>Once a token is known (registration or authentication), every session is authenticated
 *       before it serves user operations, at most once; after each authentication the mailbox is
 *       anchored (if it was not) at the pts the gateway reported, and every stream is
 *       resynchronised, which fetches what was missed while no session was authenticated.
 * </ol>
 *
 * <p>Thread-safe.
 */
final class SessionKeeper implements AutoCloseable {

  private static final System.Logger log = System.getLogger(SessionKeeper.class.getName());

  private final GatewayClientConfig config;
  private final ScheduledExecutorService scheduler;
  private final UpdateSequencer updates;
  private final Retrier retrier;
  private final Object lock = new Object();
  private CompletableFuture<Session> session = new CompletableFuture<>();
  private GatewayAddress currentGateway;
  private String token;
  private long userId;
  private boolean closed;
  private volatile HandshakeAccepted lastHandshake;

  SessionKeeper(
      GatewayClientConfig config,
      ScheduledExecutorService scheduler,
      UpdateSequencer updates,
      Retrier retrier) {
    this.config = config;
    this.scheduler = scheduler;
    this.updates = updates;
    this.retrier = retrier;
  }

  /**
   * Connects to the first gateway, in configured order, that accepts a handshake.
   *
   * @throws IOException the first gateway's failure, the others' suppressed, if none accepts
   */
  void connectToFirstReachable() throws IOException {
    IOException failure = null;
    List<GatewayAddress> gateways = config.currentGateways();
    for (GatewayAddress gateway : gateways) {
      try {
        publish(establish(gateway), gateway);
        return;
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure;
  }

  /**
   * A new future of the session to send user operations on: the current one, or the next if a
   * reconnect is under way; authenticated first if a token is known. Fails if the client is closed
   * or the authentication fails.
   */
  CompletableFuture<Session> readySession() {
    CompletableFuture<Session> current;
    String credentials;
    synchronized (lock) {
      current = session;
      credentials = token;
    }
    if (credentials == null) {
      return current.copy();
    }
    return current.thenCompose(
        ready -> ready.authenticate(this::authenticateOn).thenApply(authenticated -> ready));
  }

  /** Like {@link #readySession()}, but the session's authentication. */
  CompletableFuture<Authenticated> authentication() {
    CompletableFuture<Session> current;
    synchronized (lock) {
      current = session;
    }
    return current.thenCompose(ready -> ready.authenticate(this::authenticateOn));
  }

  /**
   * The current session, without waiting.
   *
   * @throws ConnectionLostException while a reconnect is under way
   * @throws IOException once the client is closed
   */
  Session currentSession() throws IOException {
    CompletableFuture<Session> current;
    synchronized (lock) {
      current = session;
    }
    if (!current.isDone()) {
      throw new ConnectionLostException("not connected: reconnecting to a gateway", null);
    }
    try {
      return current.join();
    } catch (CompletionException e) {
      throw new IOException("no session", Retrier.unwrap(e));
    }
  }

  /** What the gateway of the latest session announced. */
  HandshakeAccepted lastHandshake() {
    return lastHandshake;
  }

  /** The user the client is authenticated as, once known. */
  OptionalLong userId() {
    synchronized (lock) {
      return userId == 0 ? OptionalLong.empty() : OptionalLong.of(userId);
    }
  }

  /**
   * Authenticates every session from now on with {@code token}.
   *
   * @throws IllegalStateException if the client has a token already
   */
  void useToken(String token) {
    synchronized (lock) {
      requireNoToken();
      this.token = token;
    }
  }

  /** Forgets a token the gateway refused, so that another may be used. */
  void forgetToken() {
    synchronized (lock) {
      token = null;
    }
  }

  /**
   * @throws IllegalStateException if the client has a token already
   */
  void requireNoToken() {
    synchronized (lock) {
      if (token != null) {
        throw new IllegalStateException("the client is already authenticated");
      }
    }
  }

  /**
   * Records a registration answered on {@code registeredOn}, which it authenticated, and
   * authenticates the current session with the new token if that is another one.
   */
  void registered(Session registeredOn, Registered registered) {
    registeredOn.authenticatedBy(
        Authenticated.newBuilder().setUserId(registered.getUserId()).build());
    boolean sessionChanged;
    synchronized (lock) {
      token = registered.getToken();
      userId = registered.getUserId();
      sessionChanged =
          !session.isDone() || session.isCompletedExceptionally() || session.join() != registeredOn;
    }
    if (sessionChanged) {
      authenticateCurrentSession();
    }
  }

  /** Stops reconnecting and closes the current session. Idempotent. */
  @Override
  public void close() {
    CompletableFuture<Session> last;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      last = session;
      session = CompletableFuture.failedFuture(new IOException("the client is closed"));
    }
    last.completeExceptionally(new IOException("the client is closed"));
    if (!last.isCompletedExceptionally()) {
      last.join().close();
    }
  }

  private Session establish(GatewayAddress address) throws IOException {
    GatewayConnection connection =
        GatewayConnection.open(address, config.timeout(), updates::accept, this::connectionEnded);
    try {
      ServerFrame answer =
          await(
              connection.request(
                  ClientFrame.newBuilder()
                      .setHandshake(
                          Handshake.newBuilder()
                              .setProtocolVersion(FrameCodec.PROTOCOL_VERSION)
                              .setClientName(config.clientName()))
                      .build(),
                  config.timeout()));
      if (answer.hasError()) {
        throw new GatewayException(answer.getError());
      }
      if (!answer.hasHandshakeAccepted()) {
        throw new IOException(address + " answered the handshake with " + answer.getBodyCase());
      }
      return new Session(connection, answer.getHandshakeAccepted());
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Makes {@code established} the current session; false (and closed) if the client closed.
   *
   * <p>A connection that ended between its handshake and this call is refused: its end was told to
   * {@link #connectionEnded} while it was not current, which therefore started no reconnect, so the
   * session would stay dead. {@link GatewayConnection#hasEnded} turns true before that callback
   * takes the lock: either this sees the end, or the callback sees this session as current.
   *
   * @throws ConnectionLostException if the connection has ended already
   */
  private boolean publish(Session established, GatewayAddress gateway)
      throws ConnectionLostException {
    CompletableFuture<Session> waiting;
    synchronized (lock) {
      if (closed) {
        established.close();
        return false;
      }
      if (established.connection().hasEnded()) {
        throw new ConnectionLostException(
            "the connection to " + gateway + " ended right after its handshake", null);
      }
      waiting = session;
      session = CompletableFuture.completedFuture(established);
      currentGateway = gateway;
      lastHandshake = established.handshake();
    }
    long interval = Math.max(1, established.handshake().getIdleTimeoutSeconds()) * 500L;
    established.keepAliveWith(
        scheduler.scheduleWithFixedDelay(
            () -> keepAlive(established), interval, interval, TimeUnit.MILLISECONDS));
    waiting.complete(established);
    return true;
  }

  private void keepAlive(Session alive) {
    alive
        .connection()
        .request(
            ClientFrame.newBuilder()
                .setPing(Ping.newBuilder().setPayload(System.nanoTime()))
                .build(),
            config.timeout())
        .whenComplete(
            (pong, failure) -> {
              if (failure != null) {
                alive.connection().close();
              }
            });
  }

  /** Called on a connection's reader thread when it ends. */
  private void connectionEnded(GatewayConnection connection, IOException cause) {
    Session lost;
    synchronized (lock) {
      lost = session.isDone() && !session.isCompletedExceptionally() ? session.join() : null;
      if (closed || lost == null || lost.connection() != connection) {
        return;
      }
      session = new CompletableFuture<>();
    }
    lost.close();
    log.log(
        System.Logger.Level.INFO,
        "lost the connection to " + connection.address() + " (" + cause + "); reconnecting");
    runLater(() -> reconnect(1), Duration.ZERO);
  }

  private void reconnect(int round) {
    GatewayAddress lost;
    synchronized (lock) {
      if (closed) {
        return;
      }
      lost = currentGateway;
    }
    List<GatewayAddress> gateways = new java.util.ArrayList<>(config.currentGateways());
    if (gateways.remove(lost)) {
      gateways.add(lost);
    }
    for (GatewayAddress gateway : gateways) {
      try {
        if (publish(establish(gateway), gateway)) {
          authenticateCurrentSession();
        }
        return;
      } catch (IOException e) {
        log.log(System.Logger.Level.DEBUG, "reconnecting to gateway " + gateway + " failed", e);
      }
    }
    runLater(() -> reconnect(round + 1), config.retry().backoffBefore(round, config.random()));
  }

  /** Authenticates the current session, if a token is known, so that pushes reach it. */
  private void authenticateCurrentSession() {
    synchronized (lock) {
      if (token == null) {
        return;
      }
    }
    retrier
        .run(this::authentication, true)
        .whenComplete(
            (authenticated, failure) -> {
              if (failure != null) {
                log.log(
                    System.Logger.Level.WARNING,
                    "authenticating after a reconnect failed",
                    failure);
              }
            });
  }

  private CompletableFuture<Authenticated> authenticateOn(Session unauthenticated) {
    String credentials;
    synchronized (lock) {
      credentials = token;
    }
    return unauthenticated
        .connection()
        .request(
            ClientFrame.newBuilder()
                .setAuthenticate(Authenticate.newBuilder().setToken(credentials))
                .build(),
            config.timeout())
        .thenApply(answer -> Answers.body(answer, ServerFrame.BodyCase.AUTHENTICATED))
        .thenApply(ServerFrame::getAuthenticated)
        .thenApply(
            authenticated -> {
              synchronized (lock) {
                userId = authenticated.getUserId();
              }
              updates.anchorMailbox(authenticated.getPts());
              runLater(updates::resynchronize, Duration.ZERO);
              return authenticated;
            });
  }

  private ServerFrame await(CompletableFuture<ServerFrame> answer) throws IOException {
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the gateway");
    } catch (ExecutionException e) {
      Throwable cause = Retrier.unwrap(e);
      if (cause instanceof TimeoutException) {
        throw new SocketTimeoutException("the gateway did not answer within " + config.timeout());
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause);
    }
  }

  /** Runs {@code task} on the scheduler after {@code delay}; nothing once the client is closed. */
  private void runLater(Runnable task, Duration delay) {
    try {
      scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      log.log(System.Logger.Level.DEBUG, "the client is closed; not scheduling " + task);
    }
  }
}
