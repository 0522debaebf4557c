package io.switchboard.controlplane.topology;

import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.controlplane.topology.TopologyProperties.DataCenterSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Persists data centres and nodes (tables {@code data_center} and {@code node}). */
@Repository
class TopologyRepository {

  private final JdbcClient jdbc;

  TopologyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Makes the stored data centres match the configuration (insert or update; never delete). */
  @Transactional
  void saveDataCenters(List<DataCenterSpec> dataCenters) {
    for (int position = 0; position < dataCenters.size(); position++) {
      DataCenterSpec dc = dataCenters.get(position);
      int updated =
          jdbc.sql(
                  "UPDATE data_center SET name = ?, region = ?, first_shard = ?, last_shard = ?,"
                      + " position = ? WHERE id = ?")
              .params(dc.name(), dc.region(), dc.firstShard(), dc.lastShard(), position, dc.id())
              .update();
      if (updated == 0) {
        jdbc.sql(
                "INSERT INTO data_center (id, name, region, first_shard, last_shard, position)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")
            .params(dc.id(), dc.name(), dc.region(), dc.firstShard(), dc.lastShard(), position)
            .update();
      }
    }
  }

  /** Inserts or replaces a node with the given state. */
  @Transactional
  void saveNode(NodeState state) {
    NodeRegistration node = state.node();
    String roles = node.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    // Same column order in both statements; the id goes last so UPDATE can use it in WHERE.
    Object[] values = {
      node.dc(),
      roles,
      node.host(),
      node.gatewayPort(),
      node.adminPort(),
      state.health().name(),
      utc(state.healthSince()),
      state.lastError(),
      node.id()
    };
    int updated =
        jdbc.sql(
                "UPDATE node SET dc_id = ?, roles = ?, host = ?, gateway_port = ?, admin_port = ?,"
                    + " health = ?, health_since = ?, last_error = ? WHERE id = ?")
            .params(values)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO node (dc_id, roles, host, gateway_port, admin_port, health,"
                  + " health_since, last_error, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(values)
          .update();
    }
  }

  /** Records a health transition of a known node. */
  void saveHealth(String nodeId, NodeHealth health, Instant since, String lastError) {
    jdbc.sql("UPDATE node SET health = ?, health_since = ?, last_error = ? WHERE id = ?")
        .params(health.name(), utc(since), lastError, nodeId)
        .update();
  }

  /** Every stored node, ordered by id. */
  List<NodeState> findNodes() {
    return jdbc.sql(
            "SELECT id, dc_id, roles, host, gateway_port, admin_port, health, health_since,"
                + " last_error FROM node ORDER BY id")
        .query(TopologyRepository::mapNode)
        .list();
  }

  private static NodeState mapNode(ResultSet rs, int row) throws SQLException {
    EnumSet<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
    Arrays.stream(rs.getString("roles").split(","))
        .filter(s -> !s.isBlank())
        .forEach(r -> roles.add(NodeRole.valueOf(r)));
    int gatewayPort = rs.getInt("gateway_port");
    Integer gateway = rs.wasNull() ? null : gatewayPort;
    NodeRegistration node =
        new NodeRegistration(
            rs.getString("id"),
            rs.getString("dc_id"),
            roles,
            rs.getString("host"),
            gateway,
            rs.getInt("admin_port"));
    return new NodeState(
        node,
        NodeHealth.valueOf(rs.getString("health")),
        rs.getObject("health_since", OffsetDateTime.class).toInstant(),
        rs.getString("last_error"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
