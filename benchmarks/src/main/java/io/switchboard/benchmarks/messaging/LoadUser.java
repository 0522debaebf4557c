package io.switchboard.benchmarks.messaging;

import io.switchboard.benchmarks.load.GatewayAddress;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * A user of the send phase: registered in its home data centre over its own connection, which stays
 * authenticated as that user.
 *
 * @param index 0-based position among the phase's users
 * @param dc the user's home data centre
 * @param userId the id the gateway assigned
 * @param connection the authenticated connection
 */
record LoadUser(int index, String dc, long userId, FrameConnection connection) {

  /** How the load generator introduces itself in the handshake. */
  static final String CLIENT_NAME = "switchboard-messaging-load/0.1";

  /**
   * Opens {@code count} connections at once, each through {@code gatewayOf(index)}, handshakes and
   * registers one user on each, homed in {@code dcs[index % dcs.size()]}: users spread evenly over
   * the data centres.
   *
   * @throws IOException naming the first user that could not be registered within {@code timeout}
   */
  static List<LoadUser> register(
      FrameClient client,
      int count,
      List<String> dcs,
      IntFunction<GatewayAddress> gatewayOf,
      Duration timeout)
      throws IOException, InterruptedException {
    List<CompletableFuture<LoadUser>> pending = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      int user = index;
      String dc = dcs.get(index % dcs.size());
      pending.add(
          client
              .connect(gatewayOf.apply(index), null)
              .thenCompose(
                  connection ->
                      connection
                          .handshake(CLIENT_NAME)
                          .thenCompose(accepted -> connection.register("load-" + user, dc))
                          .thenApply(
                              registered ->
                                  new LoadUser(
                                      user,
                                      dc,
                                      registered.getRegistered().getUserId(),
                                      connection))));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<LoadUser> users = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      try {
        users.add(pending.get(index).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
      } catch (ExecutionException e) {
        throw new IOException(
            "cannot register user " + index + ": " + e.getCause().getMessage(), e);
      } catch (TimeoutException e) {
        throw new IOException("user " + index + " was not registered within " + timeout, e);
      }
    }
    return users;
  }
}
