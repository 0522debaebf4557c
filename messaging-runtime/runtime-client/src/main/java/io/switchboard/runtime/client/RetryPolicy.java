package io.switchboard.runtime.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently the client repeats what failed for a passing reason: an idempotent
 * request, and a round of reconnect attempts over every gateway.
 *
 * <p>Backoff is exponential with "equal jitter": before retry {@code n} (n = 1 after the first
 * failure) the ceiling is {@code min(maxBackoff, initialBackoff * 2^(n-1))} and the delay is drawn
 * uniformly from {@code [ceiling / 2, ceiling]}, so that clients that failed together do not retry
 * together, yet never retry at once.
 *
 * @param maxAttempts attempts of one idempotent request in all, the first included; at least 1
 * @param initialBackoff ceiling of the first delay; positive
 * @param maxBackoff largest ceiling; at least {@code initialBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  /** 5 attempts, delays from 50-100 ms doubling up to 1-2 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be positive: " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be at least initialBackoff");
    }
  }

  /**
   * The delay before retry number {@code retry}; see the class Javadoc.
   *
   * @param retry 1 for the first retry, 2 for the second, ...
   * @param random the source of jitter
   */
  public Duration backoffBefore(int retry, RandomGenerator random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries count from 1: " + retry);
    }
    long max = maxBackoff.toNanos();
    long ceiling = initialBackoff.toNanos();
    for (int doubling = 1; doubling < retry && ceiling < max; doubling++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max);
    long half = ceiling / 2;
    return Duration.ofNanos(half + random.nextLong(ceiling - half + 1));
  }
}
