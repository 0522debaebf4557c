package io.switchboard.runtime.messaging;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter, by the design document's formula (Reliability, Retry
 * Strategies): {@code delay = min(max_delay, base_delay * 2^(n - 1)) + random(0, jitter)} before
 * the n-th retry. The document's example numbers the first retry 1, with {@code base_delay} as its
 * exponential part, hence {@code n - 1}. Attempts are unbounded: the caller retries for as long as
 * it needs to.
 *
 * <p>Pure: the randomness is injected, and nothing here reads a clock.
 */
public final class Backoff {

  private final long baseMillis;
  private final long maxMillis;
  private final long jitterMillis;
  private final RandomGenerator random;

  /**
   * @param base the exponential part of the first retry's delay, positive
   * @param max cap of the exponential part, at least {@code base}
   * @param jitter the random part is uniform in {@code [0, jitter]}, zero or more
   */
  public Backoff(Duration base, Duration max, Duration jitter, RandomGenerator random) {
    this.baseMillis = base.toMillis();
    this.maxMillis = max.toMillis();
    this.jitterMillis = jitter.toMillis();
    this.random = random;
    if (baseMillis < 1 || maxMillis < baseMillis || jitterMillis < 0) {
      throw new IllegalArgumentException(
          "need 0 < base <= max and jitter >= 0: " + base + ", " + max + ", " + jitter);
    }
  }

  /**
   * The design document's cross-DC replication row: 100 ms initial delay, unbounded retries, 30 s
   * maximum, and the formula's 0 to 1000 ms of jitter.
   */
  public static Backoff crossDcReplication(RandomGenerator random) {
    return new Backoff(
        Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofMillis(1000), random);
  }

  /**
   * The delay before retry {@code retry} (1 for the first retry after a failed attempt).
   *
   * @throws IllegalArgumentException for a retry below 1
   */
  public Duration delayBefore(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries are numbered from 1: " + retry);
    }
    int doublings = Math.min(retry - 1, 62 - (63 - Long.numberOfLeadingZeros(baseMillis)));
    long exponential = Math.min(maxMillis, baseMillis << doublings);
    return Duration.ofMillis(exponential + random.nextLong(jitterMillis + 1));
  }
}
