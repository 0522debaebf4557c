package io.switchboard.cli.operation;

import io.switchboard.api.dcfailover.DcFailoverReportView;
import io.switchboard.api.dcfailover.DcFailoverReportView.ShardRisk;
import io.switchboard.api.dcfailover.GatewayDirectoryView;
import io.switchboard.api.dcfailover.GatewayDirectoryView.DataCenterEndpoints;
import io.switchboard.cli.output.TextTable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The text forms of data centre failover, for people: the per-shard report of a DC failover ({@code
 * dc failover}, {@code dc report}) and the gateway endpoint directory ({@code dc gateways}).
 * Missing values print as {@code -}; times are ISO-8601 UTC to the second. No text ends with a line
 * break.
 */
final class DcFailoverText {

  /** How many shards the report lists as the worst by lag. */
  static final int WORST_SHARDS = 10;

  private static final String NONE = "-";

  /** Promoted shards, most records at risk first; never sampled last; then by shard number. */
  private static final Comparator<ShardRisk> WORST_FIRST =
      Comparator.comparing(
              ShardRisk::lagRecords, Comparator.nullsLast(Comparator.<Long>reverseOrder()))
          .thenComparingInt(ShardRisk::shard);

  private DcFailoverText() {}

  /**
   * One report: its fields (operation, data centre, trigger, shards promoted of all, records at
   * risk, shards never sampled when there are any), then the {@value #WORST_SHARDS} promoted shards
   * with the most records at risk (shard, lost primary -> new primary, lag in records and seconds,
   * the age of the lag sample when the failover started), then every shard not promoted with its
   * failure.
   *
   * @param started when the failover started (its operation's creation), the reference of the
   *     sample age; {@code null} when unknown (the age prints as {@code -})
   */
  static String report(DcFailoverReportView report, Instant started) {
    List<ShardRisk> shards = report.shards();
    List<ShardRisk> promoted = shards.stream().filter(shard -> shard.newPrimary() != null).toList();
    List<ShardRisk> notPromoted =
        shards.stream().filter(shard -> shard.newPrimary() == null).toList();
    long unsampled = shards.stream().filter(shard -> shard.lagRecords() == null).count();

    TextTable fields = new TextTable("", "");
    fields.addRow("DC failover", orNone(report.operationId()));
    fields.addRow("Data centre", orNone(report.dc()));
    fields.addRow("Trigger", orNone(report.trigger()));
    fields.addRow("Promoted", promoted.size() + " of " + count(shards.size()));
    fields.addRow(
        "At risk",
        report.recordsAtRisk()
            + " records (the asynchronous replicas' lag at the last sample: possibly lost)");
    if (unsampled > 0) {
      fields.addRow("Not sampled", count(unsampled) + " (lag unknown)");
    }
    StringBuilder text = new StringBuilder(withoutHeader(fields.render()));

    if (promoted.isEmpty()) {
      text.append("\nNo shard was promoted.\n");
    } else {
      List<ShardRisk> worst = promoted.stream().sorted(WORST_FIRST).limit(WORST_SHARDS).toList();
      text.append("\nWorst ")
          .append(worst.size())
          .append(" of ")
          .append(promoted.size())
          .append(" promoted shards by lag (sample age: when the failover started)\n");
      TextTable table =
          new TextTable("SHARD", "LOST -> NEW PRIMARY", "LAG RECORDS", "LAG SECONDS", "SAMPLE AGE");
      for (ShardRisk shard : worst) {
        table.addRow(
            Integer.toString(shard.shard()),
            orNone(shard.lostPrimary()) + " -> " + orNone(shard.newPrimary()),
            shard.lagRecords() == null ? NONE : Long.toString(shard.lagRecords()),
            shard.lagSeconds() == null
                ? NONE
                : String.format(Locale.ROOT, "%.1f s", shard.lagSeconds()),
            sampleAge(shard.sampledAt(), started));
      }
      text.append(table.render());
    }

    if (!notPromoted.isEmpty()) {
      text.append("\nNot promoted: ").append(count(notPromoted.size())).append('\n');
      TextTable table = new TextTable("SHARD", "LOST PRIMARY", "FAILURE");
      for (ShardRisk shard : notPromoted) {
        table.addRow(
            Integer.toString(shard.shard()), orNone(shard.lostPrimary()), orNone(shard.failure()));
      }
      text.append(table.render());
    }
    return text.toString().stripTrailing();
  }

  /**
   * The directory: one row per data centre in the order the control plane sends them (DC, SERVING
   * or REMOVED, its gateways, and when, by which operation and why a DC failover removed it), or a
   * sentence when it is empty.
   */
  static String gateways(GatewayDirectoryView directory) {
    if (directory.dataCenters().isEmpty()) {
      return "No data centres in the gateway directory.";
    }
    TextTable table =
        new TextTable("DC", "STATE", "GATEWAYS", "REMOVED AT", "REMOVED BY", "REASON");
    for (DataCenterEndpoints dc : directory.dataCenters()) {
      table.addRow(
          orNone(dc.dc()),
          dc.serving() ? "SERVING" : "REMOVED",
          dc.gateways().isEmpty() ? NONE : String.join(", ", dc.gateways()),
          time(dc.removedAt()),
          orNone(dc.removedBy()),
          orNone(dc.reason()));
    }
    return table.render().stripTrailing();
  }

  /**
   * How old a lag sample was at {@code started}: seconds below two minutes, then minutes below two
   * hours, then hours; {@code -} when either is unknown; never negative.
   */
  static String sampleAge(Instant sampledAt, Instant started) {
    if (sampledAt == null || started == null) {
      return NONE;
    }
    long seconds = Math.max(0, Duration.between(sampledAt, started).toSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    return minutes < 120 ? minutes + " min" : minutes / 60 + " h";
  }

  private static String count(long shards) {
    return shards == 1 ? "1 shard" : shards + " shards";
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
