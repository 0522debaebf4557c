package io.switchboard.runtime.testkit.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of one shard's replication ({@link ReplicationSimulation}): every invariant
 * must hold after every step of every seed, the runs must make progress and exercise snapshot
 * catch-up (shard images) and the automatic failover policy (failovers, refusals because a monitor
 * still reaches the primary, quiet-window alerts), a seed must replay the same run, and
 * deliberately broken variants must be caught. {@link AutomaticFailoverSimulationTest} scripts the
 * policy's cases one by one.
 *
 * <p>{@code -Dsim.seed=N} runs that seed only; {@code -Dsim.seeds=N} runs seeds 0 to N - 1 (default
 * {@value #DEFAULT_SEEDS} seeds of 4000 simulated milliseconds each, about 15 s).
 */
class ReplicationSimulationTest {

  private static final int DEFAULT_SEEDS = 5000;
  private static final int STEPS = 4000;
  private static final int BROKEN_VARIANT_SEEDS = 200;

  @Test
  void everyInvariantHoldsAfterEveryStepOfEverySeed() {
    List<SimulationResult> results = new ArrayList<>();
    for (long seed : seeds()) {
      try {
        results.add(ReplicationSimulation.run(SimulationOptions.of(seed, STEPS)));
      } catch (InvariantViolation violation) {
        fail(
            violation.getMessage()
                + "\nreproduce: ./mvnw -o -pl messaging-runtime/runtime-testkit test"
                + " -Dtest=ReplicationSimulationTest -Dsim.seed="
                + seed,
            violation);
      }
    }

    long acknowledged = sum(results, SimulationResult::acknowledged);
    System.out.printf(
        "replication simulation: %d seeds x %d steps: %d proposed, %d acknowledged,"
            + " %d promotions, %d crashes, %d partitions, %d truncations; images: %d needed"
            + " behind, %d needed below the primary's image, %d installed, %d refused,"
            + " %d compactions%n",
        results.size(),
        STEPS,
        sum(results, SimulationResult::proposed),
        acknowledged,
        sum(results, SimulationResult::promotions),
        sum(results, SimulationResult::crashes),
        sum(results, SimulationResult::partitions),
        sum(results, SimulationResult::truncations),
        sum(results, SimulationResult::imagesNeededBehind),
        sum(results, SimulationResult::imagesNeededBelowImage),
        sum(results, SimulationResult::imagesInstalled),
        sum(results, SimulationResult::imagesRefused),
        sum(results, SimulationResult::compactions));
    System.out.printf(
        "automatic failover: primary declared down %d times (in %d seeds); %d failovers started"
            + " (in %d seeds), %d refused because a monitor still reached the primary (in %d"
            + " seeds), %d refused for no second opinion (in %d seeds), %d quiet-window alerts"
            + " (in %d seeds)%n",
        sum(results, SimulationResult::primaryDownDetections),
        seedsWith(results, SimulationResult::primaryDownDetections),
        sum(results, SimulationResult::failoversStarted),
        seedsWith(results, SimulationResult::failoversStarted),
        sum(results, SimulationResult::failoversRefusedMonitorReached),
        seedsWith(results, SimulationResult::failoversRefusedMonitorReached),
        sum(results, SimulationResult::failoversRefusedNoSecondOpinion),
        seedsWith(results, SimulationResult::failoversRefusedNoSecondOpinion),
        sum(results, SimulationResult::quietWindowAlerts),
        seedsWith(results, SimulationResult::quietWindowAlerts));
    long seedsWithProgress = results.stream().filter(result -> result.acknowledged() > 0).count();
    assertThat(seedsWithProgress)
        .as("seeds that acknowledged entries")
        .isGreaterThanOrEqualTo((long) Math.ceil(results.size() * 0.9));
    assertThat(acknowledged).as("acknowledged entries").isGreaterThan(results.size() * 200L);
    if (results.size() >= 100) {
      assertThat(sum(results, SimulationResult::promotions)).isGreaterThan(results.size() * 2L);
      assertThat(sum(results, SimulationResult::crashes)).isGreaterThan(results.size() * 2L);
      assertThat(sum(results, SimulationResult::partitions)).isGreaterThan(results.size());
      assertThat(sum(results, SimulationResult::truncations)).isGreaterThan(results.size());
      assertThat(seedsWith(results, SimulationResult::imagesInstalled))
          .as("seeds in which followers installed shard images")
          .isGreaterThanOrEqualTo(results.size() / 2);
      assertThat(seedsWith(results, SimulationResult::imagesNeededBehind))
          .as("seeds in which a replica too far behind was sent to get an image")
          .isGreaterThanOrEqualTo(results.size() / 4);
      assertThat(seedsWith(results, SimulationResult::imagesNeededBelowImage))
          .as("seeds in which a replica asked below its primary's image")
          .isGreaterThanOrEqualTo(results.size() / 4);
      assertThat(sum(results, SimulationResult::imagesInstalled))
          .isGreaterThan(results.size() * 3L);
      assertThat(seedsWith(results, SimulationResult::failoversStarted))
          .as("seeds with automatic failovers")
          .isGreaterThanOrEqualTo(results.size() * 3L / 4);
      assertThat(seedsWith(results, SimulationResult::failoversRefusedMonitorReached))
          .as("seeds with failovers refused because a monitor still reached the primary")
          .isGreaterThanOrEqualTo(results.size() / 4);
      assertThat(seedsWith(results, SimulationResult::quietWindowAlerts))
          .as("seeds with quiet-window alerts")
          .isGreaterThanOrEqualTo(results.size() / 2);
      assertThat(seedsWith(results, SimulationResult::failoversRefusedNoSecondOpinion))
          .as("seeds with failovers refused for want of a second opinion")
          .isGreaterThanOrEqualTo(results.size() / 8);
    }
  }

  @Test
  void aSeedReplaysTheSameRun() {
    assertThat(ReplicationSimulation.run(SimulationOptions.of(42, STEPS)))
        .isEqualTo(ReplicationSimulation.run(SimulationOptions.of(42, STEPS)));
  }

  @Test
  void aPrimaryCountingOnlyItselfIsCaught() {
    assertCaught(SimulationFault.SINGLE_VOTER_QUORUM);
  }

  @Test
  void promotingWithoutFencingIsCaught() {
    assertCaught(SimulationFault.SKIP_FENCE);
  }

  @Test
  void promotingTwiceAtOneEpochIsCaught() {
    assertCaught(SimulationFault.REUSE_EPOCH);
  }

  @Test
  void anImageOfUncommittedEntriesIsCaught() {
    assertCaught(SimulationFault.IMAGE_OF_UNCOMMITTED_ENTRIES);
  }

  private static void assertCaught(SimulationFault fault) {
    Optional<InvariantViolation> caught = Optional.empty();
    for (long seed = 0; seed < BROKEN_VARIANT_SEEDS && caught.isEmpty(); seed++) {
      try {
        ReplicationSimulation.run(new SimulationOptions(seed, STEPS, fault));
      } catch (InvariantViolation violation) {
        caught = Optional.of(violation);
      }
    }
    assertThat(caught).as("%s caught within %d seeds", fault, BROKEN_VARIANT_SEEDS).isPresent();
    assertThat(caught.get())
        .as("caught by a named invariant, not by the core's own guards")
        .hasMessageContaining("invariant violated: (");
  }

  private static long seedsWith(
      List<SimulationResult> results, ToLongFunction<SimulationResult> field) {
    return results.stream().filter(result -> field.applyAsLong(result) > 0).count();
  }

  private static long sum(List<SimulationResult> results, ToLongFunction<SimulationResult> field) {
    return results.stream().mapToLong(field).sum();
  }

  private static List<Long> seeds() {
    String one = System.getProperty("sim.seed");
    if (one != null) {
      return List.of(Long.parseLong(one));
    }
    int count = Integer.getInteger("sim.seeds", DEFAULT_SEEDS);
    List<Long> seeds = new ArrayList<>();
    for (long seed = 0; seed < count; seed++) {
      seeds.add(seed);
    }
    return seeds;
  }
}
