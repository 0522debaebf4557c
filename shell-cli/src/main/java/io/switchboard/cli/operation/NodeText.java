package io.switchboard.cli.operation;

import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.cli.output.TextTable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The text forms of nodes, for people: {@code node list} (one row per node with the number of
 * primaries and replicas it holds) and {@code node show} (one node's fields and the shards it
 * leads, follows and holds async replicas of, as compact ranges such as {@code 512-540,600}).
 * Missing values print as {@code -}; roles in lower case; times are ISO-8601 UTC to the second. No
 * text ends with a line break.
 */
final class NodeText {

  private static final String NONE = "-";

  private NodeText() {}

  /**
   * One row per node (NODE, DC, ROLES, ADDRESS, HEALTH, PRIMARIES, REPLICAS; the address is the
   * admin endpoint), then a blank line and a summary such as {@code 12 nodes: 11 up, 1 down; shards
   * from map version 12}, or a sentence when there are no nodes.
   */
  static String list(List<NodeRow> nodes, long mapVersion) {
    if (nodes.isEmpty()) {
      return "No nodes.";
    }
    TextTable table =
        new TextTable("NODE", "DC", "ROLES", "ADDRESS", "HEALTH", "PRIMARIES", "REPLICAS");
    for (NodeRow node : nodes) {
      table.addRow(
          orNone(node.id()),
          orNone(node.dc()),
          roles(node.roles()),
          orNone(node.adminAddress()),
          health(node.health()),
          Integer.toString(node.primaries()),
          Integer.toString(node.replicas()));
    }
    return table.render() + "\n" + summary(nodes, mapVersion);
  }

  /** The summary line under {@link #list}. */
  static String summary(List<NodeRow> nodes, long mapVersion) {
    String line =
        (nodes.size() == 1 ? "1 node" : nodes.size() + " nodes")
            + ": "
            + withHealth(nodes, NodeHealth.UP)
            + " up, "
            + withHealth(nodes, NodeHealth.DOWN)
            + " down";
    long unknown =
        nodes.size() - withHealth(nodes, NodeHealth.UP) - withHealth(nodes, NodeHealth.DOWN);
    return (unknown == 0 ? line : line + ", " + unknown + " unknown")
        + "; shards from map version "
        + mapVersion;
  }

  /**
   * The node's fields, one per line: id, DC, roles, health and since when, the last error (only
   * when there is one), gateway and admin addresses, then the shards it leads, follows and holds
   * async replicas of, each as compact ranges with their count, and the map version.
   */
  static String show(NodeDetail node) {
    TextTable fields = new TextTable("", "");
    fields.addRow("Node", orNone(node.id()));
    fields.addRow("DC", orNone(node.dc()));
    fields.addRow("Roles", roles(node.roles()));
    fields.addRow(
        "Health",
        health(node.health())
            + (node.healthSince() == null ? "" : " since " + time(node.healthSince())));
    if (node.lastError() != null && !node.lastError().isBlank()) {
      fields.addRow("Last error", node.lastError());
    }
    fields.addRow("Gateway", orNone(node.gatewayAddress()));
    fields.addRow("Admin", orNone(node.adminAddress()));
    fields.addRow("Leads", shards(node.leads()));
    fields.addRow("Follows", shards(node.follows()));
    fields.addRow("Async", shards(node.asyncReplicaOf()));
    fields.addRow("Map version", Long.toString(node.mapVersion()));
    return withoutHeader(fields.render()).stripTrailing();
  }

  /** For example {@code 512-540,600 (30 shards)}, or {@code none}. */
  static String shards(List<Integer> shards) {
    if (shards == null || shards.isEmpty()) {
      return "none";
    }
    return ShardRanges.compact(shards)
        + " ("
        + (shards.size() == 1 ? "1 shard" : shards.size() + " shards")
        + ")";
  }

  private static long withHealth(List<NodeRow> nodes, NodeHealth health) {
    return nodes.stream().filter(node -> node.health() == health).count();
  }

  private static String roles(List<NodeRole> roles) {
    if (roles == null || roles.isEmpty()) {
      return NONE;
    }
    return roles.stream()
        .map(role -> role.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(","));
  }

  private static String health(NodeHealth health) {
    return health == null ? NONE : health.name();
  }

  /** A two-column table rendered without its (empty) header line. */
  private static String withoutHeader(String rendered) {
    return rendered.substring(rendered.indexOf('\n') + 1);
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? NONE : value;
  }

  private static String time(Instant instant) {
    return instant == null ? NONE : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
