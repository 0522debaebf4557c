package io.switchboard.runtime.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it.
 *
 * <p>Thread-safe: the current instant is held atomically, so code under test may read it from any
 * thread while the test sets or advances it. A clock obtained from {@link #withZone} shares the
 * same instant: moving either moves both.
 */
public final class FakeClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock in UTC standing at {@code start}. */
  public static FakeClock at(Instant start) {
    return new FakeClock(
        new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of this clock in another zone, sharing its instant. */
  @Override
  public FakeClock withZone(ZoneId zone) {
    return new FakeClock(now, Objects.requireNonNull(zone, "zone"));
  }

  /** Moves the clock to {@code instant}, forwards or backwards (a wall-clock jump). */
  public void setInstant(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /**
   * Moves the clock forwards by {@code duration}.
   *
   * @return the new instant
   * @throws IllegalArgumentException if {@code duration} is negative; use {@link #setInstant} to
   *     move backwards
   */
  public Instant advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot advance by a negative duration: " + duration);
    }
    return now.updateAndGet(instant -> instant.plus(duration));
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + ", " + zone + "]";
  }
}
