package io.switchboard.runtime.testkit.replication;

/**
 * What a run did, so tests can assert that it exercised something.
 *
 * @param seed the run's seed
 * @param proposed entries proposed at a primary
 * @param acknowledged entries acknowledged to the client (committed at their primary)
 * @param promotions promotions completed
 * @param crashes replica crashes
 * @param partitions partitions started
 * @param truncations divergent suffixes dropped by followers
 * @param highestEpoch the highest epoch the control plane used
 */
public record SimulationResult(
    long seed,
    long proposed,
    long acknowledged,
    long promotions,
    long crashes,
    long partitions,
    long truncations,
    long highestEpoch) {}
