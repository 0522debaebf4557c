package io.switchboard.cli.status;

import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.cli.output.TextTable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The table form of {@code status}: one row per node (columns DC, NODE, ROLES, HEALTH, GATEWAY,
 * ADMIN, SINCE), a data centre without nodes as one row of dashes, then a blank line and a summary
 * such as {@code 4 data centres, 12 nodes: 11 up, 1 down} ({@code , N unknown} is added when nodes
 * have not been checked yet). Missing values print as {@code -}; times are ISO-8601 UTC to the
 * second.
 */
final class TopologyTable {

  private static final String NONE = "-";

  private TopologyTable() {}

  /** The table, the summary line and one line per placement note, without a final line break. */
  static String render(TopologyView topology) {
    TextTable table = new TextTable("DC", "NODE", "ROLES", "HEALTH", "GATEWAY", "ADMIN", "SINCE");
    for (DataCenterView dataCenter : topology.dataCenters()) {
      if (dataCenter.nodes().isEmpty()) {
        table.addRow(dataCenter.id(), NONE, NONE, NONE, NONE, NONE, NONE);
      }
      dataCenter.nodes().forEach(node -> table.addRow(row(dataCenter, node)));
    }
    StringBuilder text = new StringBuilder(table.render()).append('\n').append(summary(topology));
    for (String note : topology.placementNotes()) {
      text.append("\nplacement: ").append(note);
    }
    return text.toString();
  }

  /** The summary line, for example {@code 4 data centres, 12 nodes: 11 up, 1 down}. */
  static String summary(TopologyView topology) {
    long nodes = topology.nodes().count();
    String line =
        count(topology.dataCenters().size(), "data centre", "data centres")
            + ", "
            + count(nodes, "node", "nodes")
            + ": "
            + withHealth(topology, NodeHealth.UP)
            + " up, "
            + withHealth(topology, NodeHealth.DOWN)
            + " down";
    long unknown = withHealth(topology, NodeHealth.UNKNOWN);
    return unknown == 0 ? line : line + ", " + unknown + " unknown";
  }

  private static String[] row(DataCenterView dataCenter, NodeView node) {
    return new String[] {
      dataCenter.id(),
      node.id(),
      roles(node),
      node.health() == null ? NONE : node.health().name(),
      orNone(node.gatewayAddress()),
      orNone(node.adminAddress()),
      time(node.healthSince())
    };
  }

  private static String roles(NodeView node) {
    if (node.roles() == null || node.roles().isEmpty()) {
      return NONE;
    }
    return node.roles().stream()
        .sorted()
        .map(NodeRole::name)
        .map(role -> role.toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(","));
  }

  private static long withHealth(TopologyView topology, NodeHealth health) {
    return topology.nodes().filter(node -> node.health() == health).count();
  }

  private static String count(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? NONE : value;
  }

  private static String time(Instant instant) {
    return instant == null ? NONE : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
