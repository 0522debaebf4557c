package io.switchboard.cli.testing;

import io.switchboard.api.dcfailover.DcFailoverReportView;
import io.switchboard.api.dcfailover.GatewayDirectoryView;
import io.switchboard.api.dcfailover.GatewayDirectoryView.DataCenterEndpoints;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.cli.testing.FakeControlPlane.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DC failover part of {@link FakeControlPlane}, like the real control plane's: plans of {@code
 * DC_FAILOVER} and {@code DC_SWITCHBACK}, what their steps do, the gateway directory and the
 * reports.
 *
 * <ul>
 *   <li>{@code DC_FAILOVER} ({@code dc}, planned with {@code trigger=operator}): steps {@link
 *       #FAILOVER_STEPS}. An unknown DC and {@value #RESIDENT_DC} (its shards have no replica
 *       outside it under the default residency) are 400 problems; a DC removed already is a 409.
 *       {@code remove-gateways} removes the DC from the directory; {@code assess-risk} records the
 *       report of {@link DcFailoverReports#report}, promoting to the next DC of the topology other
 *       than {@value #RESIDENT_DC}.
 *   <li>{@code DC_SWITCHBACK} ({@code dc}): steps {@link #SWITCHBACK_STEPS}. An unknown DC is a
 *       400, a DC that serves is a 400; {@code restore-gateways} makes it serve again.
 *   <li>The directory ({@code GET /api/v1/gateways}): every DC with its nodes' gateway addresses by
 *       node id; serving DCs first, with {@code home} that one first and the others in topology
 *       order, then the removed ones; an unknown {@code home} is a 400.
 * </ul>
 */
final class FakeDcFailovers {

  static final String FAILOVER = "DC_FAILOVER";
  static final String SWITCHBACK = "DC_SWITCHBACK";
  static final Set<String> TYPES = Set.of(FAILOVER, SWITCHBACK);
  static final List<String> FAILOVER_STEPS = List.of("remove-gateways", "assess-risk", "promote");
  static final List<String> SWITCHBACK_STEPS =
      List.of("await-rejoin", "restore-voters", "restore-gateways");

  /** The DC whose shards stay in it (residency EU): it cannot fail over. */
  static final String RESIDENT_DC = "europe";

  /**
   * A planned operation, for {@link FakeControlPlane}'s {@code planned}.
   *
   * @param title the operation's title
   * @param parameters what the plan fixed
   * @param steps step names, in order
   * @param descriptions one per step
   * @param resources what it holds
   */
  record Plan(
      String title,
      Map<String, String> parameters,
      List<String> steps,
      List<String> descriptions,
      List<String> resources) {}

  private final TopologyView topology;
  private final Map<String, DataCenterEndpoints> removed = new ConcurrentHashMap<>();
  private final Map<String, DcFailoverReportView> reports = new ConcurrentHashMap<>();

  FakeDcFailovers(TopologyView topology) {
    this.topology = topology;
  }

  /**
   * Removes {@code dc} from the directory as if DC failover {@code by} had done it at {@code at}.
   */
  void remove(String dc, String by, Instant at, String reason) {
    removed.put(dc, new DataCenterEndpoints(dc, false, gateways(dc), at, by, reason));
  }

  void store(DcFailoverReportView report) {
    reports.put(report.operationId(), report);
  }

  DcFailoverReportView report(String id) {
    return reports.get(id);
  }

  /** The plan of {@code request} (a type of {@link #TYPES}), or the real planner's problem. */
  Object plan(OperationRequest request) {
    boolean failover = FAILOVER.equals(request.type());
    String dc = request.parameters().get("dc");
    if (dc == null || dc.isBlank()) {
      return new Problem(
          400,
          "Invalid operation",
          (failover ? "a DC failover" : "a DC switchback") + " needs the parameter 'dc'");
    }
    if (dataCenter(dc) == null) {
      return unknown(dc);
    }
    if (failover) {
      return planFailover(dc);
    }
    if (!removed.containsKey(dc)) {
      return new Problem(
          400,
          "Invalid operation",
          dc + " serves clients: there is no DC failover of it to switch back from");
    }
    return new Plan(
        "Switch " + dc + " back",
        Map.of("dc", dc),
        SWITCHBACK_STEPS,
        List.of(
            "Wait until " + dc + "'s nodes are up and its replicas have caught up",
            "Give " + dc + "'s replicas the lead of its shards back",
            "Restore " + dc + "'s gateways in the directory"),
        List.of("dc:" + dc));
  }

  private Object planFailover(String dc) {
    if (RESIDENT_DC.equals(dc)) {
      return new Problem(
          400,
          "Invalid operation",
          dc
              + "'s shards have no replica in another data centre (residency EU keeps them in "
              + dc
              + "): it cannot fail over");
    }
    DataCenterEndpoints gone = removed.get(dc);
    if (gone != null) {
      return new Problem(
          409,
          "Conflict",
          dc
              + " was removed from the gateway directory by DC failover "
              + gone.removedBy()
              + " already; switch it back first");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("dc", dc);
    parameters.put("trigger", "operator");
    return new Plan(
        "Fail " + dc + " over to other data centres",
        parameters,
        FAILOVER_STEPS,
        List.of(
            "Remove " + dc + "'s gateways from the directory: its clients reconnect elsewhere",
            "Record each shard's data at risk: its asynchronous replica's last sampled lag",
            "Promote the asynchronous replicas of " + dc + "'s shards in other data centres"),
        List.of("dc:" + dc));
  }

  /** Does what {@code step} of {@code operation} does when it succeeds; returns its detail. */
  String succeed(OperationView operation, String step, Instant now) {
    String dc = operation.parameters().get("dc");
    return switch (step) {
      case "remove-gateways" -> {
        remove(dc, operation.id(), now, "DC failover (" + trigger(operation) + ")");
        yield dc + " removed from the gateway directory";
      }
      case "assess-risk" -> {
        DcFailoverReportView report =
            DcFailoverReports.report(
                operation.id(),
                dc,
                dataCenter(dc).firstShard(),
                successor(dc),
                trigger(operation),
                operation.createdAt());
        store(report);
        yield report.shards().size()
            + " shards: "
            + report.recordsAtRisk()
            + " records at risk at the last samples";
      }
      case "promote" -> {
        DcFailoverReportView report = reports.get(operation.id());
        yield report.promoted()
            + " of "
            + report.shards().size()
            + " shards promoted in "
            + successor(dc);
      }
      case "await-rejoin" -> dc + "'s nodes are up; their replicas caught up";
      case "restore-voters" -> dc + " leads its shards again";
      default -> {
        removed.remove(dc);
        yield dc + "'s gateways restored in the directory";
      }
    };
  }

  /** The directory in the order a client homed in {@code home} (may be null) tries it. */
  Object directory(String home) {
    if (home != null && dataCenter(home) == null) {
      return unknown(home);
    }
    List<DataCenterEndpoints> serving = new ArrayList<>();
    for (DataCenterView dc : topology.dataCenters()) {
      if (!removed.containsKey(dc.id())) {
        serving.add(new DataCenterEndpoints(dc.id(), true, gateways(dc.id()), null, null, null));
      }
    }
    serving.sort(Comparator.comparing((DataCenterEndpoints entry) -> !entry.dc().equals(home)));
    List<DataCenterEndpoints> all = new ArrayList<>(serving);
    topology.dataCenters().stream()
        .map(dc -> removed.get(dc.id()))
        .filter(Objects::nonNull)
        .forEach(all::add);
    return new GatewayDirectoryView(all);
  }

  private List<String> gateways(String dc) {
    return dataCenter(dc).nodes().stream()
        .sorted(Comparator.comparing(NodeView::id))
        .map(NodeView::gatewayAddress)
        .filter(Objects::nonNull)
        .toList();
  }

  /** The next data centre of the topology after {@code dc}, other than {@value #RESIDENT_DC}. */
  private String successor(String dc) {
    List<String> ids =
        topology.dataCenters().stream()
            .map(DataCenterView::id)
            .filter(id -> !id.equals(RESIDENT_DC))
            .toList();
    return ids.get((ids.indexOf(dc) + 1) % ids.size());
  }

  private DataCenterView dataCenter(String id) {
    return topology.dataCenters().stream()
        .filter(dc -> dc.id().equals(id))
        .findFirst()
        .orElse(null);
  }

  private Problem unknown(String dc) {
    return new Problem(
        400,
        "Invalid operation",
        "there is no data centre '"
            + dc
            + "'; the data centres are "
            + String.join(", ", topology.dataCenters().stream().map(DataCenterView::id).toList()));
  }

  private static String trigger(OperationView operation) {
    return operation.parameters().getOrDefault("trigger", "operator");
  }
}
