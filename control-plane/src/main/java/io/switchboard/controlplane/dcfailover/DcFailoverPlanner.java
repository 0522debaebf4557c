package io.switchboard.controlplane.dcfailover;

import io.switchboard.controlplane.operation.InvalidOperationException;
import io.switchboard.controlplane.operation.OperationPlanner;
import io.switchboard.controlplane.operation.OperationStep;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.runtime.sharding.ReplicaSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Plans a DC failover ({@link DcFailoverRunner}): parameters {@code dc}, optional {@code trigger}
 * ({@value #OPERATOR} by default, {@value #UNREACHABLE} or {@value #ERROR_RATE} when the automatic
 * policy starts it) and {@code detected-at}. The plan fixes {@code nodes} (the DC's) and {@code
 * shards} (those the DC leads now). A DC none of whose shards has an asynchronous replica in
 * another DC (residency can forbid it) cannot fail over: the plan is refused.
 */
@Component
class DcFailoverPlanner implements OperationPlanner {

  static final String REMOVE_GATEWAYS = "remove-gateways";
  static final String ASSESS_RISK = "assess-risk";
  static final String PROMOTE = "promote";
  static final String OPERATOR = "operator";
  static final String UNREACHABLE = "unreachable";
  static final String ERROR_RATE = "error-rate";
  private static final Set<String> TRIGGERS = Set.of(OPERATOR, UNREACHABLE, ERROR_RATE);

  private final DataCenterShards dataCenters;

  DcFailoverPlanner(DataCenterShards dataCenters) {
    this.dataCenters = dataCenters;
  }

  @Override
  public OperationType type() {
    return OperationType.DC_FAILOVER;
  }

  @Override
  public Plan plan(Map<String, String> parameters) {
    String dc = dataCenters.dataCenter(parameters.get("dc")).id();
    String trigger = parameters.getOrDefault("trigger", OPERATOR);
    if (!TRIGGERS.contains(trigger)) {
      throw new InvalidOperationException(
          "'" + trigger + "' is not a trigger; use operator, unreachable or error-rate");
    }
    Set<String> nodes = dataCenters.nodesOf(dc);
    List<ReplicaSet> led = dataCenters.ledBy(nodes);
    if (led.isEmpty()) {
      throw new InvalidOperationException(
          dc + " leads no shard (was it failed over already?): nothing to fail over");
    }
    boolean anyElsewhere =
        led.stream()
            .anyMatch(set -> set.asyncReplicas().stream().anyMatch(r -> !nodes.contains(r)));
    if (!anyElsewhere) {
      throw new InvalidOperationException(
          "none of the "
              + led.size()
              + " shards "
              + dc
              + " leads has a replica in another data centre (residency keeps them in "
              + dc
              + "): no DC could take over");
    }
    List<Integer> shards = led.stream().map(ReplicaSet::shard).toList();
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("dc", dc);
    fixed.put("trigger", trigger);
    fixed.put("nodes", String.join(",", nodes));
    fixed.put("shards", DataCenterShards.join(shards));
    if (parameters.containsKey("detected-at")) {
      fixed.put("detected-at", parameters.get("detected-at"));
    }
    Set<String> resources = new LinkedHashSet<>(List.of("dc:" + dc));
    nodes.forEach(node -> resources.add("node:" + node));
    shards.forEach(shard -> resources.add("shard:" + shard));
    List<OperationStep> steps =
        List.of(
            OperationStep.pending(
                REMOVE_GATEWAYS,
                "Remove " + dc + " from the gateway endpoint directory: clients go elsewhere"),
            OperationStep.pending(
                ASSESS_RISK,
                "Record the data at risk of "
                    + shards.size()
                    + " shards: their cross-DC replicas' last sampled lag"),
            OperationStep.pending(
                PROMOTE,
                "Promote the cross-DC replicas of "
                    + shards.size()
                    + " shards at their next epoch; publish the map"));
    return new Plan(fixed, steps, resources);
  }

  @Override
  public String title(Map<String, String> parameters) {
    return "Fail " + parameters.get("dc") + " over to other data centres";
  }
}
