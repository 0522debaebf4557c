package io.switchboard.runtime.testkit.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The automatic failover policy of the simulated control plane ({@link SimControlPlane}), case by
 * case, in scripted runs (no random chaos, a network without losses; the test crashes replicas and
 * cuts links itself). Every invariant of the simulation is still checked after every step. The
 * seeded runs of {@link ReplicationSimulationTest} check that each case also happens under random
 * chaos.
 */
class AutomaticFailoverSimulationTest {

  private static final long CHECK = SimControlPlane.CHECK_EVERY_MILLIS;
  private static final int K = SimControlPlane.FAILED_CHECKS;
  private static final long LONG_DOWN = 100_000;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void aControlPlaneCutOffFromThePrimaryIsNoFailoverWhileTheFollowersReachIt(long seed) {
    ReplicationSimulation sim = started(seed);
    String primary = sim.mapPrimary().orElseThrow();
    long epoch = sim.mapEpoch();
    long acknowledged = sim.result().acknowledged();
    long committed = sim.commitSeq(primary).orElseThrow();

    sim.cut(SimControlPlane.ID, primary);
    sim.advance(500);

    SimulationResult result = sim.result();
    assertThat(sim.primaryDown()).as("the control plane's checks fail").isTrue();
    assertThat(result.primaryDownDetections()).as("declared DOWN once").isEqualTo(1);
    assertThat(result.failoversRefusedMonitorReached())
        .as("a monitor still reaches the primary: %s", sim.trace())
        .isEqualTo(1);
    assertThat(result.failoversStarted()).isZero();
    assertThat(result.failoversRefusedNoSecondOpinion()).isZero();
    assertThat(sim.mapPrimary()).contains(primary);
    assertThat(sim.mapEpoch()).isEqualTo(epoch);
    assertThat(sim.servesAsPrimary(primary)).isTrue();
    assertThat(sim.commitSeq(primary).orElseThrow())
        .as("the primary keeps committing")
        .isGreaterThan(committed + 20);
    assertThat(result.acknowledged()).isGreaterThan(acknowledged + 20);

    sim.heal();
    sim.advance(3 * CHECK);
    assertThat(sim.primaryDown()).as("UP again once the link is back").isFalse();
    assertThat(sim.result().promotions()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void aCrashedPrimaryIsFailedOverAfterKChecksButNotAgainInsideTheQuietWindow(long seed) {
    ReplicationSimulation sim = started(seed);
    String first = sim.mapPrimary().orElseThrow();
    long firstEpoch = sim.mapEpoch();

    // The primary crashes: DOWN after K failed checks, between K - 1 and K + 1 intervals later
    // (the check in flight when it crashed may or may not have been answered).
    sim.crash(first, LONG_DOWN);
    sim.advance((K - 1) * CHECK - 1);
    assertThat(sim.result().primaryDownDetections()).as("not before %d failed checks", K).isZero();
    long detectedAfter = (K - 1) * CHECK - 1 + advanceUntil(sim, sim::primaryDown, 2 * CHECK + 1);
    assertThat(detectedAfter).isBetween((K - 1) * CHECK, (K + 1) * CHECK);

    // The monitors confirm (they cannot reach it either): the failover starts and completes.
    advanceUntil(
        sim, () -> sim.result().failoversStarted() == 1, SimControlPlane.PROBE_WAIT_MILLIS + 1);
    long failoverAt = sim.millis();
    String second = awaitNewPrimary(sim, first);
    assertThat(sim.mapEpoch()).isGreaterThan(firstEpoch);
    SimulationResult afterFailover = sim.result();
    assertThat(afterFailover.failoversRefusedMonitorReached()).isZero();
    assertThat(afterFailover.failoversRefusedNoSecondOpinion()).isZero();
    assertThat(afterFailover.quietWindowAlerts()).isZero();
    sim.advance(200);
    long acknowledged = sim.result().acknowledged();
    assertThat(acknowledged).as("writes resume").isGreaterThan(afterFailover.acknowledged());
    assertThat(sim.commitSeq(second).orElseThrow()).isPositive();

    // The new primary crashes inside the quiet window: an alert, no second automatic failover.
    long secondEpoch = sim.mapEpoch();
    sim.crash(second, LONG_DOWN);
    sim.advance((K + 1) * CHECK + SimControlPlane.PROBE_WAIT_MILLIS + 200);
    assertThat(sim.millis() - failoverAt)
        .as("the test stayed inside the quiet window")
        .isLessThan(SimControlPlane.QUIET_WINDOW_MILLIS);
    SimulationResult inWindow = sim.result();
    assertThat(inWindow.primaryDownDetections()).isEqualTo(2);
    assertThat(inWindow.quietWindowAlerts()).as("alert: %s", sim.trace()).isEqualTo(1);
    assertThat(inWindow.failoversStarted()).isEqualTo(1);
    assertThat(inWindow.failoversRefusedMonitorReached()).isZero();
    assertThat(inWindow.failoversRefusedNoSecondOpinion()).isZero();
    assertThat(sim.mapPrimary()).contains(second);
    assertThat(sim.mapEpoch()).isEqualTo(secondEpoch);

    // DOWN is declared once per outage (as the real health tracker publishes transitions), so the
    // end of the window brings no failover either: the shard waits for a person. No writes.
    sim.advance(SimControlPlane.QUIET_WINDOW_MILLIS);
    SimulationResult later = sim.result();
    assertThat(later.failoversStarted()).isEqualTo(1);
    assertThat(later.quietWindowAlerts()).isEqualTo(1);
    assertThat(later.primaryDownDetections()).isEqualTo(2);
    assertThat(sim.mapPrimary()).contains(second);
    assertThat(later.acknowledged()).isEqualTo(inWindow.acknowledged());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aPrimaryRestartedInsideTheQuietWindowIsReplacedByTheRestartPathNotByAFailover(long seed) {
    ReplicationSimulation sim = started(seed);
    String first = sim.mapPrimary().orElseThrow();
    sim.crash(first, LONG_DOWN);
    sim.advance((K + 1) * CHECK + SimControlPlane.PROBE_WAIT_MILLIS);
    String second = awaitNewPrimary(sim, first);
    long promotions = sim.result().promotions();

    sim.crash(second, 300);
    sim.advance(200);
    assertThat(sim.result().quietWindowAlerts()).isEqualTo(1);
    assertThat(sim.mapPrimary()).contains(second);

    // Back, it answers the checks that it no longer serves its epoch: re-promoted at once.
    sim.advance(300);
    assertThat(sim.result().promotions()).as(sim.trace()).isEqualTo(promotions + 1);
    assertThat(sim.result().failoversStarted()).isEqualTo(1);
    long acknowledged = sim.result().acknowledged();
    sim.advance(200);
    assertThat(sim.result().acknowledged()).isGreaterThan(acknowledged);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void withoutAnyMonitorToAskThereIsNoFailover(long seed) {
    ReplicationSimulation sim = started(seed);
    String primary = sim.mapPrimary().orElseThrow();
    long committed = sim.commitSeq(primary).orElseThrow();

    // The control plane loses its links to every in-DC replica; they still reach each other.
    for (String voter : List.of("r1", "r2", "r3")) {
      sim.cut(SimControlPlane.ID, voter);
    }
    sim.advance(300);

    SimulationResult result = sim.result();
    assertThat(result.primaryDownDetections()).isEqualTo(1);
    assertThat(result.failoversRefusedNoSecondOpinion()).as(sim.trace()).isEqualTo(1);
    assertThat(result.failoversStarted()).isZero();
    assertThat(result.failoversRefusedMonitorReached()).isZero();
    assertThat(sim.mapPrimary()).contains(primary);
    assertThat(sim.commitSeq(primary).orElseThrow()).isGreaterThan(committed);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void anIsolatedPrimaryIsFailedOverAndTheOldOneCommitsNoMore(long seed) {
    ReplicationSimulation sim = started(seed);
    String old = sim.mapPrimary().orElseThrow();
    for (String other : List.of(SimControlPlane.ID, "r1", "r2", "r3", "a1")) {
      if (!other.equals(old)) {
        sim.cut(old, other);
      }
    }
    sim.advance((K + 1) * CHECK + SimControlPlane.PROBE_WAIT_MILLIS);
    String next = awaitNewPrimary(sim, old);
    long oldCommit = sim.commitSeq(old).orElseThrow();
    sim.advance(300);

    assertThat(sim.result().failoversStarted()).isEqualTo(1);
    assertThat(sim.commitSeq(old).orElseThrow())
        .as("cut off from its followers, the old primary commits nothing")
        .isEqualTo(oldCommit);
    assertThat(sim.commitSeq(next).orElseThrow()).isGreaterThan(oldCommit);
  }

  /** A scripted run whose first primary is in place and committing. */
  private static ReplicationSimulation started(long seed) {
    ReplicationSimulation sim = ReplicationSimulation.scripted(seed);
    sim.advance(300);
    assertThat(sim.mapPrimary()).as(sim.trace()).isPresent();
    assertThat(sim.result().acknowledged()).isPositive();
    assertThat(sim.result().promotions()).isEqualTo(1);
    assertThat(sim.result().primaryDownDetections()).isZero();
    return sim;
  }

  private static String awaitNewPrimary(ReplicationSimulation sim, String old) {
    advanceUntil(sim, () -> sim.mapPrimary().filter(p -> !p.equals(old)).isPresent(), 300);
    return sim.mapPrimary().orElseThrow();
  }

  /** Steps until the condition holds; returns the milliseconds it took. */
  private static long advanceUntil(ReplicationSimulation sim, BooleanSupplier done, long limit) {
    for (long millis = 0; millis <= limit; millis++) {
      if (done.getAsBoolean()) {
        return millis;
      }
      sim.advance(1);
    }
    throw new AssertionError("not within " + limit + " ms:\n" + sim.trace());
  }
}
