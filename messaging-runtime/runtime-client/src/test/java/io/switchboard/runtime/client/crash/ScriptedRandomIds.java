package io.switchboard.runtime.client.crash;

import java.security.SecureRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The random source of a {@link io.switchboard.runtime.client.GatewayClient} that lets the test
 * choose the random_id of a send: {@link io.switchboard.runtime.client.GatewayClient#send} draws
 * its random_id with {@link #nextLong()} on the calling thread, so a value scripted for that thread
 * just before the call becomes the send's random_id. Everything else (backoff jitter, ping
 * payloads) comes from a {@link SecureRandom}. Thread-safe.
 */
final class ScriptedRandomIds implements RandomGenerator {

  private final RandomGenerator delegate = new SecureRandom();
  private final ThreadLocal<Long> scripted = new ThreadLocal<>();

  /**
   * Runs {@code send}, which must draw exactly one random_id on this thread, with {@code randomId}.
   *
   * @throws IllegalStateException if {@code send} did not draw it
   */
  <T> T withRandomId(long randomId, Supplier<T> send) {
    if (randomId == 0) {
      throw new IllegalArgumentException("a random_id is non-zero");
    }
    scripted.set(randomId);
    try {
      T result = send.get();
      if (scripted.get() != null) {
        throw new IllegalStateException("the client did not draw random_id " + randomId);
      }
      return result;
    } finally {
      scripted.remove();
    }
  }

  @Override
  public long nextLong() {
    Long next = scripted.get();
    if (next != null) {
      scripted.remove();
      return next;
    }
    return delegate.nextLong();
  }

  @Override
  public long nextLong(long bound) {
    return delegate.nextLong(bound);
  }

  @Override
  public long nextLong(long origin, long bound) {
    return delegate.nextLong(origin, bound);
  }

  @Override
  public int nextInt() {
    return delegate.nextInt();
  }

  @Override
  public int nextInt(int bound) {
    return delegate.nextInt(bound);
  }

  @Override
  public double nextDouble() {
    return delegate.nextDouble();
  }

  @Override
  public void nextBytes(byte[] bytes) {
    delegate.nextBytes(bytes);
  }
}
