package io.switchboard.runtime.testkit.replication;

import io.switchboard.runtime.replication.ReplicationLimits;
import io.switchboard.runtime.testkit.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded, single-threaded, deterministic simulation of one shard's replication, driving the real
 * {@code io.switchboard.runtime.replication} classes: three in-DC replicas (r1, r2, r3), one async
 * replica in another DC (a1), a control plane and a client, on a {@link FakeClock}, a {@link
 * FakeNetwork} and one {@link FakeShardLog} per replica. How hostile the run is comes from a {@link
 * ChaosProfile} drawn from the seed.
 *
 * <p>Each step is one simulated millisecond:
 *
 * <ol>
 *   <li>the clock advances and every message due is delivered (delays, slow messages, drops,
 *       duplicates and reordering come from the network);
 *   <li>chaos: crashed replicas whose time has come restart; at random a replica crashes (also,
 *       sometimes, a few milliseconds after it was fenced or promoted), a partition starts (one
 *       node isolated, or the DC split with the control plane and the async replica on either side)
 *       or the current one heals;
 *   <li>each running replica's disk syncs at random, and its log is compacted at random (its
 *       durably committed prefix becomes a shard image);
 *   <li>at random the client proposes at the primary of the shard map (sometimes at any replica,
 *       which only a primary accepts); proposals are acknowledged when committed there;
 *   <li>followers send their fetches (a follower told that it needs a shard image asks its primary
 *       for one and installs what arrives); the control plane watches the primary and promotes
 *       ({@link SimControlPlane});
 *   <li>{@link ReplicationInvariants} checks every invariant.
 * </ol>
 *
 * Everything random derives from the seed: a failing seed replays the same run.
 */
public final class ReplicationSimulation {

  private static final List<String> VOTERS = List.of("r1", "r2", "r3");
  private static final String ASYNC = "a1";
  private static final List<String> NODES = List.of("r1", "r2", "r3", ASYNC, SimControlPlane.ID);

  private static final double PROPOSE_AT_MAP_PRIMARY = 0.9;
  private static final int APPEND_TIME_SAMPLES = 64;
  private static final int MAX_DOWN_MILLIS = 300;
  private static final int MAX_PARTITION_MILLIS = 400;
  private static final int MAX_CRASH_AFTER_COMMAND_MILLIS = 10;
  private static final int MAX_RESTART_AFTER_COMMAND_CRASH_MILLIS = 40;
  private static final FakeNetwork.Conditions NETWORK =
      new FakeNetwork.Conditions(1, 8, 0.02, 150, 0.03, 0.02);

  private final SimulationOptions options;
  private final SplittableRandom random;
  private final ChaosProfile chaos;
  private final FakeClock clock = FakeClock.at(Instant.parse("2026-11-26T00:00:00Z"));
  private final EventTrace trace = new EventTrace();
  private final SimCounters counters = new SimCounters();
  private final ReplicationInvariants invariants;
  private final FakeNetwork<SimMessage> network;
  private final Map<String, SimReplica> replicas = new HashMap<>();
  private final List<SimReplica> replicaOrder = new ArrayList<>();

  /** Crashes scheduled shortly after a control command, and their downtime, by replica. */
  private final Map<String, long[]> crashAt = new HashMap<>();

  private final SimControlPlane controlPlane;
  private long healAt = -1;

  private ReplicationSimulation(SimulationOptions options) {
    this.options = options;
    this.random = new SplittableRandom(options.seed());
    this.chaos = ChaosProfile.draw(random);
    this.invariants = new ReplicationInvariants(options.seed(), trace);
    this.network = new FakeNetwork<>(clock, random.split(), NETWORK);
    for (String id : List.of("r1", "r2", "r3", ASYNC)) {
      SimReplica replica =
          new SimReplica(
              id,
              new ReplicationLimits(
                  chaos.maxFetchBytes(), APPEND_TIME_SAMPLES, chaos.imageCatchUpEntries()),
              options.fault(),
              this::maybeCrashSoon,
              network,
              clock,
              trace,
              counters,
              invariants);
      replicas.put(id, replica);
      replicaOrder.add(replica);
    }
    this.controlPlane =
        new SimControlPlane(
            VOTERS,
            ASYNC,
            network,
            clock,
            random.split(),
            options.fault(),
            chaos.drillProbability(),
            trace,
            counters);
    trace.add("chaos " + chaos);
  }

  /**
   * Runs the simulation.
   *
   * @throws InvariantViolation at the first step where an invariant fails or the core throws
   */
  public static SimulationResult run(SimulationOptions options) {
    return new ReplicationSimulation(options).execute();
  }

  private SimulationResult execute() {
    for (long step = 1; step <= options.steps(); step++) {
      trace.step(step);
      try {
        step();
        check();
      } catch (InvariantViolation violation) {
        throw violation;
      } catch (RuntimeException error) {
        throw new InvariantViolation(options.seed(), step, error, trace.toString());
      }
    }
    return counters.result(options.seed(), controlPlane.highestEpoch());
  }

  private void step() {
    clock.advance(Duration.ofMillis(1));
    for (FakeNetwork.Delivery<SimMessage> delivery : network.deliverDue()) {
      if (delivery.to().equals(SimControlPlane.ID)) {
        controlPlane.receive(delivery.from(), delivery.message());
      } else {
        replicas.get(delivery.to()).receive(delivery.from(), delivery.message());
      }
    }
    chaos();
    for (SimReplica replica : replicaOrder) {
      if (random.nextDouble() < chaos.syncProbability()) {
        replica.sync();
      }
      if (chaos.compactProbability() > 0 && random.nextDouble() < chaos.compactProbability()) {
        replica.compact();
      }
    }
    if (random.nextDouble() < chaos.proposeProbability()) {
      propose();
    }
    for (SimReplica replica : replicaOrder) {
      replica.fetchIfDue();
    }
    controlPlane.tick();
  }

  private void chaos() {
    long now = clock.millis();
    for (SimReplica replica : replicaOrder) {
      replica.restartIfDue();
      long[] due = crashAt.get(replica.id());
      if (due != null && now >= due[0]) {
        crashAt.remove(replica.id());
        crash(replica, now, due[1]);
      }
    }
    if (random.nextDouble() < chaos.crashProbability()) {
      crash(
          replicaOrder.get(random.nextInt(replicaOrder.size())),
          now,
          1 + random.nextInt(MAX_DOWN_MILLIS));
    }
    if (healAt >= 0 && now >= healAt) {
      network.heal();
      healAt = -1;
      trace.add("partition heals");
    } else if (healAt < 0 && random.nextDouble() < chaos.partitionProbability()) {
      partition(now);
    }
  }

  /**
   * After a fence or a promotion, sometimes crash the replica a few milliseconds later, and restart
   * it soon: while the control plane may still be sending the promotion, and while what the command
   * was followed by is not yet synced.
   */
  private void maybeCrashSoon(String replicaId) {
    if (!crashAt.containsKey(replicaId)
        && random.nextDouble() < chaos.crashAfterCommandProbability()) {
      crashAt.put(
          replicaId,
          new long[] {
            clock.millis() + random.nextInt(MAX_CRASH_AFTER_COMMAND_MILLIS + 1),
            1 + random.nextInt(MAX_RESTART_AFTER_COMMAND_CRASH_MILLIS)
          });
    }
  }

  private void crash(SimReplica replica, long now, long downMillis) {
    if (replica.replica().isPresent()) {
      replica.crash(now + downMillis);
    }
  }

  private void partition(long now) {
    Map<String, Integer> sides = new HashMap<>();
    if (random.nextBoolean()) {
      String isolated = NODES.get(random.nextInt(NODES.size()));
      sides.put(isolated, 1);
    } else {
      String alone = VOTERS.get(random.nextInt(VOTERS.size()));
      sides.put(alone, 1);
      sides.put(ASYNC, random.nextInt(2));
      sides.put(SimControlPlane.ID, random.nextInt(2));
    }
    network.partition(sides);
    healAt = now + 1 + random.nextInt(MAX_PARTITION_MILLIS);
    counters.partitions++;
    trace.add("partition " + sides + " for " + (healAt - now) + " ms");
  }

  private void propose() {
    String target =
        controlPlane.mapPrimary().isPresent() && random.nextDouble() < PROPOSE_AT_MAP_PRIMARY
            ? controlPlane.mapPrimary().get()
            : replicaOrder.get(random.nextInt(replicaOrder.size())).id();
    byte[] payload =
        ("seed " + options.seed() + " proposal " + counters.proposed)
            .getBytes(StandardCharsets.UTF_8);
    replicas.get(target).propose(payload);
  }

  private void check() {
    for (SimReplica replica : replicaOrder) {
      replica
          .replica()
          .ifPresent(running -> invariants.checkReplica(replica.id(), running, replica.log()));
    }
    controlPlane
        .mapPrimary()
        .map(replicas::get)
        .ifPresent(
            primary ->
                primary
                    .replica()
                    .flatMap(running -> running.primary())
                    .filter(serving -> serving.epoch() == controlPlane.mapEpoch())
                    .ifPresent(
                        serving ->
                            invariants.checkCurrentPrimary(primary.id(), serving, primary.log())));
  }
}
