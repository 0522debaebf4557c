package io.switchboard.cli.testing;

import io.switchboard.api.audit.AuditEventView;
import java.time.Instant;
import java.util.List;

/**
 * Audit events built from the API record, as the control plane would report them, oldest first: the
 * two switchovers of {@link Operations}, a denied node kill and a failed cancel whose parameters
 * hold a comma and quotes and whose detail spans two lines (to exercise CSV quoting).
 */
public final class AuditEvents {

  private AuditEvents() {}

  /** The events, oldest first. */
  public static List<AuditEventView> oldestFirst() {
    Instant start = Operations.CREATED;
    return List.of(
        new AuditEventView(
            1,
            start,
            "alice",
            "operation.create",
            "type=SHARD_SWITCHOVER shard=17 target=americas-2",
            "SUCCEEDED",
            "operation " + Operations.SUCCEEDED_ID),
        new AuditEventView(
            2,
            start.plusSeconds(300),
            "bob",
            "node.kill",
            "node=europe-2",
            "DENIED",
            "needs the OPERATOR role"),
        new AuditEventView(
            3,
            start.plusSeconds(600),
            "bob",
            "operation.create",
            "type=SHARD_SWITCHOVER shard=300 target=europe-3",
            "SUCCEEDED",
            "operation " + Operations.ROLLED_BACK_ID),
        new AuditEventView(
            4,
            start.plusSeconds(720),
            "alice",
            "operation.cancel",
            "id=" + Operations.SUCCEEDED_ID + ", reason=\"done, thanks\"",
            "FAILED",
            "operation is SUCCEEDED:\na finished operation cannot be cancelled"));
  }

  /** The export of {@code events} as the control plane writes it: RFC 4180, CRLF, a header. */
  public static String csv(List<AuditEventView> events) {
    StringBuilder csv = new StringBuilder("id,at,actor,action,parameters,outcome,detail\r\n");
    for (AuditEventView event : events) {
      csv.append(
              String.join(
                  ",",
                  Long.toString(event.id()),
                  event.at().toString(),
                  field(event.actor()),
                  field(event.action()),
                  field(event.parameters()),
                  event.outcome(),
                  field(event.detail())))
          .append("\r\n");
    }
    return csv.toString();
  }

  private static String field(String value) {
    if (value == null) {
      return "";
    }
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
