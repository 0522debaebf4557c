package io.switchboard.runtime.testkit.replication;

/**
 * An invariant of the {@link ReplicationSimulation} failed (or the core threw): names the seed, the
 * step, the invariant, what was seen, and the run's latest notable events.
 */
public final class InvariantViolation extends AssertionError {

  private final long seed;
  private final long step;

  InvariantViolation(long seed, long step, String invariant, String detail, String trace) {
    super(
        "seed "
            + seed
            + ", step "
            + step
            + ": invariant violated: "
            + invariant
            + ": "
            + detail
            + "\nlatest events:\n"
            + trace);
    this.seed = seed;
    this.step = step;
  }

  InvariantViolation(long seed, long step, Throwable error, String trace) {
    super(
        "seed "
            + seed
            + ", step "
            + step
            + ": the core failed: "
            + error
            + "\nlatest events:\n"
            + trace,
        error);
    this.seed = seed;
    this.step = step;
  }

  /** The seed that reproduces the run. */
  public long seed() {
    return seed;
  }

  /** The step at which the violation was seen. */
  public long step() {
    return step;
  }
}
