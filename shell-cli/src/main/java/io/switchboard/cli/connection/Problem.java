package io.switchboard.cli.connection;

/**
 * The fields of an RFC 7807 problem response ({@code application/problem+json}) that the CLI shows
 * to the user; any other fields are ignored.
 *
 * @param title short summary of the problem type, or {@code null}
 * @param detail explanation of this occurrence, or {@code null}
 */
record Problem(String title, String detail) {

  /** The detail if present, else the title, else empty. */
  String explanation() {
    if (detail != null && !detail.isBlank()) {
      return detail;
    }
    return title == null ? "" : title;
  }
}
