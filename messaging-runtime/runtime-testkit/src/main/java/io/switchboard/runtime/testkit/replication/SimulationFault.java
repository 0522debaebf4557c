package io.switchboard.runtime.testkit.replication;

/**
 * A deliberate mistake in how the simulated cluster uses the replication core, to prove that the
 * invariant checks catch broken replication. Only the simulation harness knows these; the core has
 * no such switch.
 */
public enum SimulationFault {
  /** The cluster behaves as designed. */
  NONE,
  /** Each primary is told it is the only voter, so it commits at its own durability. */
  SINGLE_VOTER_QUORUM,
  /** Promotions skip the fence step and promote a random in-DC replica. */
  SKIP_FENCE,
  /** Promotions reuse the epoch of the shard map instead of a new one. */
  REUSE_EPOCH,
  /**
   * A primary asked for a shard image sends one of its whole log, entries it has not committed
   * included.
   */
  IMAGE_OF_UNCOMMITTED_ENTRIES
}
