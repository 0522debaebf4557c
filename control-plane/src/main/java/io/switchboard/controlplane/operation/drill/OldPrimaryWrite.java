package io.switchboard.controlplane.operation.drill;

import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.GatewayClientConfig;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.protocol.Peer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fencing proof a client can see: one write, sent once, through one gateway only (a cut-off old
 * primary's), as a user of a drilled shard. The gateway serves the write itself if it still
 * believes its node leads the shard; fencing means that write is never acknowledged.
 */
final class OldPrimaryWrite {

  private static final RetryPolicy ONCE =
      new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1));

  private OldPrimaryWrite() {}

  /**
   * Sends {@code text} to the user itself through {@code gateway} alone, without retries.
   *
   * @param timeout how long the connection, the authentication and the write may each take
   * @return null if the write was acknowledged; otherwise how it was refused (an error, a closed
   *     connection, or no answer within {@code timeout})
   */
  static String refusal(
      GatewayAddress gateway, String token, long userId, String text, Duration timeout) {
    try (GatewayClient client =
        GatewayClient.connect(
            GatewayClientConfig.of("drill-old-primary", List.of(gateway))
                .withRetry(ONCE)
                .withTimeout(timeout))) {
      String refused = answer(client.authenticate(token), timeout);
      if (refused != null) {
        return "the session was refused: " + refused;
      }
      refused = answer(client.send(Peer.newBuilder().setUserId(userId).build(), text), timeout);
      return refused == null ? null : "the write was refused: " + refused;
    } catch (Exception e) {
      return "the gateway could not be reached: " + e;
    }
  }

  /** Null if {@code call} succeeds within twice {@code timeout}; otherwise why not. */
  private static String answer(CompletableFuture<?> call, Duration timeout) {
    try {
      call.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return String.valueOf(e.getCause());
    } catch (TimeoutException e) {
      return "no answer within " + timeout.multipliedBy(2).toMillis() + " ms";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted before an answer";
    }
  }
}
