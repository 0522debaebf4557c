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
 * @param imagesNeededBehind fetches a primary answered with ImageNeeded because the replica lacked
 *     more than {@code imageCatchUpEntries} committed entries
 * @param imagesNeededBelowImage fetches a primary answered with ImageNeeded because its own image
 *     covered where the replica asked from
 * @param imagesInstalled shard images followers installed
 * @param imagesRefused shard images followers received but refused (late, duplicated, stale)
 * @param compactions images replicas made of their own committed prefix
 * @param primaryDownDetections times the control plane's health checks declared the primary DOWN
 *     ({@code FAILED_CHECKS} consecutive failed checks)
 * @param failoversStarted automatic failovers started: the primary was DOWN, outside the quiet
 *     window, and the monitors that answered could not reach it either
 * @param failoversRefusedMonitorReached automatic failovers not done because a monitor still
 *     reached the primary (the monitors disagree: an alert)
 * @param failoversRefusedNoSecondOpinion automatic failovers not done because no monitor answered
 * @param quietWindowAlerts primaries declared DOWN within the quiet window of the shard's last
 *     automatic failover: an alert, no failover
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
    long imagesNeededBehind,
    long imagesNeededBelowImage,
    long imagesInstalled,
    long imagesRefused,
    long compactions,
    long primaryDownDetections,
    long failoversStarted,
    long failoversRefusedMonitorReached,
    long failoversRefusedNoSecondOpinion,
    long quietWindowAlerts,
    long highestEpoch) {}
