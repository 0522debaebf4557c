package io.switchboard.runtime.testkit.replication;

/** What happened during a run, counted for its {@link SimulationResult}. */
final class SimCounters {

  long proposed;
  long acknowledged;
  long promotions;
  long crashes;
  long partitions;
  long truncations;

  SimulationResult result(long seed, long highestEpoch) {
    return new SimulationResult(
        seed, proposed, acknowledged, promotions, crashes, partitions, truncations, highestEpoch);
  }
}
