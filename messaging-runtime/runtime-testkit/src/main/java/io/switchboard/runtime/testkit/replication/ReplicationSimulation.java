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
import java.util.Optional;
import java.util.OptionalLong;
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
 *       node isolated; the DC split with the control plane and the async replica on either side; or
 *       one link cut, half the time the control plane's link to the primary while the followers
 *       still reach it) or the current one heals;
 *   <li>each running replica's disk syncs at random, and its log is compacted at random (its
 *       durably committed prefix becomes a shard image);
 *   <li>at random the client proposes at the primary of the shard map (sometimes at any replica,
 *       which only a primary accepts); proposals are acknowledged when committed there;
 *   <li>followers send their fetches (a follower told that it needs a shard image asks its primary
 *       for one and installs what arrives) and answer the probes whose time is up; the control
 *       plane health checks the primary and fails it over with the automatic failover policy
 *       (detection, quiet window, second opinion from the followers, fencing: {@link
 *       SimControlPlane});
 *   <li>{@link ReplicationInvariants} checks every invariant.
 * </ol>
 *
 * Everything random derives from the seed: a failing seed replays the same run. A {@linkplain
 * #scripted scripted} run has no random chaos and a network that neither drops nor delays much: a
 * test crashes nodes and cuts links itself and steps the run ({@link #advance}).
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
  private static final FakeNetwork.Conditions SCRIPTED_NETWORK =
      new FakeNetwork.Conditions(1, 4, 0, 4, 0, 0);

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
  private long step;

  private ReplicationSimulation(SimulationOptions options, boolean scripted) {
    this.options = options;
    this.random = new SplittableRandom(options.seed());
    this.chaos = scripted ? ChaosProfile.calm() : ChaosProfile.draw(random);
    this.invariants = new ReplicationInvariants(options.seed(), trace);
    this.network = new FakeNetwork<>(clock, random.split(), scripted ? SCRIPTED_NETWORK : NETWORK);
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
    ReplicationSimulation simulation = new ReplicationSimulation(options, false);
    simulation.advance(options.steps());
    return simulation.result();
  }

  /**
   * A run without random chaos (no crashes, partitions, drills or compactions of its own; a network
   * without losses, 1 to 4 ms per message) that a test drives: {@link #advance}, {@link #crash},
   * {@link #cut}, {@link #heal}. Every invariant is still checked after every step.
   */
  static ReplicationSimulation scripted(long seed) {
    return new ReplicationSimulation(new SimulationOptions(seed, 1, SimulationFault.NONE), true);
  }

  /**
   * Runs {@code millis} more steps.
   *
   * @throws InvariantViolation at the first step where an invariant fails or the core throws
   */
  void advance(long millis) {
    for (long i = 0; i < millis; i++) {
      step++;
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
  }

  /** What the run did so far. */
  SimulationResult result() {
    return counters.result(options.seed(), controlPlane.highestEpoch());
  }

  /** Crashes a replica now, to restart after {@code downMillis}; nothing if it is down. */
  void crash(String replicaId, long downMillis) {
    crash(replicas.get(replicaId), clock.millis(), downMillis);
  }

  /** Cuts the link between two nodes (replica ids, or {@code "cp"}) until {@link #heal()}. */
  void cut(String a, String b) {
    network.cut(a, b);
    trace.add("link " + a + " - " + b + " cut");
  }

  /** Heals every partition and cut link. */
  void heal() {
    network.heal();
    healAt = -1;
    trace.add("partition heals");
  }

  /** The simulated time, in milliseconds of the fake clock. */
  long millis() {
    return clock.millis();
  }

  /** The primary of the control plane's shard map. */
  Optional<String> mapPrimary() {
    return controlPlane.mapPrimary();
  }

  /** The epoch of the control plane's shard map. */
  long mapEpoch() {
    return controlPlane.mapEpoch();
  }

  /** Whether the control plane's health checks hold the primary of its map DOWN. */
  boolean primaryDown() {
    return controlPlane.primaryDown();
  }

  /** The commit seq of a running replica, empty while it is down. */
  OptionalLong commitSeq(String replicaId) {
    return replicas
        .get(replicaId)
        .replica()
        .map(running -> OptionalLong.of(running.commitSeq()))
        .orElse(OptionalLong.empty());
  }

  /** Whether a replica is running and serves as primary. */
  boolean servesAsPrimary(String replicaId) {
    return replicas.get(replicaId).replica().flatMap(running -> running.primary()).isPresent();
  }

  /** The latest notable events, for a test's failure message. */
  String trace() {
    return trace.toString();
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
      replica.expireProbes();
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
    int shape = random.nextInt(3);
    if (shape == 2) {
      // One link fails while both ends still reach everyone else. Half the time it is the control
      // plane's link to the primary: its health checks fail, the followers still reach the primary.
      String a;
      String b;
      if (random.nextBoolean() && controlPlane.mapPrimary().isPresent()) {
        a = SimControlPlane.ID;
        b = controlPlane.mapPrimary().get();
      } else {
        a = NODES.get(random.nextInt(NODES.size()));
        do {
          b = NODES.get(random.nextInt(NODES.size()));
        } while (b.equals(a));
      }
      network.partition(Map.of());
      network.cut(a, b);
      healAt = now + 1 + random.nextInt(MAX_PARTITION_MILLIS);
      counters.partitions++;
      trace.add("link " + a + " - " + b + " cut for " + (healAt - now) + " ms");
      return;
    }
    if (shape == 0) {
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
