package io.switchboard.cli.status;

import io.switchboard.cli.output.TextTable;
import java.util.List;

/**
 * The table form of {@code dc list}: one row per data centre (columns DC, NAME, REGION, SHARDS,
 * NODES UP, HEALTH), for example {@code europe Europe EU 256-511 2/3 DEGRADED}. Missing values
 * print as {@code -}; no text ends with a line break.
 */
final class DataCenterTable {

  private static final String NONE = "-";

  private DataCenterTable() {}

  /** The table, or a sentence when there are no data centres. */
  static String render(List<DataCenterSummary> dataCenters) {
    if (dataCenters.isEmpty()) {
      return "No data centres.";
    }
    TextTable table = new TextTable("DC", "NAME", "REGION", "SHARDS", "NODES UP", "HEALTH");
    for (DataCenterSummary dataCenter : dataCenters) {
      table.addRow(
          orNone(dataCenter.id()),
          orNone(dataCenter.name()),
          orNone(dataCenter.region()),
          dataCenter.firstShard() + "-" + dataCenter.lastShard(),
          dataCenter.nodesUp() + "/" + dataCenter.nodes(),
          dataCenter.health().name());
    }
    return table.render().stripTrailing();
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? NONE : value;
  }
}
