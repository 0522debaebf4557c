package io.switchboard.controlplane.audit;

/** The CSV export's format (RFC 4180): a header line, then one line per event, CRLF-terminated. */
final class AuditCsv {

  static final String HEADER = "id,at,actor,action,parameters,outcome,detail\r\n";

  private AuditCsv() {}

  static String line(AuditEvent event) {
    return String.join(
            ",",
            Long.toString(event.id()),
            event.at().toString(),
            field(event.actor()),
            field(event.action()),
            field(event.parameters()),
            event.outcome().name(),
            field(event.detail()))
        + "\r\n";
  }

  /** A field, quoted when it holds a comma, a quote or a line break (quotes doubled). */
  static String field(String value) {
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
