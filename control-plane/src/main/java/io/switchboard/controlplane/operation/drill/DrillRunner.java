package io.switchboard.controlplane.operation.drill;

import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.drill.DrillReportView.Moment;
import io.switchboard.api.drill.DrillReportView.Objective;
import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationService;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.operation.StepResult;
import io.switchboard.controlplane.operation.StepRunner;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.topology.NodeLifecycle;
import io.switchboard.controlplane.topology.TopologyService;
import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.GatewayClientConfig;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.replication.ShardReplica;
import io.switchboard.runtime.replication.StaleEpochException;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.Shards;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The steps of a failover drill of a node ({@link DrillPlanner}); drills of a data centre are
 * {@link DcDrill}'s. The drill measures; the failover itself is automatic failover's ({@code
 * PRIMARY_FAILOVER}), found by its node and time.
 *
 * <ol>
 *   <li>{@code start-traffic}: registers synthetic users through the node's DC until {@code
 *       writers} of them live on shards the node leads, and starts one writer per user (for a
 *       partition, writing through the DC's other gateways: the cut-off node's gateway could not
 *       reach the new primary).
 *   <li>{@code inject-fault}: kills the node abruptly, or cuts it off its cluster network for
 *       {@code partition-for} ({@link DrillFault}).
 *   <li>{@code await-failover}: waits until none of those shards is led by the node and every
 *       writer had a write acknowledged after the promotion; reads the timeline from the failover
 *       operation (detected, confirmed, and the promote step's marks: fenced, elected, promoted,
 *       notified) and the first write.
 *   <li>{@code write-old-primary} (a partition only): while the node is still cut off, writes as a
 *       synthetic user through the node's own gateway, which still takes its clients and still
 *       believes it leads: the write must not be acknowledged (the old primary cannot reach a
 *       majority of its epoch's voters, fenced at the next one).
 *   <li>{@code verify}: stops the writers and reads every user's mailbox back: acknowledged writes
 *       that are missing are lost; the longest wait between two acknowledgements is the write
 *       unavailability the clients saw.
 *   <li>{@code restore}: starts the node again (or waits for the partition to heal) and waits until
 *       its replica of a drilled shard follows at an epoch above the one it led; proves fencing: a
 *       request of the old epoch sent to it is refused (stale epoch), and after a partition the
 *       write through the old primary is not in the mailbox.
 *   <li>{@code report}: compares with the objectives and stores the report.
 * </ol>
 *
 * <p>Not resumable: the traffic lives in memory, so after a restart of the control plane the next
 * step fails and says so; the node is restored by {@code restore} only if the drill got there.
 */
@Component
class DrillRunner implements StepRunner {

  private static final long POLL_MILLIS = 100;
  private static final String NOT_ANSWERED = "not answered";

  /** How long the write through a cut-off old primary may take before it counts as refused. */
  private static final Duration OLD_PRIMARY_WRITE_TIMEOUT = Duration.ofSeconds(3);

  private final ReplicaControl replicas;
  private final TopologyService topology;
  private final List<NodeLifecycle> launchers;

  /** Lazily: the operation service runs this runner through its executor. */
  private final ObjectProvider<OperationService> operations;

  private final DrillReports reports;
  private final DrillProperties properties;
  private final DcDrill dcDrill;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** A running drill: its writers and what the steps measured so far. */
  private static final class Session {
    final DrillFault fault;
    final List<SyntheticWriter> writers;
    final Map<Integer, Long> epochsBefore;
    final List<Moment> timeline = new ArrayList<>();
    Instant faultAt;
    Instant healsAt;
    String oldPrimaryWrite;
    long unavailableMillis;
    long acknowledged;
    long lost;
    String fencing = "not checked";

    Session(DrillFault fault, List<SyntheticWriter> writers, Map<Integer, Long> epochsBefore) {
      this.fault = fault;
      this.writers = writers;
      this.epochsBefore = epochsBefore;
    }

    List<Integer> shards() {
      return writers.stream().map(SyntheticWriter::shard).distinct().sorted().toList();
    }
  }

  DrillRunner(
      ReplicaControl replicas,
      TopologyService topology,
      List<NodeLifecycle> launchers,
      ObjectProvider<OperationService> operations,
      DrillReports reports,
      DrillProperties properties,
      DcDrill dcDrill) {
    this.dcDrill = dcDrill;
    this.replicas = replicas;
    this.topology = topology;
    this.launchers = launchers;
    this.operations = operations;
    this.reports = reports;
    this.properties = properties;
  }

  @Override
  public OperationType type() {
    return OperationType.DRILL;
  }

  @Override
  public StepResult run(Operation operation, int index) {
    String node = operation.parameters().get("node");
    String step = operation.steps().get(index).name();
    if (operation.parameters().containsKey("dc")) {
      return dcDrill.run(operation, step);
    }
    if (step.equals("start-traffic")) {
      return startTraffic(
          operation.id(), node, DrillFault.of(operation.parameters().get(DrillFault.PARAMETER)));
    }
    Session session = sessions.get(operation.id());
    if (session == null) {
      return new StepResult.Failed(
          "the drill's traffic is gone (the control plane restarted during the drill);"
              + " start "
              + node
              + " with `POST /api/v1/nodes/"
              + node
              + "/start` if it is down");
    }
    StepResult result;
    try {
      result =
          switch (step) {
            case "inject-fault" ->
                session.fault == DrillFault.KILL
                    ? injectFault(session, node)
                    : cutOff(session, node);
            case "await-failover" -> awaitFailover(session, node);
            case DrillPlanner.WRITE_OLD_PRIMARY -> writeOldPrimary(session, node, operation.id());
            case "verify" -> verify(session);
            case "restore" -> restore(session, node);
            case "report" -> report(session, operation, node);
            default -> new StepResult.Failed("unknown drill step " + step);
          };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = new StepResult.Failed("interrupted");
    } catch (Exception e) {
      result = new StepResult.Failed(step + " failed: " + e);
    }
    if (step.equals("report") || !(result instanceof StepResult.Done)) {
      close(operation.id());
      if (!(result instanceof StepResult.Done)
          && session.faultAt != null
          && session.fault == DrillFault.KILL) {
        restoreQuietly(node);
      }
    }
    return result;
  }

  /** A drill that failed after its fault starts the node again, so it leaves no node down. */
  private void restoreQuietly(String node) {
    launchers.stream().filter(l -> l.manages(node)).findFirst().ifPresent(l -> l.start(node));
  }

  /**
   * Only before the traffic starts: from then on the drill runs to its end, which stops the writers
   * and restores the node (a step that fails does both too).
   */
  @Override
  public boolean cancellableBefore(Operation operation, int index) {
    return index == 0;
  }

  private StepResult startTraffic(String id, String node, DrillFault fault) {
    close(id);
    String dc = topology.node(node).dc();
    List<GatewayAddress> others =
        topology
            .view()
            .nodes()
            .filter(n -> n.dc().equals(dc) && !n.id().equals(node))
            .map(SyntheticWriter::gatewayOf)
            .flatMap(java.util.Optional::stream)
            .toList();
    List<GatewayAddress> gateways = new ArrayList<>();
    // The node's own gateway first: registrations land on shards of the gateway's node.
    gatewayOf(node).ifPresent(gateways::add);
    gateways.addAll(others);
    if (gateways.isEmpty() || (fault == DrillFault.PARTITION && others.isEmpty())) {
      return new StepResult.Failed("no other gateway in " + dc + " to write through");
    }
    Map<Integer, Long> epochs = new HashMap<>();
    for (ReplicaSet set : replicas.shardMap().replicaSets()) {
      if (set.primary().equals(node) && !set.followers().isEmpty()) {
        epochs.put(set.shard(), set.epoch());
      }
    }
    List<SyntheticWriter> writers = new ArrayList<>();
    try {
      for (int attempt = 0; attempt < 60 && writers.size() < properties.writers(); attempt++) {
        GatewayClient client = writerClient(id, gateways);
        Registered registered = client.register("drill " + attempt, dc).get(10, TimeUnit.SECONDS);
        long user = registered.getUserId();
        int shard = Shards.shardOf(user);
        if (!epochs.containsKey(shard)) {
          client.close();
          continue;
        }
        if (fault == DrillFault.PARTITION) {
          client.close();
          client = writerClient(id, others);
          client.authenticate(registered.getToken()).get(10, TimeUnit.SECONDS);
        }
        writers.add(
            new SyntheticWriter(
                client, user, registered.getToken(), shard, "drill " + id + " u" + user));
      }
    } catch (Exception e) {
      writers.forEach(SyntheticWriter::close);
      return new StepResult.Failed("cannot start the synthetic traffic: " + e);
    }
    if (writers.isEmpty()) {
      return new StepResult.Failed(
          "no synthetic user landed on a shard " + node + " leads after 60 registrations");
    }
    Session session = new Session(fault, writers, epochs);
    sessions.put(id, session);
    writers.forEach(SyntheticWriter::start);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writers.stream().anyMatch(w -> w.acknowledgedCount() < 5)) {
      if (System.nanoTime() - deadline > 0) {
        return new StepResult.Failed("the synthetic writers did not get 5 writes through in 10 s");
      }
      sleep();
    }
    return new StepResult.Done(
        writers.size() + " synthetic users writing to shards " + session.shards() + " of " + node);
  }

  private static GatewayClient writerClient(String id, List<GatewayAddress> gateways)
      throws java.io.IOException {
    return GatewayClient.connect(
        GatewayClientConfig.of("drill-" + id, gateways)
            .withRetry(new RetryPolicy(120, Duration.ofMillis(100), Duration.ofMillis(500))));
  }

  private StepResult cutOff(Session session, String node) throws Exception {
    Duration duration = properties.partitionFor();
    session.faultAt = Instant.now();
    replicas.isolate(node, duration).get(10, TimeUnit.SECONDS);
    session.healsAt = session.faultAt.plus(duration);
    session.timeline.add(new Moment("fault", 0L));
    return new StepResult.Done(
        node
            + " cut off its cluster network at "
            + session.faultAt
            + " for "
            + duration.toSeconds()
            + " s; its process runs on");
  }

  /**
   * Writes as the first synthetic user through the cut-off node's own gateway, which still takes
   * its clients and still leads the user's shard at its old epoch as far as it knows. Fails the
   * step if the write is acknowledged (fencing broken), or if the partition would heal before the
   * write could time out (the node could then learn the new map and rightly forward the write).
   */
  private StepResult writeOldPrimary(Session session, String node, String id) {
    Duration left = Duration.between(Instant.now(), session.healsAt);
    if (left.compareTo(OLD_PRIMARY_WRITE_TIMEOUT.multipliedBy(2)) < 0) {
      return new StepResult.Failed(
          "the partition heals in "
              + Math.max(0, left.toMillis())
              + " ms: too soon for a write through "
              + node
              + " to prove fencing; make switchboard.drills.partition-for longer");
    }
    GatewayAddress gateway = gatewayOf(node).orElse(null);
    if (gateway == null) {
      return new StepResult.Failed(node + " has no gateway to write through");
    }
    SyntheticWriter writer = session.writers.get(0);
    String text = "drill " + id + " through the old primary";
    session.oldPrimaryWrite = text;
    String refusal =
        OldPrimaryWrite.refusal(
            gateway, writer.token(), writer.userId(), text, OLD_PRIMARY_WRITE_TIMEOUT);
    long epoch = session.epochsBefore.get(writer.shard());
    if (refusal == null) {
      return new StepResult.Failed(
          "fencing broken: "
              + node
              + ", cut off while it led shard "
              + writer.shard()
              + " at epoch "
              + epoch
              + ", acknowledged a write");
    }
    session.fencing =
        "a write through "
            + node
            + "'s own gateway while it was cut off (it led shard "
            + writer.shard()
            + " at epoch "
            + epoch
            + ") was not acknowledged: "
            + refusal;
    return new StepResult.Done(session.fencing);
  }

  private StepResult injectFault(Session session, String node) {
    NodeLifecycle launcher =
        launchers.stream().filter(l -> l.manages(node)).findFirst().orElse(null);
    if (launcher == null) {
      return new StepResult.Failed(node + " is not started by this control plane any more");
    }
    session.faultAt = Instant.now();
    launcher.kill(node);
    session.timeline.add(new Moment("fault", 0L));
    return new StepResult.Done(node + " killed at " + session.faultAt);
  }

  private StepResult awaitFailover(Session session, String node) throws InterruptedException {
    long deadline = System.nanoTime() + properties.recoveryTimeout().toNanos();
    Operation failover = null;
    while (true) {
      boolean moved =
          session.shards().stream()
              .noneMatch(shard -> replicas.shardMap().replicaSet(shard).primary().equals(node));
      failover =
          failover != null && failover.state().terminal() ? failover : failoverOf(node, session);
      Instant promoted = failover == null ? null : StepTimes.finishedAt(failover, "promote");
      boolean writing =
          promoted != null
              && session.writers.stream().allMatch(w -> w.firstAcknowledgedAfter(promoted) != null);
      if (moved && writing) {
        Instant detected = Instant.parse(failover.parameters().get("detected-at"));
        Instant firstWrite =
            session.writers.stream()
                .map(w -> w.firstAcknowledgedAfter(promoted))
                .min(Instant::compareTo)
                .orElseThrow();
        session.timeline.add(
            new Moment("detected", StepTimes.millisAfter(session.faultAt, detected)));
        session.timeline.add(
            new Moment(
                "confirmed",
                StepTimes.millisAfter(session.faultAt, StepTimes.finishedAt(failover, "confirm"))));
        session.timeline.addAll(StepTimes.promotion(failover, session.faultAt));
        session.timeline.add(
            new Moment("first-write", StepTimes.millisAfter(session.faultAt, firstWrite)));
        return new StepResult.Done(
            "failover "
                + failover.id()
                + ": "
                + session.timeline.stream()
                    .map(m -> m.name() + " +" + m.millis() + " ms")
                    .collect(Collectors.joining(", ")));
      }
      if (System.nanoTime() - deadline > 0) {
        return new StepResult.Failed(
            "no recovery within "
                + properties.recoveryTimeout().toSeconds()
                + " s: "
                + (failover == null
                    ? "no automatic failover of " + node + " started"
                    : "failover "
                        + failover.id()
                        + " is "
                        + failover.state()
                        + (failover.failure() == null ? "" : " (" + failover.failure() + ")")));
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private StepResult verify(Session session) throws Exception {
    for (SyntheticWriter writer : session.writers) {
      writer.stop();
    }
    long acknowledged = 0;
    long lost = 0;
    long unavailable = 0;
    for (SyntheticWriter writer : session.writers) {
      acknowledged += writer.acknowledgedCount();
      lost += writer.lost().size();
      unavailable = Math.max(unavailable, writer.longestGapMillisAcross(session.faultAt));
    }
    session.acknowledged = acknowledged;
    session.lost = lost;
    session.unavailableMillis = unavailable;
    return new StepResult.Done(
        acknowledged
            + " writes acknowledged, "
            + lost
            + " of them missing; writes waited at most "
            + unavailable
            + " ms");
  }

  private StepResult restore(Session session, String node) throws Exception {
    Instant deadlineAt;
    if (session.fault == DrillFault.KILL) {
      NodeLifecycle launcher =
          launchers.stream().filter(l -> l.manages(node)).findFirst().orElse(null);
      if (launcher == null) {
        return new StepResult.Failed(node + " is not started by this control plane any more");
      }
      launcher.start(node);
      deadlineAt = Instant.now().plusSeconds(60);
    } else {
      deadlineAt = session.healsAt.plusSeconds(60);
    }
    int shard = session.writers.get(0).shard();
    long oldEpoch = session.epochsBefore.get(shard);
    long deadline = System.nanoTime() + Duration.between(Instant.now(), deadlineAt).toNanos();
    while (true) {
      ReplicaStatus status = null;
      try {
        status = replicas.status(node, shard).get(2, TimeUnit.SECONDS);
      } catch (Exception notYet) {
        // starting
      }
      if (status != null
          && status.highestEpoch() > oldEpoch
          && status.role() == ShardReplica.Role.FOLLOWER) {
        String refusal = oldEpochRefusal(node, shard, oldEpoch);
        String afterPartition = session.oldPrimaryWrite == null ? "" : oldPrimaryWriteGone(session);
        if (afterPartition == null) {
          return new StepResult.Failed(
              "fencing broken: the write through the cut-off old primary ('"
                  + session.oldPrimaryWrite
                  + "') is in the mailbox");
        }
        session.fencing =
            (session.oldPrimaryWrite == null ? "" : session.fencing + "; ")
                + node
                + "'s replica of shard "
                + shard
                + " is "
                + status.role()
                + " at epoch "
                + status.highestEpoch()
                + " (it led epoch "
                + oldEpoch
                + "); "
                + (refusal == null
                    ? "it ACCEPTED a request of its old epoch"
                    : "a request of its old epoch was refused: " + refusal)
                + afterPartition;
        return refusal != null && !refusal.startsWith(NOT_ANSWERED)
            ? new StepResult.Done(
                node
                    + (session.fault == DrillFault.KILL ? " restarted; " : " reconnected; ")
                    + session.fencing)
            : new StepResult.Failed("fencing broken: " + session.fencing);
      }
      if (System.nanoTime() - deadline > 0) {
        return new StepResult.Failed(
            node
                + " did not come back following shard "
                + shard
                + " above epoch "
                + oldEpoch
                + " by "
                + deadlineAt);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /**
   * After a partition: "; the write through the old primary is not in the mailbox", or null if it
   * is (fencing broken).
   */
  private static String oldPrimaryWriteGone(Session session) throws Exception {
    boolean stored = session.writers.get(0).storedTexts().contains(session.oldPrimaryWrite);
    return stored ? null : "; the write through the old primary is not in the mailbox";
  }

  /**
   * Sends the restarted node a request of the epoch it led before the fault (a fence at that epoch,
   * harmless if it were accepted: it only records an epoch the replica has passed) and returns why
   * it was refused, or null if it was accepted, or {@value #NOT_ANSWERED} and why. Every request of
   * a replica's peers carries its epoch and is checked the same way, so a refusal here is the
   * refusal an old primary's writes meet.
   */
  private String oldEpochRefusal(String node, int shard, long oldEpoch) {
    try {
      replicas.fence(node, shard, oldEpoch).get(5, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause() instanceof StaleEpochException stale
          ? stale.getMessage()
          : NOT_ANSWERED + " (" + e.getCause() + ")";
    } catch (Exception e) {
      return NOT_ANSWERED + " (" + e + ")";
    }
  }

  private StepResult report(Session session, Operation operation, String node) {
    Long firstWrite =
        session.timeline.stream()
            .filter(m -> m.name().equals("first-write"))
            .map(Moment::millis)
            .findFirst()
            .orElse(null);
    long objectiveMillis = properties.failoverObjective().toMillis();
    List<Objective> objectives =
        List.of(
            new Objective(
                "failover",
                "< " + objectiveMillis + " ms",
                firstWrite == null ? "no write" : firstWrite + " ms",
                firstWrite != null && firstWrite < objectiveMillis),
            new Objective(
                "rpo-in-dc",
                "<= " + properties.rpoInDcMessages() + " messages",
                session.lost + " messages",
                session.lost <= properties.rpoInDcMessages()));
    boolean passed = objectives.stream().allMatch(Objective::passed);
    DrillReportView report =
        new DrillReportView(
            operation.id(),
            node,
            session.shards(),
            session.faultAt,
            List.copyOf(session.timeline),
            session.unavailableMillis,
            session.acknowledged,
            session.lost,
            session.fencing,
            objectives,
            passed);
    return reports.storeWithVerdict(report);
  }

  private Operation failoverOf(String node, Session session) {
    return operations.getObject().list(50).stream()
        .filter(op -> op.type() == OperationType.PRIMARY_FAILOVER)
        .filter(op -> node.equals(op.parameters().get("node")))
        .filter(op -> !op.createdAt().isBefore(session.faultAt))
        .findFirst()
        .orElse(null);
  }

  private java.util.Optional<GatewayAddress> gatewayOf(String node) {
    return SyntheticWriter.gatewayOf(topology.nodeView(node));
  }

  private void close(String id) {
    Session session = sessions.remove(id);
    if (session != null) {
      session.writers.forEach(SyntheticWriter::close);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
