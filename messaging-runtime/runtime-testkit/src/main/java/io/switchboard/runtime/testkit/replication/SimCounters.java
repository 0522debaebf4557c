package io.switchboard.runtime.testkit.replication;

/** What happened during a run, counted for its {@link SimulationResult}. */
final class SimCounters {

  long proposed;
  long acknowledged;
  long promotions;
  long crashes;
  long partitions;
  long truncations;
  long imagesNeededBehind;
  long imagesNeededBelowImage;
  long imagesInstalled;
  long imagesRefused;
  long compactions;
  long primaryDownDetections;
  long failoversStarted;
  long failoversRefusedMonitorReached;
  long failoversRefusedNoSecondOpinion;
  long quietWindowAlerts;

  SimulationResult result(long seed, long highestEpoch) {
    return new SimulationResult(
        seed,
        proposed,
        acknowledged,
        promotions,
        crashes,
        partitions,
        truncations,
        imagesNeededBehind,
        imagesNeededBelowImage,
        imagesInstalled,
        imagesRefused,
        compactions,
        primaryDownDetections,
        failoversStarted,
        failoversRefusedMonitorReached,
        failoversRefusedNoSecondOpinion,
        quietWindowAlerts,
        highestEpoch);
  }
}
