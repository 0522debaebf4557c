package io.switchboard.runtime.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Passes bytes on no faster than a set average rate, pausing whenever it is ahead of it. A large
 * background write (a checkpoint) paced this way takes a bounded share of the disk's bandwidth and
 * of the CPU that serializes it, instead of both for as long as it lasts, so that the appends
 * sharing the machine keep their latency.
 *
 * <p>Contract: the rate is checked after each write that completes a check interval ({@link
 * #CHECK_EVERY_BYTES} or more since the previous check); the bytes of an interval take at least
 * {@code bytes / bytesPerSecond} seconds from the end of the previous check (from construction for
 * the first), pausing for the rest. Time lost to a slow writer is not made up by a burst later: the
 * rate is a ceiling, not an average to catch up with. While {@code hurry} says so, it does not
 * pause: a pause is taken in slices of at most {@link #PAUSE_SLICE_NANOS}, hurry read before each.
 * A pause interrupted by {@link Thread#interrupt()} ends the write with an {@link
 * InterruptedIOException}, interrupt status set.
 *
 * <p>Not thread-safe.
 */
final class PacedOutputStream extends WriteCountingStream {

  /** Bytes between two checks of the rate. */
  static final int CHECK_EVERY_BYTES = 256 << 10;

  /** Longest sleep before hurry is read again. */
  static final long PAUSE_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** Waits for a number of nanoseconds; {@link #THREAD_SLEEP} in production. */
  @FunctionalInterface
  interface Pause {
    void nanos(long nanos) throws InterruptedException;
  }

  /** {@link Thread#sleep} for the given nanoseconds. */
  static final Pause THREAD_SLEEP = TimeUnit.NANOSECONDS::sleep;

  private final long bytesPerSecond;
  private final BooleanSupplier hurry;
  private final LongSupplier nanoClock;
  private final Pause pause;
  private long lastCheckNanos;
  private long unchecked;

  /** Paced by the system's clock and {@link Thread#sleep}. */
  PacedOutputStream(OutputStream out, long bytesPerSecond, BooleanSupplier hurry) {
    this(out, bytesPerSecond, hurry, System::nanoTime, THREAD_SLEEP);
  }

  /**
   * @param bytesPerSecond the highest rate, positive
   * @param hurry when true, the rest is written at full speed; read at each check
   * @param nanoClock a monotonic clock in nanoseconds
   */
  PacedOutputStream(
      OutputStream out,
      long bytesPerSecond,
      BooleanSupplier hurry,
      LongSupplier nanoClock,
      Pause pause) {
    super(out);
    if (bytesPerSecond < 1) {
      throw new IllegalArgumentException("bytesPerSecond must be positive: " + bytesPerSecond);
    }
    this.bytesPerSecond = bytesPerSecond;
    this.hurry = hurry;
    this.nanoClock = nanoClock;
    this.pause = pause;
    this.lastCheckNanos = nanoClock.getAsLong();
  }

  @Override
  void written(int bytes) throws IOException {
    unchecked += bytes;
    if (unchecked < CHECK_EVERY_BYTES) {
      return;
    }
    long takesNanos = (long) (unchecked * (double) TimeUnit.SECONDS.toNanos(1) / bytesPerSecond);
    long dueNanos = lastCheckNanos + takesNanos;
    long now = nanoClock.getAsLong();
    while (dueNanos - now > 0 && !hurry.getAsBoolean()) {
      try {
        pause.nanos(Math.min(dueNanos - now, PAUSE_SLICE_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while pacing a write");
      }
      now = nanoClock.getAsLong();
    }
    lastCheckNanos = now;
    unchecked = 0;
  }
}
