package io.switchboard.runtime.testkit.replication;

import io.switchboard.runtime.replication.FenceReport;
import io.switchboard.runtime.replication.PromotionChoice;
import io.switchboard.runtime.replication.ReplicaGroup;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The simulated control plane of the shard: it holds the shard map (primary and epoch), watches the
 * primary with heartbeats, and promotes as the real one will (ADR 0008):
 *
 * <ol>
 *   <li>When the primary stops answering heartbeats for a while, answers that it no longer serves,
 *       or at random (a drill), start an attempt at epoch = highest epoch ever used + 1.
 *   <li>Send {@code Fence(epoch)} to the in-DC replicas, again until a quorum answered.
 *   <li>Choose the most up-to-date fenced replica ({@link PromotionChoice}) and send it {@code
 *       Promote(epoch)}, again until it answers.
 *   <li>On success, publish the map and keep pushing {@code Follow(primary, epoch)} to every other
 *       replica. An attempt that is refused or takes too long is abandoned and a new one starts at
 *       a higher epoch: once an attempt fenced anyone, only a completed promotion restores service.
 * </ol>
 */
final class SimControlPlane {

  static final String ID = "cp";

  private static final long HEARTBEAT_EVERY_MILLIS = 10;
  private static final long FAILURE_AFTER_MILLIS = 60;
  private static final long PUSH_EVERY_MILLIS = 20;
  private static final long RESEND_EVERY_MILLIS = 15;
  private static final long ATTEMPT_TIMEOUT_MILLIS = 100;

  /** One promotion attempt. */
  private static final class Attempt {
    final long epoch;
    final long deadline;
    final Map<String, FenceReport> reports = new TreeMap<>();
    long resendAt;
    String chosen;

    Attempt(long epoch, long deadline) {
      this.epoch = epoch;
      this.deadline = deadline;
    }
  }

  private final List<String> voters;
  private final String asyncReplica;
  private final ReplicaGroup group;
  private final FakeNetwork<SimMessage> network;
  private final Clock clock;
  private final SplittableRandom random;
  private final SimulationFault fault;
  private final double drillProbability;
  private final EventTrace trace;
  private final SimCounters counters;
  private String mapPrimary;
  private long mapEpoch;
  private long highestEpoch;
  private boolean promotionNeeded = true;
  private Attempt attempt;
  private long lastHeartbeatAnswer;
  private long heartbeatAt;
  private long pushAt;

  SimControlPlane(
      List<String> voters,
      String asyncReplica,
      FakeNetwork<SimMessage> network,
      Clock clock,
      SplittableRandom random,
      SimulationFault fault,
      double drillProbability,
      EventTrace trace,
      SimCounters counters) {
    this.voters = List.copyOf(voters);
    this.asyncReplica = asyncReplica;
    this.group = new ReplicaGroup(Set.copyOf(voters), Set.of(asyncReplica));
    this.network = network;
    this.clock = clock;
    this.random = random;
    this.fault = fault;
    this.drillProbability = drillProbability;
    this.trace = trace;
    this.counters = counters;
  }

  /** The primary of the shard map, if one was ever promoted. */
  Optional<String> mapPrimary() {
    return Optional.ofNullable(mapPrimary);
  }

  /** The epoch of the shard map. */
  long mapEpoch() {
    return mapEpoch;
  }

  /** The highest epoch ever used. */
  long highestEpoch() {
    return highestEpoch;
  }

  /** One millisecond of the control plane's work. */
  void tick() {
    long now = clock.millis();
    if (attempt == null) {
      boolean silent = mapPrimary != null && now - lastHeartbeatAnswer > FAILURE_AFTER_MILLIS;
      boolean drill = random.nextDouble() < drillProbability;
      if (promotionNeeded || silent || drill) {
        start(promotionNeeded ? "needed" : silent ? "primary silent" : "drill");
      }
    } else if (now >= attempt.deadline) {
      trace.add("control plane abandons the attempt at epoch " + attempt.epoch);
      attempt = null;
    } else if (now >= attempt.resendAt) {
      send();
    }
    if (mapPrimary != null && now >= heartbeatAt) {
      network.send(ID, mapPrimary, new SimMessage.Heartbeat(mapEpoch));
      heartbeatAt = now + HEARTBEAT_EVERY_MILLIS;
    }
    if (mapPrimary != null && now >= pushAt) {
      pushFollows();
    }
  }

  private void start(String reason) {
    promotionNeeded = true;
    long epoch = fault == SimulationFault.REUSE_EPOCH && mapEpoch > 0 ? mapEpoch : ++highestEpoch;
    attempt = new Attempt(epoch, clock.millis() + ATTEMPT_TIMEOUT_MILLIS);
    if (fault == SimulationFault.SKIP_FENCE) {
      attempt.chosen = voters.get(random.nextInt(voters.size()));
    }
    trace.add("control plane starts a promotion at epoch " + attempt.epoch + " (" + reason + ")");
    send();
  }

  private void send() {
    if (attempt.chosen != null) {
      ReplicaGroup counted =
          fault == SimulationFault.SINGLE_VOTER_QUORUM
              ? new ReplicaGroup(Set.of(attempt.chosen), Set.of(asyncReplica))
              : group;
      network.send(ID, attempt.chosen, new SimMessage.Promote(attempt.epoch, counted));
    } else {
      for (String voter : voters) {
        if (!attempt.reports.containsKey(voter)) {
          network.send(ID, voter, new SimMessage.Fence(attempt.epoch));
        }
      }
    }
    attempt.resendAt = clock.millis() + RESEND_EVERY_MILLIS;
  }

  private void pushFollows() {
    for (String replica : voters) {
      if (!replica.equals(mapPrimary)) {
        network.send(ID, replica, new SimMessage.Follow(mapPrimary, mapEpoch));
      }
    }
    network.send(ID, asyncReplica, new SimMessage.Follow(mapPrimary, mapEpoch));
    pushAt = clock.millis() + PUSH_EVERY_MILLIS;
  }

  /** Handles an answer from a replica. */
  void receive(String from, SimMessage message) {
    if (message instanceof SimMessage.HeartbeatAnswer answer) {
      if (from.equals(mapPrimary) && answer.epoch() == mapEpoch) {
        if (answer.serving()) {
          lastHeartbeatAnswer = clock.millis();
        } else {
          promotionNeeded = true;
        }
      }
      return;
    }
    if (attempt == null) {
      return;
    }
    if (message instanceof SimMessage.Fenced fenced) {
      onFenced(from, fenced.report());
    } else if (message instanceof SimMessage.FenceRefused refused
        && refused.epoch() == attempt.epoch) {
      highestEpoch = Math.max(highestEpoch, refused.seen());
      trace.add(from + " refuses the fence at epoch " + attempt.epoch);
      attempt = null;
    } else if (message instanceof SimMessage.PromoteAnswer answer
        && answer.epoch() == attempt.epoch
        && from.equals(attempt.chosen)) {
      onPromoteAnswer(answer);
    }
  }

  private void onFenced(String from, FenceReport report) {
    if (attempt.chosen != null || report.epoch() != attempt.epoch) {
      return;
    }
    attempt.reports.put(from, report);
    Optional<FenceReport> choice =
        PromotionChoice.mostUpToDate(group, attempt.epoch, attempt.reports.values());
    if (choice.isPresent()) {
      attempt.chosen = choice.get().replicaId();
      trace.add("control plane chooses " + attempt.chosen + " from " + attempt.reports.values());
      send();
    }
  }

  private void onPromoteAnswer(SimMessage.PromoteAnswer answer) {
    if (answer.refused()) {
      trace.add(attempt.chosen + " refuses the promotion at epoch " + attempt.epoch);
    } else {
      mapPrimary = attempt.chosen;
      mapEpoch = attempt.epoch;
      promotionNeeded = false;
      lastHeartbeatAnswer = clock.millis();
      counters.promotions++;
      trace.add("shard map: " + mapPrimary + " is primary at epoch " + mapEpoch);
      pushFollows();
    }
    attempt = null;
  }
}
