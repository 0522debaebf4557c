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
 * The simulated control plane of the shard: it holds the shard map (primary and epoch), health
 * checks the primary, and fails it over with the policy of the real automatic failover ({@code
 * AutomaticFailover} and {@code PrimaryFailoverRunner} in the control plane), on the simulation's
 * time scale (health checks every 20 ms for the real 750 ms):
 *
 * <ol>
 *   <li><b>Detection.</b> Every {@value #CHECK_EVERY_MILLIS} ms a health check ({@code Heartbeat})
 *       goes to the primary of the map; a check fails when no answer to it arrives before the next
 *       one is due (the check's timeout). After {@value #FAILED_CHECKS} consecutive failed checks
 *       the primary is declared DOWN, once: it is declared DOWN again only after a check succeeded
 *       in between (UP again), as the real health tracker publishes transitions only. A DOWN
 *       declared while a promotion is under way changes nothing.
 *   <li><b>Quiet window.</b> If the shard was failed over automatically less than {@value
 *       #QUIET_WINDOW_MILLIS} ms ago (60 s in production, 80 health check intervals), nothing is
 *       done but an alert ({@link SimCounters#quietWindowAlerts}): the shard waits for a person,
 *       here for its primary to answer again (or to answer, after a restart, that it no longer
 *       serves: see below).
 *   <li><b>Second opinion.</b> Otherwise the other in-DC voters (the monitors) are asked over the
 *       network whether they reach the primary ({@code Probe}; each pings the primary over its own
 *       link and answers reachable if the pong returns within {@link
 *       SimReplica#PROBE_TIMEOUT_MILLIS}). The control plane waits for them up to {@value
 *       #PROBE_WAIT_MILLIS} ms. If any monitor reaches the primary, the monitors disagree and there
 *       is no failover (an alert: it is the control plane's own path to the primary that failed);
 *       if no monitor answered, there is no second opinion and no failover either. Only when at
 *       least one monitor answered and none reached the primary does the failover start; the
 *       shard's quiet window starts with it.
 *   <li><b>Election and fencing.</b> An attempt at epoch = highest epoch ever used + 1 sends {@code
 *       Fence(epoch)} to the in-DC replicas, again until a quorum answered.
 *   <li>Choose the most up-to-date fenced replica ({@link PromotionChoice}) and send it {@code
 *       Promote(epoch)}, again until it answers.
 *   <li>On success, publish the map and keep pushing {@code Follow(primary, epoch)} to every other
 *       replica. An attempt that is refused or takes too long is abandoned and a new one starts at
 *       a higher epoch: once an attempt fenced anyone, only a completed promotion restores service.
 * </ol>
 *
 * <p>Two other paths promote without that policy, as in the real cluster: a primary that answers a
 * health check but no longer serves its epoch (it restarted, and a restarted replicated primary
 * never resumes its epoch; or it was fenced) is replaced at once ({@code needed}: the node answers,
 * so there is nothing to confirm; the real cluster re-promotes after a node restart), and at random
 * a drill (an operator's planned switchover) moves the primary. Neither starts a quiet window,
 * since neither is an automatic failover.
 */
final class SimControlPlane {

  static final String ID = "cp";

  /**
   * Health check interval, and how long a check may take (750 ms and 500 ms in production). Above
   * the usual round trip of the simulated network (2 to 16 ms), so that checks fail when a message
   * is lost or slow, or a node down or cut off, as real ones do, not on every jitter.
   */
  static final long CHECK_EVERY_MILLIS = 20;

  /** Consecutive failed checks that declare the primary DOWN (3 in production). */
  static final int FAILED_CHECKS = 3;

  /**
   * A shard failed over automatically is not failed over again within this window: 60 s in
   * production, 80 health check intervals, scaled to the simulation's interval.
   */
  static final long QUIET_WINDOW_MILLIS = 80 * CHECK_EVERY_MILLIS;

  /** How long the control plane waits for the monitors: twice their probe timeout, as the real. */
  static final long PROBE_WAIT_MILLIS = 2 * SimReplica.PROBE_TIMEOUT_MILLIS;

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

  /** One request for a second opinion: the monitors asked whether they reach {@code node}. */
  private static final class SecondOpinion {
    final long id;
    final String node;
    final long epoch;
    final List<String> monitors;
    final long deadline;
    final Map<String, Boolean> answers = new TreeMap<>();

    SecondOpinion(long id, String node, long epoch, List<String> monitors, long deadline) {
      this.id = id;
      this.node = node;
      this.epoch = epoch;
      this.monitors = monitors;
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
  private SecondOpinion secondOpinion;
  private long secondOpinions;
  private long lastAutomaticFailover = Long.MIN_VALUE;
  private long heartbeatAt;
  private long check;
  private boolean checkPending;
  private boolean checkAnswered;
  private int failedChecks;
  private boolean primaryDown;
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

  /** Whether the health checks currently hold the primary of the map DOWN. */
  boolean primaryDown() {
    return primaryDown;
  }

  /** One millisecond of the control plane's work. */
  void tick() {
    long now = clock.millis();
    if (secondOpinion != null
        && (now >= secondOpinion.deadline
            || secondOpinion.answers.size() == secondOpinion.monitors.size())) {
      decide();
    }
    if (attempt == null) {
      boolean drill = random.nextDouble() < drillProbability;
      if (secondOpinion == null && (promotionNeeded || drill)) {
        start(promotionNeeded ? "needed" : "drill");
      }
    } else if (now >= attempt.deadline) {
      trace.add("control plane abandons the attempt at epoch " + attempt.epoch);
      attempt = null;
    } else if (now >= attempt.resendAt) {
      send();
    }
    if (mapPrimary != null && now >= heartbeatAt) {
      healthCheck();
      heartbeatAt = now + CHECK_EVERY_MILLIS;
    }
    if (mapPrimary != null && now >= pushAt) {
      pushFollows();
    }
  }

  /** Counts the previous check (failed unless answered in time) and sends the next one. */
  private void healthCheck() {
    if (checkPending && !checkAnswered) {
      failedChecks++;
      if (failedChecks >= FAILED_CHECKS && !primaryDown) {
        primaryDown = true;
        onPrimaryDown();
      }
    }
    check++;
    checkPending = true;
    checkAnswered = false;
    network.send(ID, mapPrimary, new SimMessage.Heartbeat(mapEpoch, check));
  }

  private void onHealthAnswer(String from, SimMessage.HeartbeatAnswer answer) {
    if (!from.equals(mapPrimary)
        || answer.epoch() != mapEpoch
        || !checkPending
        || answer.check() != check) {
      return; // another primary's, or too late: that check already failed
    }
    checkAnswered = true;
    failedChecks = 0;
    if (primaryDown) {
      primaryDown = false;
      trace.add(mapPrimary + " is UP again");
    }
    if (!answer.serving()) {
      promotionNeeded = true;
    }
  }

  /** A new primary of the map: its health starts from scratch. */
  private void resetHealth() {
    checkPending = false;
    checkAnswered = false;
    failedChecks = 0;
    primaryDown = false;
    heartbeatAt = clock.millis();
  }

  /** The health checks just declared the primary DOWN: the automatic failover decides. */
  private void onPrimaryDown() {
    long now = clock.millis();
    counters.primaryDownDetections++;
    String declared = mapPrimary + " is DOWN after " + failedChecks + " failed checks";
    if (attempt != null || promotionNeeded || secondOpinion != null) {
      trace.add(declared + ": a promotion is already under way");
      return;
    }
    if (lastAutomaticFailover != Long.MIN_VALUE
        && now - lastAutomaticFailover < QUIET_WINDOW_MILLIS) {
      counters.quietWindowAlerts++;
      trace.add(
          declared
              + ", failed over automatically "
              + (now - lastAutomaticFailover)
              + " ms ago: inside the quiet window, alert, no failover");
      return;
    }
    List<String> monitors = voters.stream().filter(voter -> !voter.equals(mapPrimary)).toList();
    if (monitors.isEmpty()) {
      counters.failoversRefusedNoSecondOpinion++;
      trace.add(declared + ": no monitor to ask, no failover");
      return;
    }
    secondOpinion =
        new SecondOpinion(
            ++secondOpinions, mapPrimary, mapEpoch, monitors, now + PROBE_WAIT_MILLIS);
    trace.add(declared + ": asking " + monitors + " whether they reach it");
    for (String monitor : monitors) {
      network.send(ID, monitor, new SimMessage.Probe(secondOpinion.id, mapPrimary));
    }
  }

  /** Every monitor answered, or the wait is over: fail over, or refuse and count why. */
  private void decide() {
    SecondOpinion opinion = secondOpinion;
    secondOpinion = null;
    if (!opinion.node.equals(mapPrimary) || opinion.epoch != mapEpoch) {
      trace.add("the second opinion on " + opinion.node + " is outdated by a new map: dropped");
      return;
    }
    List<String> reaching =
        opinion.answers.entrySet().stream()
            .filter(Map.Entry::getValue)
            .map(Map.Entry::getKey)
            .toList();
    if (!reaching.isEmpty()) {
      counters.failoversRefusedMonitorReached++;
      trace.add(
          reaching
              + " still reach "
              + opinion.node
              + ": the monitors disagree, alert, no failover");
    } else if (opinion.answers.isEmpty()) {
      counters.failoversRefusedNoSecondOpinion++;
      trace.add("no monitor of " + opinion.monitors + " answered: no second opinion, no failover");
    } else {
      counters.failoversStarted++;
      lastAutomaticFailover = clock.millis();
      start(
          "automatic failover, "
              + opinion.node
              + " unreachable from the control plane and from "
              + opinion.answers.keySet());
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
      onHealthAnswer(from, answer);
      return;
    }
    if (message instanceof SimMessage.Probed probed) {
      if (secondOpinion != null
          && probed.probe() == secondOpinion.id
          && secondOpinion.monitors.contains(from)) {
        secondOpinion.answers.putIfAbsent(from, probed.reachable());
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
      resetHealth();
      counters.promotions++;
      trace.add("shard map: " + mapPrimary + " is primary at epoch " + mapEpoch);
      pushFollows();
    }
    attempt = null;
  }
}
