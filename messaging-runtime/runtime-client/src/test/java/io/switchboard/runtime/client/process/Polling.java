package io.switchboard.runtime.client.process;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Waits for a condition by polling it until a deadline; never waits a fixed time and hopes. */
public final class Polling {

  private static final long POLL_MILLIS = 20;

  /** A condition that may throw, e.g. because it asks a server. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  private Polling() {}

  /**
   * Polls {@code condition} every {@value #POLL_MILLIS} ms until it holds.
   *
   * @param what describes the awaited state, for the failure message
   * @param context evaluated on timeout only: what the failure message should show besides
   * @throws AssertionError if the condition does not hold within {@code timeout}
   */
  public static void until(
      Duration timeout, String what, Condition condition, Supplier<String> context)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "timed out after "
                + timeout.toMillis()
                + " ms waiting for "
                + what
                + "\n"
                + context.get());
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }
}
