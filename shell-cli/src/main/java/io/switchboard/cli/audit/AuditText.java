package io.switchboard.cli.audit;

import io.switchboard.api.audit.AuditEventView;
import io.switchboard.cli.output.TextTable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The text forms of {@code audit}: the events as a table, and the line reporting an export. Missing
 * values print as {@code -}; times are ISO-8601 UTC to the second. No text ends with a line break.
 */
final class AuditText {

  private static final String NONE = "-";

  private AuditText() {}

  /**
   * One row per event (TIME, ACTOR, ACTION, OUTCOME, PARAMETERS, DETAIL) in the order the control
   * plane sent them (newest first), or a sentence when there are none.
   */
  static String list(List<AuditEventView> events) {
    if (events.isEmpty()) {
      return "No audit events.";
    }
    TextTable table = new TextTable("TIME", "ACTOR", "ACTION", "OUTCOME", "PARAMETERS", "DETAIL");
    for (AuditEventView event : events) {
      table.addRow(
          time(event.at()),
          cell(event.actor()),
          cell(event.action()),
          cell(event.outcome()),
          cell(event.parameters()),
          cell(event.detail()));
    }
    return table.render().stripTrailing();
  }

  /** For example {@code Wrote 4 lines (a header and 3 events) to /tmp/audit.csv}. */
  static String exported(Path file, int lines) {
    int events = Math.max(0, lines - 1);
    return "Wrote %d %s (a header and %d %s) to %s"
        .formatted(
            lines, lines == 1 ? "line" : "lines", events, events == 1 ? "event" : "events", file);
  }

  /**
   * The number of CSV records (RFC 4180) in {@code csv}, the header included: line breaks inside a
   * quoted field do not end a record; a last record without a final line break counts.
   */
  static int csvRecords(String csv) {
    int records = 0;
    boolean quoted = false;
    boolean recordStarted = false;
    for (int index = 0; index < csv.length(); index++) {
      char character = csv.charAt(index);
      if (character == '"') {
        quoted = !quoted;
        recordStarted = true;
      } else if (character == '\n' && !quoted) {
        records++;
        recordStarted = false;
      } else if (character != '\r' || quoted) {
        recordStarted = true;
      }
    }
    return recordStarted ? records + 1 : records;
  }

  /** One line per cell: line breaks in a value would break the table's rows. */
  private static String cell(String value) {
    return value == null || value.isBlank() ? NONE : value.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  private static String time(Instant instant) {
    return instant == null ? NONE : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
