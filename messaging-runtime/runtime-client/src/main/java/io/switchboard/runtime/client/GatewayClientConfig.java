package io.switchboard.runtime.client;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Everything a {@link GatewayClient} needs. Immutable and validated on construction.
 *
 * @param gateways the gateways to use, in order of preference: the home data centre's first; at
 *     least one
 * @param clientName identifies the client software in the gateways' logs and metrics
 * @param timeout bounds every connect, every wait for a usable connection and every wait for an
 *     answer; positive
 * @param retry how idempotent requests and reconnect rounds are repeated
 * @param listener receives the user's updates
 * @param random the source of random_ids and of backoff jitter; thread-safe
 * @param directory asked for the gateways at every reconnect round ({@link GatewayDirectory});
 *     null: the {@code gateways} above, always
 */
public record GatewayClientConfig(
    List<GatewayAddress> gateways,
    String clientName,
    Duration timeout,
    RetryPolicy retry,
    UpdateListener listener,
    RandomGenerator random,
    GatewayDirectory directory) {

  /** Time allowed for a connect or an answer unless configured otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public GatewayClientConfig {
    gateways = List.copyOf(gateways);
    if (gateways.isEmpty()) {
      throw new IllegalArgumentException("at least one gateway is needed");
    }
    Objects.requireNonNull(clientName, "clientName");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(random, "random");
  }

  /**
   * A configuration with {@link #DEFAULT_TIMEOUT}, {@link RetryPolicy#DEFAULT}, {@link
   * UpdateListener#IGNORE} and a {@link SecureRandom}.
   */
  public static GatewayClientConfig of(String clientName, List<GatewayAddress> gateways) {
    return new GatewayClientConfig(
        gateways,
        clientName,
        DEFAULT_TIMEOUT,
        RetryPolicy.DEFAULT,
        UpdateListener.IGNORE,
        new SecureRandom(),
        null);
  }

  public GatewayClientConfig withTimeout(Duration timeout) {
    return new GatewayClientConfig(
        gateways, clientName, timeout, retry, listener, random, directory);
  }

  public GatewayClientConfig withRetry(RetryPolicy retry) {
    return new GatewayClientConfig(
        gateways, clientName, timeout, retry, listener, random, directory);
  }

  public GatewayClientConfig withListener(UpdateListener listener) {
    return new GatewayClientConfig(
        gateways, clientName, timeout, retry, listener, random, directory);
  }

  /** Reconnects to the gateways {@code directory} lists at the time, instead of the fixed list. */
  public GatewayClientConfig withDirectory(GatewayDirectory directory) {
    return new GatewayClientConfig(
        gateways, clientName, timeout, retry, listener, random, directory);
  }

  /**
   * The gateways to try now: the directory's, or the configured ones if there is no directory, it
   * cannot be read or lists none.
   */
  List<GatewayAddress> currentGateways() {
    if (directory == null) {
      return gateways;
    }
    try {
      List<GatewayAddress> listed = directory.gateways();
      return listed.isEmpty() ? gateways : List.copyOf(listed);
    } catch (java.io.IOException | RuntimeException unreadable) {
      return gateways;
    }
  }

  public GatewayClientConfig withRandom(RandomGenerator random) {
    return new GatewayClientConfig(
        gateways, clientName, timeout, retry, listener, random, directory);
  }
}
