package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.Authenticated;
import io.switchboard.runtime.protocol.HandshakeAccepted;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

/**
 * A connection whose handshake was accepted, and whether it is authenticated. The client has one
 * current session at a time and replaces it when its connection ends.
 *
 * <p>Thread-safe.
 */
final class Session {

  private final GatewayConnection connection;
  private final HandshakeAccepted handshake;
  private CompletableFuture<Authenticated> authentication;
  private ScheduledFuture<?> keepAlive;
  private boolean closed;

  Session(GatewayConnection connection, HandshakeAccepted handshake) {
    this.connection = connection;
    this.handshake = handshake;
  }

  GatewayConnection connection() {
    return connection;
  }

  HandshakeAccepted handshake() {
    return handshake;
  }

  /**
   * The session's authentication: started with {@code authenticator} on the first call, and again
   * after one that failed; shared by every caller while it runs and once it succeeded. The
   * authenticator runs without the session's lock held.
   */
  CompletableFuture<Authenticated> authenticate(
      Function<Session, CompletableFuture<Authenticated>> authenticator) {
    CompletableFuture<Authenticated> started;
    synchronized (this) {
      if (authentication != null && !authentication.isCompletedExceptionally()) {
        return authentication;
      }
      started = new CompletableFuture<>();
      authentication = started;
    }
    authenticator
        .apply(this)
        .whenComplete(
            (authenticated, failure) -> {
              if (failure == null) {
                started.complete(authenticated);
              } else {
                started.completeExceptionally(Retrier.unwrap(failure));
              }
            });
    return started;
  }

  /** Records that a registration on this session authenticated it. */
  synchronized void authenticatedBy(Authenticated registration) {
    authentication = CompletableFuture.completedFuture(registration);
  }

  /** Keeps {@code task} to cancel it when the session is closed; cancels it if it is already. */
  synchronized void keepAliveWith(ScheduledFuture<?> task) {
    keepAlive = task;
    if (closed) {
      task.cancel(false);
    }
  }

  /** Stops the keepalive and closes the connection. Idempotent. */
  synchronized void close() {
    closed = true;
    if (keepAlive != null) {
      keepAlive.cancel(false);
    }
    connection.close();
  }
}
