package io.switchboard.runtime.testkit.replication;

import java.util.SplittableRandom;

/**
 * How hostile one run is, drawn from its seed: calm runs show steady-state replication, stormy ones
 * chain failures and promotions quickly, which is where subtle protocol mistakes show.
 *
 * @param syncProbability chance per replica per millisecond that its disk syncs
 * @param proposeProbability chance per millisecond that the client proposes
 * @param crashProbability chance per millisecond that a replica crashes
 * @param partitionProbability chance per millisecond that a partition starts (when none is on)
 * @param drillProbability chance per millisecond that the control plane promotes for no reason
 * @param crashAfterCommandProbability chance that a replica crashes within a few milliseconds of
 *     being fenced or promoted: the windows between a fence, a promotion and the first syncs
 * @param maxFetchBytes payload bytes per fetch answer: small values split epochs across answers
 */
record ChaosProfile(
    double syncProbability,
    double proposeProbability,
    double crashProbability,
    double partitionProbability,
    double drillProbability,
    double crashAfterCommandProbability,
    int maxFetchBytes) {

  private static final int[] FETCH_BYTES = {48, 256, 1024};

  /** One run's profile: a quarter of the runs are stormy. */
  static ChaosProfile draw(SplittableRandom random) {
    double storm = random.nextInt(4) == 0 ? 4 + random.nextDouble(6) : 0.5 + random.nextDouble();
    return new ChaosProfile(
        0.05 + random.nextDouble(0.45),
        0.1 + random.nextDouble(0.4),
        0.002 * storm,
        0.002 * storm,
        0.001 * storm,
        random.nextDouble(0.3),
        FETCH_BYTES[random.nextInt(FETCH_BYTES.length)]);
  }
}
