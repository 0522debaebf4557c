package io.switchboard.controlplane.operation.drill;

import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.drill.DrillReportView.Moment;
import io.switchboard.api.drill.DrillReportView.Objective;
import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationService;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.operation.StepResult;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.topology.NodeLifecycle;
import io.switchboard.controlplane.topology.TopologyService;
import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.GatewayClientConfig;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.Shards;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The steps of a drill of a whole data centre ({@link DrillPlanner}, parameter {@code dc}). The
 * drill measures; the failover is the DC failover policy's ({@code DC_FAILOVER}, started when the
 * DC has been unreachable for {@code switchboard.failover.dc.unreachable-after}).
 *
 * <ol>
 *   <li>{@code start-traffic}: synthetic users homed in the DC, whose clients know the DC's
 *       gateways first and then every other DC's, as a client of the directory does.
 *   <li>{@code inject-fault}: kills every node of the DC abruptly.
 *   <li>{@code await-failover}: waits for the DC failover and every writer's first acknowledged
 *       write after its promotion; the timeline: detected (the last node DOWN), failover started,
 *       gateways removed, promoted, first write.
 *   <li>{@code verify}: stops the writers and reads the mailboxes back: the acknowledged writes
 *       missing are the loss, reported exactly, and the RPO in time is how long before the fault
 *       the first of them was acknowledged.
 *   <li>{@code restore}: starts the nodes, runs a {@code DC_SWITCHBACK} and waits for it.
 *   <li>{@code report}: objectives {@code failover} (first write after the DC failover started,
 *       which excludes the deliberate {@code unreachable-after} wait) and {@code rpo-cross-dc}.
 * </ol>
 */
@Component
class DcDrill {

  private static final long POLL_MILLIS = 200;

  private final ReplicaControl replicas;
  private final TopologyService topology;
  private final List<NodeLifecycle> launchers;
  private final ObjectProvider<OperationService> operations;
  private final DrillReports reports;
  private final DrillProperties properties;
  private final Duration unreachableAfter;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** A running DC drill. */
  private static final class Session {
    final List<SyntheticWriter> writers;
    final List<Moment> timeline = new ArrayList<>();
    Instant faultAt;
    Instant failoverStartedAt;
    long unavailableMillis;
    long acknowledged;
    long lost;
    long rpoMillis;
    String fencing = "not checked";

    Session(List<SyntheticWriter> writers) {
      this.writers = writers;
    }

    List<Integer> shards() {
      return writers.stream().map(SyntheticWriter::shard).distinct().sorted().toList();
    }
  }

  DcDrill(
      ReplicaControl replicas,
      TopologyService topology,
      List<NodeLifecycle> launchers,
      ObjectProvider<OperationService> operations,
      DrillReports reports,
      DrillProperties properties,
      @Value("${switchboard.failover.dc.unreachable-after:30s}") Duration unreachableAfter) {
    this.unreachableAfter = unreachableAfter;
    this.replicas = replicas;
    this.topology = topology;
    this.launchers = launchers;
    this.operations = operations;
    this.reports = reports;
    this.properties = properties;
  }

  StepResult run(Operation operation, String step) {
    String dc = operation.parameters().get("dc");
    if (step.equals("start-traffic")) {
      return startTraffic(operation.id(), dc);
    }
    Session session = sessions.get(operation.id());
    if (session == null) {
      return new StepResult.Failed(
          "the drill's traffic is gone (the control plane restarted during the drill); start the"
              + " nodes of "
              + dc
              + " and run a DC_SWITCHBACK of it if they are down");
    }
    StepResult result;
    try {
      result =
          switch (step) {
            case "inject-fault" -> injectFault(session, dc);
            case "await-failover" -> awaitFailover(session, dc);
            case "verify" -> verify(session);
            case "restore" -> restore(session, operation, dc);
            case "report" -> report(session, operation, dc);
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
      if (!(result instanceof StepResult.Done) && session.faultAt != null) {
        nodesOf(dc).forEach(node -> launcherOf(node).ifPresent(l -> l.start(node)));
      }
    }
    return result;
  }

  private StepResult startTraffic(String id, String dc) {
    close(id);
    // The DC's own gateways first, then every other DC's: the stable sort keeps the node order.
    List<GatewayAddress> gateways =
        topology
            .view()
            .nodes()
            .sorted(Comparator.comparing(n -> !n.dc().equals(dc)))
            .map(SyntheticWriter::gatewayOf)
            .flatMap(Optional::stream)
            .toList();
    Set<String> dcNodes = Set.copyOf(nodesOf(dc));
    List<SyntheticWriter> writers = new ArrayList<>();
    try {
      for (int attempt = 0; attempt < 60 && writers.size() < properties.writers(); attempt++) {
        GatewayClient client =
            GatewayClient.connect(
                GatewayClientConfig.of("drill-" + id, gateways)
                    .withRetry(
                        new RetryPolicy(240, Duration.ofMillis(100), Duration.ofMillis(500))));
        Registered registered = client.register("drill " + attempt, dc).get(10, TimeUnit.SECONDS);
        long user = registered.getUserId();
        int shard = Shards.shardOf(user);
        ReplicaSet set = replicas.shardMap().replicaSet(shard);
        if (dcNodes.contains(set.primary()) && !set.asyncReplicas().isEmpty()) {
          writers.add(
              new SyntheticWriter(
                  client, user, registered.getToken(), shard, "drill " + id + " u" + user));
        } else {
          client.close();
        }
      }
    } catch (Exception e) {
      writers.forEach(SyntheticWriter::close);
      return new StepResult.Failed("cannot start the synthetic traffic: " + e);
    }
    if (writers.isEmpty()) {
      return new StepResult.Failed("no synthetic user landed on a shard " + dc + " leads");
    }
    Session session = new Session(writers);
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
        writers.size() + " synthetic users of " + dc + " writing to shards " + session.shards());
  }

  private StepResult injectFault(Session session, String dc) {
    List<String> nodes = nodesOf(dc);
    if (nodes.stream().anyMatch(node -> launcherOf(node).isEmpty())) {
      return new StepResult.Failed("a node of " + dc + " is not started by this control plane");
    }
    session.faultAt = Instant.now();
    nodes.forEach(node -> launcherOf(node).orElseThrow().kill(node));
    session.timeline.add(new Moment("fault", 0L));
    return new StepResult.Done("killed " + String.join(", ", nodes) + " at " + session.faultAt);
  }

  private StepResult awaitFailover(Session session, String dc) throws InterruptedException {
    Duration timeout = properties.recoveryTimeout().plus(unreachableAfter);
    long deadline = System.nanoTime() + timeout.toNanos();
    Operation failover = null;
    while (true) {
      failover =
          failover != null && failover.state().terminal() ? failover : failoverOf(dc, session);
      Instant promoted = failover == null ? null : StepTimes.finishedAt(failover, "promote");
      boolean writing =
          promoted != null
              && session.writers.stream().allMatch(w -> w.firstAcknowledgedAfter(promoted) != null);
      if (writing) {
        Instant firstWrite =
            session.writers.stream()
                .map(w -> w.firstAcknowledgedAfter(promoted))
                .min(Instant::compareTo)
                .orElseThrow();
        session.failoverStartedAt = failover.createdAt();
        session.timeline.add(
            new Moment(
                "detected",
                StepTimes.millisAfter(
                    session.faultAt, Instant.parse(failover.parameters().get("detected-at")))));
        session.timeline.add(
            new Moment(
                "failover-started", StepTimes.millisAfter(session.faultAt, failover.createdAt())));
        session.timeline.add(
            new Moment(
                "gateways-removed",
                StepTimes.millisAfter(
                    session.faultAt, StepTimes.finishedAt(failover, "remove-gateways"))));
        session.timeline.addAll(StepTimes.promotion(failover, session.faultAt));
        session.timeline.add(
            new Moment("first-write", StepTimes.millisAfter(session.faultAt, firstWrite)));
        return new StepResult.Done(
            "DC failover "
                + failover.id()
                + ": "
                + session.timeline.stream()
                    .map(m -> m.name() + " +" + m.millis() + " ms")
                    .collect(Collectors.joining(", ")));
      }
      if (System.nanoTime() - deadline > 0) {
        return new StepResult.Failed(
            "no recovery within "
                + timeout.toSeconds()
                + " s: "
                + (failover == null
                    ? "no DC failover of "
                        + dc
                        + " started (is switchboard.failover.dc.automatic on?)"
                    : "DC failover "
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
    long unavailable = 0;
    Instant firstLost = null;
    long lost = 0;
    for (SyntheticWriter writer : session.writers) {
      acknowledged += writer.acknowledgedCount();
      unavailable = Math.max(unavailable, writer.longestGapMillisAcross(session.faultAt));
      for (String text : writer.lost()) {
        lost++;
        Instant at = writer.acknowledgedAt(text);
        if (at != null && (firstLost == null || at.isBefore(firstLost))) {
          firstLost = at;
        }
      }
    }
    session.acknowledged = acknowledged;
    session.lost = lost;
    session.unavailableMillis = unavailable;
    session.rpoMillis =
        firstLost == null
            ? 0
            : Math.max(0, Duration.between(firstLost, session.faultAt).toMillis());
    return new StepResult.Done(
        acknowledged
            + " writes acknowledged, "
            + lost
            + " of them missing (the oldest acknowledged "
            + session.rpoMillis
            + " ms before the fault); writes waited at most "
            + unavailable
            + " ms");
  }

  private StepResult restore(Session session, Operation drill, String dc)
      throws InterruptedException {
    for (String node : nodesOf(dc)) {
      launcherOf(node).orElseThrow().start(node);
    }
    OperationService service = operations.getObject();
    Operation switchback =
        service.create(OperationType.DC_SWITCHBACK, Map.of("dc", dc), "drill " + drill.id());
    long deadline = System.nanoTime() + properties.recoveryTimeout().multipliedBy(5).toNanos();
    while (!switchback.state().terminal()) {
      if (System.nanoTime() - deadline > 0) {
        return new StepResult.Failed("switchback " + switchback.id() + " did not end in time");
      }
      Thread.sleep(POLL_MILLIS);
      switchback = service.get(switchback.id());
    }
    ReplicaSet set = replicas.shardMap().replicaSet(session.shards().get(0));
    session.fencing =
        "after the switchback shard "
            + set.shard()
            + " is led by "
            + set.primary()
            + " at epoch "
            + set.epoch()
            + "; the DC's replicas that led the old epoch follow newer ones";
    return switchback.state().name().equals("SUCCEEDED")
        ? new StepResult.Done(dc + " restarted and switched back by " + switchback.id())
        : new StepResult.Failed(
            "switchback "
                + switchback.id()
                + " "
                + switchback.state()
                + ": "
                + switchback.failure());
  }

  private StepResult report(Session session, Operation operation, String dc) {
    Instant firstWrite =
        session.timeline.stream()
            .filter(m -> m.name().equals("first-write") && m.millis() != null)
            .map(m -> session.faultAt.plusMillis(m.millis()))
            .findFirst()
            .orElse(null);
    Long failoverMillis =
        firstWrite == null || session.failoverStartedAt == null
            ? null
            : Duration.between(session.failoverStartedAt, firstWrite).toMillis();
    long objectiveMillis = properties.failoverObjective().toMillis();
    long rpoObjective = properties.rpoCrossDc().toMillis();
    List<Objective> objectives =
        List.of(
            new Objective(
                "failover",
                "< " + objectiveMillis + " ms from the DC failover's start",
                failoverMillis == null ? "no write" : failoverMillis + " ms",
                failoverMillis != null && failoverMillis < objectiveMillis),
            new Objective(
                "rpo-cross-dc",
                "< " + rpoObjective + " ms",
                session.rpoMillis + " ms (" + session.lost + " messages)",
                session.rpoMillis < rpoObjective));
    boolean passed = objectives.stream().allMatch(Objective::passed);
    return reports.storeWithVerdict(
        new DrillReportView(
            operation.id(),
            dc,
            session.shards(),
            session.faultAt,
            List.copyOf(session.timeline),
            session.unavailableMillis,
            session.acknowledged,
            session.lost,
            session.fencing,
            objectives,
            passed));
  }

  private Operation failoverOf(String dc, Session session) {
    return operations.getObject().list(50).stream()
        .filter(op -> op.type() == OperationType.DC_FAILOVER)
        .filter(op -> dc.equals(op.parameters().get("dc")))
        .filter(op -> !op.createdAt().isBefore(session.faultAt))
        .findFirst()
        .orElse(null);
  }

  private List<String> nodesOf(String dc) {
    return topology.nodes().stream()
        .filter(node -> node.dc().equals(dc))
        .map(node -> node.id())
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  private Optional<NodeLifecycle> launcherOf(String node) {
    return launchers.stream().filter(l -> l.manages(node)).findFirst();
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
