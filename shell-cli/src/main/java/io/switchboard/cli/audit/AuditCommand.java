package io.switchboard.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.audit.AuditApi;
import io.switchboard.api.audit.AuditEventView;
import io.switchboard.cli.connection.ConnectionOptions;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.OutputFormat;
import io.switchboard.cli.output.OutputFormatCompletion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code audit}: who did what, when, with which parameters, and how it ended ({@code
 * /api/v1/audit}), newest first. With {@code --export FILE} every event, oldest first, is written
 * to FILE as CSV (RFC 4180, as the control plane sends it) and the command prints where it wrote
 * how many lines.
 */
@Command(group = "Operations")
public class AuditCommand {

  /** How many events {@code audit} shows by default. */
  static final String DEFAULT_LIMIT = "20";

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;
  private final ObjectMapper json;

  AuditCommand(ConnectionResolver connections, ControlPlaneClients clients, ObjectMapper json) {
    this.connections = connections;
    this.clients = clients;
    this.json = json;
  }

  @Command(
      command = "audit",
      description =
          "Lists the newest audit events (time, actor, action, outcome, parameters, detail),"
              + " optionally of one actor or action; --export FILE writes every event as CSV to"
              + " FILE instead. "
              + ExitStatus.HELP)
  public String audit(
      @Option(longNames = "actor", description = "only events of this user (exact match)")
          String actor,
      @Option(
              longNames = "action",
              description = "only events of this action, e.g. operation.create (exact match)")
          String action,
      @Option(
              longNames = "limit",
              shortNames = 'n',
              defaultValue = DEFAULT_LIMIT,
              description = "show at most this many, newest first (default " + DEFAULT_LIMIT + ")")
          int limit,
      @Option(
              longNames = "export",
              description =
                  "write every event, oldest first, as CSV to this file (replaced if it exists)")
          String export,
      @Option(
              longNames = "output",
              shortNames = 'o',
              defaultValue = "table",
              description = "output format: table or json")
          @OptionValues(provider = OutputFormatCompletion.NAME)
          String output,
      @Option(longNames = ConnectionOptions.URL, description = ConnectionOptions.URL_HELP)
          String url,
      @Option(longNames = ConnectionOptions.TOKEN, description = ConnectionOptions.TOKEN_HELP)
          String token) {
    OutputFormat format = OutputFormat.fromOptionValue(output);
    if (limit < 1) {
      throw CliFailure.usage("--limit must be at least 1, not " + limit + ".");
    }
    String actorFilter = blankToNull(actor);
    String actionFilter = blankToNull(action);
    if (export != null) {
      if (export.isBlank()) {
        throw CliFailure.usage("--export needs a file name.");
      }
      if (actorFilter != null || actionFilter != null) {
        throw CliFailure.usage(
            "--export writes every event: it cannot be combined with --actor or --action.");
      }
      return export(target(export), format, url, token);
    }
    List<AuditEventView> events = api(url, token).events(limit, actorFilter, actionFilter);
    return format == OutputFormat.JSON ? json(events) : AuditText.list(events);
  }

  private String export(Path file, OutputFormat format, String url, String token) {
    String csv = api(url, token).export();
    String content = csv == null ? "" : csv;
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException failure) {
      throw CliFailure.operationFailed(
          "Cannot write the audit export to " + file + ": " + failure.getMessage(), failure);
    }
    int lines = AuditText.csvRecords(content);
    if (format == OutputFormat.JSON) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("file", file.toString());
      result.put("lines", lines);
      result.put("events", Math.max(0, lines - 1));
      return json(result);
    }
    return AuditText.exported(file, lines);
  }

  private static Path target(String export) {
    try {
      return Path.of(export.strip()).toAbsolutePath().normalize();
    } catch (InvalidPathException badPath) {
      throw CliFailure.usage(
          "--export '" + export + "' is not a file name: " + badPath.getReason());
    }
  }

  private AuditApi api(String url, String token) {
    return clients.audit(connections.resolve(url, token));
  }

  private String json(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException failure) {
      throw CliFailure.operationFailed("Cannot write the JSON output: " + failure, failure);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
