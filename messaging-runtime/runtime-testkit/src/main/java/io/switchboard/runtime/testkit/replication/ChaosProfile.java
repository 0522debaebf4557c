package io.switchboard.runtime.testkit.replication;

import io.switchboard.runtime.replication.ReplicationLimits;
import java.util.SplittableRandom;

/**
 * How hostile one run is, drawn from its seed: calm runs show steady-state replication, stormy ones
 * chain failures and promotions quickly, which is where subtle protocol mistakes show.
 *
 * @param syncProbability chance per replica per millisecond that its disk syncs
 * @param proposeProbability chance per millisecond that the client proposes
 * @param crashProbability chance per millisecond that a replica crashes
 * @param partitionProbability chance per millisecond that a partition starts (when none is on)
 * @param drillProbability chance per millisecond that the control plane promotes for no reason (a
 *     drill: an operator's planned switchover, outside the automatic failover policy)
 * @param crashAfterCommandProbability chance that a replica crashes within a few milliseconds of
 *     being fenced or promoted: the windows between a fence, a promotion and the first syncs
 * @param maxFetchBytes payload bytes per fetch answer: small values split epochs across answers
 * @param imageCatchUpEntries committed entries a replica may lack before its primary sends it to
 *     install an image: small in half of the runs, so that a replica back from a crash or a
 *     partition catches up by an image; the production default in the others
 * @param compactProbability chance per replica per millisecond that it compacts its log (its
 *     durably committed prefix becomes an image), so that a replica asking below its primary's
 *     image needs one: zero in a third of the runs
 */
record ChaosProfile(
    double syncProbability,
    double proposeProbability,
    double crashProbability,
    double partitionProbability,
    double drillProbability,
    double crashAfterCommandProbability,
    int maxFetchBytes,
    long imageCatchUpEntries,
    double compactProbability) {

  private static final int[] FETCH_BYTES = {48, 256, 1024};
  private static final int MIN_IMAGE_CATCH_UP_ENTRIES = 3;
  private static final int MAX_IMAGE_CATCH_UP_ENTRIES = 30;
  private static final double MAX_COMPACT_PROBABILITY = 0.003;

  /**
   * A run without random crashes, partitions, drills or compactions, with frequent syncs and
   * proposals, for scripted scenarios.
   */
  static ChaosProfile calm() {
    return new ChaosProfile(
        0.5, 0.3, 0, 0, 0, 0, 1024, ReplicationLimits.DEFAULT_IMAGE_CATCH_UP_ENTRIES, 0);
  }

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
        FETCH_BYTES[random.nextInt(FETCH_BYTES.length)],
        random.nextBoolean()
            ? MIN_IMAGE_CATCH_UP_ENTRIES
                + random.nextInt(MAX_IMAGE_CATCH_UP_ENTRIES - MIN_IMAGE_CATCH_UP_ENTRIES + 1)
            : ReplicationLimits.DEFAULT_IMAGE_CATCH_UP_ENTRIES,
        random.nextInt(3) == 0 ? 0 : random.nextDouble(MAX_COMPACT_PROBABILITY));
  }
}
