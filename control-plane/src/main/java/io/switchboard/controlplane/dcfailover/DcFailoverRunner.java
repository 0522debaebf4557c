package io.switchboard.controlplane.dcfailover;

import io.switchboard.api.dcfailover.DcFailoverReportView;
import io.switchboard.api.dcfailover.DcFailoverReportView.ShardRisk;
import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.operation.StepResult;
import io.switchboard.controlplane.operation.StepRunner;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.node.replication.PromotionMilestones;
import io.switchboard.runtime.node.replication.ShardPromotion;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The steps of a DC failover ({@link DcFailoverPlanner}):
 *
 * <ol>
 *   <li>{@code remove-gateways}: the DC leaves the gateway endpoint directory; clients that
 *       reconnect get the other DCs' gateways, and resync with getDifference there.
 *   <li>{@code assess-risk}: the report is stored with, per shard, the last sampled lag of its
 *       cross-DC replicas ({@link CrossDcLagSampler}): the writes its lost primary may have
 *       committed that the replica lacks.
 *   <li>{@code promote}: every planned shard the DC still leads is promoted on its most up-to-date
 *       cross-DC replica ({@link ReplicaControl#failOverAcrossDc}); the report gets each shard's
 *       new primary or why it has none. Shards already moved are skipped (a step run again after a
 *       restart of the control plane). Fails if a shard could not be promoted (the others stay
 *       promoted).
 * </ol>
 *
 * Cancellable at every step boundary: removing the DC from the directory is undone by its
 * switchback.
 */
@Component
class DcFailoverRunner implements StepRunner {

  private final ReplicaControl replicas;
  private final GatewayDirectory directory;
  private final CrossDcLagSampler lags;
  private final DcFailoverReports reports;

  DcFailoverRunner(
      ReplicaControl replicas,
      GatewayDirectory directory,
      CrossDcLagSampler lags,
      DcFailoverReports reports) {
    this.replicas = replicas;
    this.directory = directory;
    this.lags = lags;
    this.reports = reports;
  }

  @Override
  public OperationType type() {
    return OperationType.DC_FAILOVER;
  }

  @Override
  public StepResult run(Operation operation, int index) {
    String step = operation.steps().get(index).name();
    return switch (step) {
      case DcFailoverPlanner.REMOVE_GATEWAYS -> removeGateways(operation);
      case DcFailoverPlanner.ASSESS_RISK -> assessRisk(operation);
      case DcFailoverPlanner.PROMOTE -> promote(operation);
      default -> new StepResult.Failed("unknown DC failover step " + step);
    };
  }

  private StepResult removeGateways(Operation operation) {
    String dc = operation.parameters().get("dc");
    directory.remove(
        dc, operation.id(), "DC failover (" + operation.parameters().get("trigger") + " trigger)");
    List<String> serving =
        directory.view(null).dataCenters().stream()
            .filter(entry -> entry.serving())
            .map(entry -> entry.dc())
            .toList();
    return new StepResult.Done(
        dc + " removed from the gateway directory; clients now use " + String.join(", ", serving));
  }

  private StepResult assessRisk(Operation operation) {
    Map<String, String> parameters = operation.parameters();
    ShardMap map = replicas.shardMap();
    List<ShardRisk> shards = new ArrayList<>();
    for (int shard : DataCenterShards.shards(parameters.get("shards"))) {
      ReplicaSet set = map.replicaSet(shard);
      var lag = lags.lag(shard);
      shards.add(
          new ShardRisk(
              shard,
              set.primary(),
              null,
              null,
              lag.map(CrossDcLags.Lag::records).orElse(null),
              lag.map(CrossDcLags.Lag::seconds).orElse(null),
              lag.map(CrossDcLags.Lag::sampledAt).orElse(null),
              null));
    }
    DcFailoverReportView report =
        new DcFailoverReportView(
            operation.id(), parameters.get("dc"), parameters.get("trigger"), shards);
    reports.save(report);
    long sampled = shards.stream().filter(shard -> shard.lagRecords() != null).count();
    String worst =
        shards.stream()
            .filter(shard -> shard.lagRecords() != null)
            .max(Comparator.comparingLong(ShardRisk::lagRecords))
            .map(
                shard ->
                    "; largest: shard "
                        + shard.shard()
                        + " with "
                        + shard.lagRecords()
                        + " records ("
                        + shard.lagSeconds()
                        + " s)")
            .orElse("");
    return new StepResult.Done(
        report.recordsAtRisk()
            + " records at risk over "
            + shards.size()
            + " shards ("
            + sampled
            + " with a lag sample)"
            + worst);
  }

  private StepResult promote(Operation operation) {
    Map<String, String> parameters = operation.parameters();
    Set<String> lost = new LinkedHashSet<>(List.of(parameters.get("nodes").split(",")));
    ShardMap map = replicas.shardMap();
    List<Integer> remaining =
        DataCenterShards.shards(parameters.get("shards")).stream()
            .filter(shard -> lost.contains(map.replicaSet(shard).primary()))
            .toList();
    ShardPromotion.Outcome outcome =
        remaining.isEmpty()
            ? new ShardPromotion.Outcome(map, Map.of(), 0, PromotionMilestones.NONE)
            : replicas.failOverAcrossDc(remaining, lost);
    DcFailoverReportView report = withOutcome(operation, outcome);
    reports.save(report);
    String summary =
        report.promoted()
            + " of "
            + report.shards().size()
            + " shards led by other DCs, map version "
            + outcome.map().version();
    if (outcome.failures().isEmpty()) {
      return new StepResult.Done(summary, outcome.milestones().byStage());
    }
    List<String> failures = new ArrayList<>();
    outcome.failures().forEach((shard, why) -> failures.add(why));
    return new StepResult.Failed(
        summary
            + "; not promoted: "
            + String.join("; ", failures.subList(0, Math.min(5, failures.size())))
            + (failures.size() > 5 ? "; ... (" + failures.size() + " in all)" : ""));
  }

  /** The stored report with each shard's primary and epoch in the new map, or its failure. */
  private DcFailoverReportView withOutcome(Operation operation, ShardPromotion.Outcome outcome) {
    DcFailoverReportView stored = reports.find(operation.id()).orElseThrow();
    Set<String> lost = Set.of(operation.parameters().get("nodes").split(","));
    List<ShardRisk> shards = new ArrayList<>();
    for (ShardRisk risk : stored.shards()) {
      ReplicaSet set = outcome.map().replicaSet(risk.shard());
      boolean moved = !lost.contains(set.primary());
      shards.add(
          new ShardRisk(
              risk.shard(),
              risk.lostPrimary(),
              moved ? set.primary() : null,
              moved ? set.epoch() : null,
              risk.lagRecords(),
              risk.lagSeconds(),
              risk.sampledAt(),
              moved ? null : outcome.failures().getOrDefault(risk.shard(), "not promoted")));
    }
    return new DcFailoverReportView(stored.operationId(), stored.dc(), stored.trigger(), shards);
  }
}
