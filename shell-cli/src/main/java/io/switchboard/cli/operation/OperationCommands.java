package io.switchboard.cli.operation;

import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationView;
import io.switchboard.cli.connection.ConnectionOptions;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.OutputFormat;
import io.switchboard.cli.output.OutputFormatCompletion;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code op list|show|watch|cancel|approve}: the durable operations of the control plane ({@code
 * /api/v1/operations}). The operation id is the first argument ({@code op show 1f0c...}) or {@code
 * --id}; in the interactive shell TAB completes it from the newest operations.
 */
@Command(command = "op", group = "Operations")
public class OperationCommands {

  /** How many operations {@code op list} shows by default. */
  static final String DEFAULT_LIMIT = "20";

  static final String ID_HELP = "operation id, as 'op list' shows it (also the first argument)";
  static final String OUTPUT_HELP = "output format: table or json";
  static final String YES_HELP = "do not ask for confirmation";

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;
  private final OperationConsole console;
  private final OperationWatcher watcher;

  OperationCommands(
      ConnectionResolver connections,
      ControlPlaneClients clients,
      OperationConsole console,
      OperationWatcher watcher) {
    this.connections = connections;
    this.clients = clients;
    this.console = console;
    this.watcher = watcher;
  }

  @Command(
      command = "list",
      description =
          "Lists the newest operations (switchovers, drains, restarts) with their state. "
              + ExitStatus.HELP)
  public String list(
      @Option(
              longNames = "limit",
              shortNames = 'n',
              defaultValue = DEFAULT_LIMIT,
              description = "show at most this many, newest first (default " + DEFAULT_LIMIT + ")")
          int limit,
      @Option(
              longNames = "output",
              shortNames = 'o',
              defaultValue = "table",
              description = OUTPUT_HELP)
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
    var operations = api(url, token).list(limit);
    return format == OutputFormat.JSON ? console.json(operations) : OperationText.list(operations);
  }

  @Command(
      command = "show",
      description =
          "Shows one operation: its state, parameters and every step with its state, detail and"
              + " times. "
              + ExitStatus.HELP)
  public String show(
      @Option(
              longNames = "id",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = ID_HELP)
          @OptionValues(provider = OperationIdCompletion.NAME)
          String id,
      @Option(
              longNames = "output",
              shortNames = 'o',
              defaultValue = "table",
              description = OUTPUT_HELP)
          @OptionValues(provider = OutputFormatCompletion.NAME)
          String output,
      @Option(longNames = ConnectionOptions.URL, description = ConnectionOptions.URL_HELP)
          String url,
      @Option(longNames = ConnectionOptions.TOKEN, description = ConnectionOptions.TOKEN_HELP)
          String token) {
    OutputFormat format = OutputFormat.fromOptionValue(output);
    return console.show(api(url, token).get(id), format);
  }

  @Command(
      command = "watch",
      description =
          "Follows an operation until it has finished, polling it every 0.3 s: on a terminal a"
              + " progress line and each step's result; otherwise (and with --output json) only"
              + " the final result. Exit status 0 only if it SUCCEEDED; 3 if it FAILED, was"
              + " CANCELLED or ROLLED_BACK. "
              + ExitStatus.HELP)
  public String watch(
      @Option(
              longNames = "id",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = ID_HELP)
          @OptionValues(provider = OperationIdCompletion.NAME)
          String id,
      @Option(
              longNames = "output",
              shortNames = 'o',
              defaultValue = "table",
              description = OUTPUT_HELP)
          @OptionValues(provider = OutputFormatCompletion.NAME)
          String output,
      @Option(longNames = ConnectionOptions.URL, description = ConnectionOptions.URL_HELP)
          String url,
      @Option(longNames = ConnectionOptions.TOKEN, description = ConnectionOptions.TOKEN_HELP)
          String token) {
    OutputFormat format = OutputFormat.fromOptionValue(output);
    OperationApi operations = api(url, token);
    OperationView finished =
        watcher.watch(operations.get(id), () -> operations.get(id), console.progress(format));
    return console.finished(finished, format);
  }

  @Command(
      command = "cancel",
      description =
          "Cancels an operation: at once if it has not started, else at its next step boundary."
              + " Asks first unless --yes. "
              + ExitStatus.HELP)
  public String cancel(
      @Option(
              longNames = "id",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = ID_HELP)
          @OptionValues(provider = OperationIdCompletion.NAME)
          String id,
      @Option(longNames = "yes", shortNames = 'y', arity = OptionArity.ZERO, description = YES_HELP)
          boolean yes,
      @Option(
              longNames = "output",
              shortNames = 'o',
              defaultValue = "table",
              description = OUTPUT_HELP)
          @OptionValues(provider = OutputFormatCompletion.NAME)
          String output,
      @Option(longNames = ConnectionOptions.URL, description = ConnectionOptions.URL_HELP)
          String url,
      @Option(longNames = ConnectionOptions.TOKEN, description = ConnectionOptions.TOKEN_HELP)
          String token) {
    OutputFormat format = OutputFormat.fromOptionValue(output);
    OperationApi operations = api(url, token);
    if (!yes) {
      OperationView operation = operations.get(id);
      console.confirm(
          "Cancel operation %s (%s, %s)? [y/N] "
              .formatted(id, operation.title(), operation.state()),
          false);
    }
    return console.show(operations.cancel(id), format);
  }

  @Command(
      command = "approve",
      description =
          "Approves an operation that waits for a second person (needs the ADMIN role; not its"
              + " requester); it starts at once. Asks first unless --yes. "
              + ExitStatus.HELP)
  public String approve(
      @Option(
              longNames = "id",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = ID_HELP)
          @OptionValues(provider = OperationIdCompletion.NAME)
          String id,
      @Option(longNames = "yes", shortNames = 'y', arity = OptionArity.ZERO, description = YES_HELP)
          boolean yes,
      @Option(
              longNames = "output",
              shortNames = 'o',
              defaultValue = "table",
              description = OUTPUT_HELP)
          @OptionValues(provider = OutputFormatCompletion.NAME)
          String output,
      @Option(longNames = ConnectionOptions.URL, description = ConnectionOptions.URL_HELP)
          String url,
      @Option(longNames = ConnectionOptions.TOKEN, description = ConnectionOptions.TOKEN_HELP)
          String token) {
    OutputFormat format = OutputFormat.fromOptionValue(output);
    OperationApi operations = api(url, token);
    if (!yes) {
      OperationView operation = operations.get(id);
      console.confirm(
          "Approve operation %s (%s, requested by %s)? [y/N] "
              .formatted(id, operation.title(), operation.requester()),
          false);
    }
    return console.show(operations.approve(id), format);
  }

  private OperationApi api(String url, String token) {
    return clients.operations(connections.resolve(url, token));
  }
}
