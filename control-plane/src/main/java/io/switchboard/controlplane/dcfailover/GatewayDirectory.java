package io.switchboard.controlplane.dcfailover;

import io.switchboard.api.dcfailover.GatewayDirectoryView;
import io.switchboard.api.dcfailover.GatewayDirectoryView.DataCenterEndpoints;
import io.switchboard.api.topology.DataCenterView;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.topology.NodeRegistration;
import io.switchboard.controlplane.topology.TopologyService;
import io.switchboard.runtime.sharding.ReplicaSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gateway endpoint directory: which data centres' gateways clients may use. Every DC serves
 * unless a DC failover removed it (table {@code gateway_directory_removal}); its switchback
 * restores it. Removals are stored, so a restarted control plane still directs clients away.
 */
@Component
public class GatewayDirectory {

  private final JdbcClient jdbc;
  private final TopologyService topology;
  private final ReplicaControl replicas;
  private final Clock clock;

  GatewayDirectory(
      JdbcClient jdbc, TopologyService topology, ReplicaControl replicas, Clock clock) {
    this.jdbc = jdbc;
    this.topology = topology;
    this.replicas = replicas;
    this.clock = clock;
  }

  /** A removal: when, by which DC failover operation, and why. */
  record Removal(Instant at, String by, String reason) {}

  /** Removes {@code dc} (again: the first removal is kept). */
  void remove(String dc, String operationId, String reason) {
    if (removal(dc).isPresent()) {
      return;
    }
    jdbc.sql(
            "INSERT INTO gateway_directory_removal (dc, removed_at, removed_by, reason)"
                + " VALUES (?, ?, ?, ?)")
        .params(dc, clock.instant().atOffset(ZoneOffset.UTC), operationId, reason)
        .update();
  }

  /** Lets clients use {@code dc} again; nothing if it serves. */
  void restore(String dc) {
    jdbc.sql("DELETE FROM gateway_directory_removal WHERE dc = ?").param(dc).update();
  }

  /** Whether clients may use {@code dc}'s gateways. */
  public boolean isServing(String dc) {
    return removal(dc).isEmpty();
  }

  Optional<Removal> removal(String dc) {
    return jdbc.sql(
            "SELECT removed_at, removed_by, reason FROM gateway_directory_removal WHERE dc = ?")
        .param(dc)
        .query(
            (row, n) ->
                new Removal(
                    row.getObject("removed_at", OffsetDateTime.class).toInstant(),
                    row.getString("removed_by"),
                    row.getString("reason")))
        .optional();
  }

  /**
   * The directory for a client homed in {@code home} (may be null): serving DCs first, {@code home}
   * before the others, then those leading most of {@code home}'s shards now (where its users' data
   * moved), then by id; removed DCs last, by id.
   *
   * @throws IllegalArgumentException if {@code home} is not a configured data centre
   */
  public GatewayDirectoryView view(String home) {
    List<DataCenterView> dcs = topology.view().dataCenters();
    DataCenterView homeDc =
        home == null
            ? null
            : dcs.stream()
                .filter(dc -> dc.id().equals(home))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "there is no data centre '"
                                + home
                                + "'; the data centres are "
                                + String.join(
                                    ", ", dcs.stream().map(DataCenterView::id).toList())));
    Map<String, Long> ledHomeShards = homeDc == null ? Map.of() : ledShardsOf(homeDc);
    List<DataCenterEndpoints> entries = new ArrayList<>();
    for (DataCenterView dc : dcs) {
      Optional<Removal> removal = removal(dc.id());
      entries.add(
          new DataCenterEndpoints(
              dc.id(),
              removal.isEmpty(),
              gatewaysOf(dc.id()),
              removal.map(Removal::at).orElse(null),
              removal.map(Removal::by).orElse(null),
              removal.map(Removal::reason).orElse(null)));
    }
    entries.sort(
        Comparator.comparing((DataCenterEndpoints dc) -> !dc.serving())
            .thenComparing(dc -> !Objects.equals(dc.dc(), home))
            .thenComparing(dc -> -ledHomeShards.getOrDefault(dc.dc(), 0L))
            .thenComparing(DataCenterEndpoints::dc));
    return new GatewayDirectoryView(entries);
  }

  /** How many of {@code home}'s shards each DC leads now. */
  private Map<String, Long> ledShardsOf(DataCenterView home) {
    Map<String, String> dcOfNode = new HashMap<>();
    topology.nodes().forEach(node -> dcOfNode.put(node.id(), node.dc()));
    Map<String, Long> led = new HashMap<>();
    for (ReplicaSet set : replicas.shardMap().replicaSets()) {
      if (set.shard() >= home.firstShard() && set.shard() <= home.lastShard()) {
        String dc = dcOfNode.get(set.primary());
        if (dc != null) {
          led.merge(dc, 1L, Long::sum);
        }
      }
    }
    return led;
  }

  private List<String> gatewaysOf(String dc) {
    return topology.nodes().stream()
        .filter(node -> node.dc().equals(dc))
        .sorted(Comparator.comparing(NodeRegistration::id))
        .map(NodeRegistration::gatewayAddress)
        .filter(Objects::nonNull)
        .toList();
  }
}
