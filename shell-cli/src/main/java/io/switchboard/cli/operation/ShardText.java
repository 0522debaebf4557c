package io.switchboard.cli.operation;

import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardMapView.ShardSummary;
import io.switchboard.api.shard.ShardView;
import io.switchboard.api.shard.ShardView.HistoryEntry;
import io.switchboard.api.shard.ShardView.ReplicaView;
import io.switchboard.cli.output.TextTable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The text forms of the shard map, for people: {@code shard list} (one row per shard, then the map
 * version and its drift) and {@code shard show} (the replica set, every replica with its progress
 * and lag, and the operations that acted on the shard). Missing values print as {@code -}; times
 * are ISO-8601 UTC to the second. No text ends with a line break.
 */
final class ShardText {

  private static final String NONE = "-";

  private ShardText() {}

  /**
   * Keeps the shards whose home DC is {@code dc} (ignoring case) and that have a replica (primary,
   * follower or async) on {@code node} (ignoring case), at most {@code limit} of them; {@code null}
   * filters nothing.
   */
  static ShardMapView filter(ShardMapView map, String dc, String node, Integer limit) {
    Stream<ShardSummary> shards =
        orEmpty(map.shards()).stream()
            .filter(shard -> dc == null || dc.equalsIgnoreCase(shard.homeDc()))
            .filter(
                shard ->
                    node == null || replicaNodes(shard).stream().anyMatch(node::equalsIgnoreCase));
    if (limit != null) {
      shards = shards.limit(limit);
    }
    return new ShardMapView(map.version(), shards.toList(), orEmpty(map.drift()));
  }

  /**
   * One row per shard (SHARD, HOME DC, PRIMARY, EPOCH, FOLLOWERS, ASYNC), then a blank line, the
   * map version and either {@code No drift.} or one line per drift.
   */
  static String list(ShardMapView map) {
    StringBuilder text = new StringBuilder();
    List<ShardSummary> shards = orEmpty(map.shards());
    if (shards.isEmpty()) {
      text.append("No shards match.\n");
    } else {
      TextTable table = new TextTable("SHARD", "HOME DC", "PRIMARY", "EPOCH", "FOLLOWERS", "ASYNC");
      for (ShardSummary shard : shards) {
        table.addRow(
            Integer.toString(shard.shard()),
            orNone(shard.homeDc()),
            orNone(shard.primary()),
            Long.toString(shard.epoch()),
            names(shard.followers()),
            names(shard.asyncReplicas()));
      }
      text.append(table.render());
    }
    text.append('\n').append("Map version ").append(map.version()).append('\n');
    List<String> drift = orEmpty(map.drift());
    if (drift.isEmpty()) {
      text.append("No drift: every running node serves this map.");
    } else {
      text.append("Drift:");
      drift.forEach(line -> text.append("\n  ").append(line));
    }
    return text.toString();
  }

  /** The shard's replica set, then its replicas as a table, then its history as a table. */
  static String show(ShardView view) {
    ShardSummary summary = view.summary();
    TextTable fields = new TextTable("", "");
    fields.addRow("Shard", summary == null ? NONE : Integer.toString(summary.shard()));
    if (summary != null) {
      fields.addRow("Home DC", orNone(summary.homeDc()));
      fields.addRow("Primary", orNone(summary.primary()));
      fields.addRow("Epoch", Long.toString(summary.epoch()));
      fields.addRow("Followers", names(summary.followers()));
      fields.addRow("Async", names(summary.asyncReplicas()));
    }
    TextTable replicas =
        new TextTable(
            "NODE",
            "DC",
            "KIND",
            "REACHABLE",
            "ROLE",
            "LAST SEQ",
            "COMMIT SEQ",
            "LAG RECORDS",
            "LAG MS");
    for (ReplicaView replica : orEmpty(view.replicas())) {
      replicas.addRow(
          orNone(replica.node()),
          orNone(replica.dc()),
          orNone(replica.kind()),
          replica.reachable() ? "yes" : "no",
          orNone(replica.role()),
          Long.toString(replica.lastSeq()),
          Long.toString(replica.commitSeq()),
          Long.toString(replica.lagRecords()),
          Long.toString(replica.lagMillis()));
    }
    StringBuilder text =
        new StringBuilder(withoutHeader(fields.render()))
            .append('\n')
            .append(replicas.render())
            .append('\n');
    List<HistoryEntry> history = orEmpty(view.history());
    if (history.isEmpty()) {
      text.append("No operations have acted on this shard.");
    } else {
      TextTable operations = new TextTable("OPERATION", "TITLE", "STATE", "UPDATED");
      for (HistoryEntry entry : history) {
        operations.addRow(
            orNone(entry.operationId()),
            orNone(entry.title()),
            orNone(entry.state()),
            time(entry.updatedAt() == null ? entry.createdAt() : entry.updatedAt()));
      }
      text.append(operations.render().stripTrailing());
    }
    return text.toString();
  }

  private static List<String> replicaNodes(ShardSummary shard) {
    return Stream.of(
            Stream.of(shard.primary()),
            orEmpty(shard.followers()).stream(),
            orEmpty(shard.asyncReplicas()).stream())
        .flatMap(nodes -> nodes)
        .filter(Objects::nonNull)
        .toList();
  }

  private static String names(List<String> nodes) {
    return nodes == null || nodes.isEmpty() ? NONE : String.join(",", nodes);
  }

  /** A two-column table rendered without its (empty) header line. */
  private static String withoutHeader(String rendered) {
    return rendered.substring(rendered.indexOf('\n') + 1);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? NONE : value;
  }

  private static String time(Instant instant) {
    return instant == null ? NONE : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code value} stripped, or {@code null} when it is missing or blank. */
  static String option(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
