package io.switchboard.runtime.testkit.replication;

import java.util.Objects;

/**
 * One run of the {@link ReplicationSimulation}.
 *
 * @param seed everything random in the run derives from it
 * @param steps simulated milliseconds to run (one step each)
 * @param fault a deliberate mistake, or {@link SimulationFault#NONE}
 */
public record SimulationOptions(long seed, int steps, SimulationFault fault) {

  public SimulationOptions {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be positive: " + steps);
    }
    Objects.requireNonNull(fault, "fault");
  }

  /** A run of the designed cluster. */
  public static SimulationOptions of(long seed, int steps) {
    return new SimulationOptions(seed, steps, SimulationFault.NONE);
  }
}
