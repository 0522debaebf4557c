package io.switchboard.cli.operation;

import io.switchboard.api.dcfailover.DcFailoverReportView;
import io.switchboard.api.operation.OperationView;
import io.switchboard.cli.connection.Connection;
import io.switchboard.cli.connection.ConnectionOptions;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.OutputFormat;
import io.switchboard.cli.output.OutputFormatCompletion;
import java.util.Map;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code dc failover|switchback|report}: failing a whole data centre over to the others, bringing
 * it back, and what a failover did to each shard.
 *
 * <p>{@code dc failover} starts a durable operation of type {@value #FAILOVER} ({@code POST
 * /api/v1/operations}, parameter {@code dc}; the control plane records the trigger {@code
 * operator}): it removes the DC from the gateway directory, records each shard's data at risk (its
 * {@value #ASSESS_STEP} step), and promotes the shards' asynchronous replicas in other DCs. {@code
 * dc switchback} starts {@value #SWITCHBACK} (parameter {@code dc}): it waits until the DC's
 * replicas have rejoined and caught up, gives them the lead back and restores its gateways. Both
 * are started by {@link OperationLauncher}: the plan of a dry run, a question unless {@code --yes}
 * (the failover's says that the DC's clients move and that writes the asynchronous replicas had not
 * fetched are lost), {@code --dry-run}, {@code --no-watch}, live progress, exit status 3 unless the
 * operation SUCCEEDED. A plan the control plane refuses (400: for example a DC whose shards have no
 * replica elsewhere because of residency) or that conflicts with another operation (409) is its
 * problem detail, exit status 3.
 *
 * <p>When a watched failover has ended, its report ({@code GET /api/v1/dc-failovers/{id}}) follows
 * the operation ({@link DcFailoverText#report}); with {@code --output json} the one document is
 * {@code {"operation": ..., "report": ...}} ({@code report} null when the failover ended before it
 * recorded one). {@code dc report} shows the report of a failover by its operation id; with {@code
 * --output json} the report as the control plane sends it. An unknown id is the control plane's 404
 * problem: exit status 3.
 */
@Command(command = "dc", group = "Operations")
public class DcFailoverCommands {

  static final String FAILOVER = "DC_FAILOVER";
  static final String SWITCHBACK = "DC_SWITCHBACK";

  /** The failover's step that records the data at risk: the report exists once it has run. */
  static final String ASSESS_STEP = "assess-risk";

  private static final String DC_HELP =
      "the data centre, as 'dc list' shows it (also the first argument)";

  private static final String WATCH_HELP =
      " Shows the plan (a dry run), asks for confirmation unless --yes, starts it and watches it"
          + " until it has ended unless --no-watch. Exit status 0 only if it SUCCEEDED; 3 if it"
          + " FAILED, was CANCELLED or ROLLED_BACK, was refused, or was not confirmed. "
          + ExitStatus.HELP;

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;
  private final OperationConsole console;
  private final OperationLauncher launcher;

  DcFailoverCommands(
      ConnectionResolver connections,
      ControlPlaneClients clients,
      OperationConsole console,
      OperationLauncher launcher) {
    this.connections = connections;
    this.clients = clients;
    this.console = console;
    this.launcher = launcher;
  }

  /**
   * What {@code dc failover --output json} prints once the failover has ended.
   *
   * @param operation the finished {@value #FAILOVER} operation
   * @param report its report, or {@code null} when it ended before recording one
   */
  record DcFailoverRun(OperationView operation, DcFailoverReportView report) {}

  @Command(
      command = "failover",
      description =
          "Fails a data centre over to the others: removes its gateways from the directory (its"
              + " clients move to other DCs), records each shard's data at risk and promotes the"
              + " shards' asynchronous replicas in other DCs; writes they had not fetched are"
              + " LOST. Then prints the per-shard report."
              + WATCH_HELP)
  public String failover(
      @Option(
              longNames = "dc",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = DC_HELP)
          @OptionValues(provider = DataCenterCompletion.NAME)
          String dc,
      @Option(
              longNames = "dry-run",
              arity = OptionArity.ZERO,
              description = "only show the plan; change nothing")
          boolean dryRun,
      @Option(
              longNames = "yes",
              shortNames = 'y',
              arity = OptionArity.ZERO,
              description = OperationCommands.YES_HELP)
          boolean yes,
      @Option(
              longNames = "no-watch",
              arity = OptionArity.ZERO,
              description = "start it and return its id without waiting for the end")
          boolean noWatch,
      @Option(
              longNames = "output",
              shortNames = 'o',
              defaultValue = "table",
              description = OperationCommands.OUTPUT_HELP)
          @OptionValues(provider = OutputFormatCompletion.NAME)
          String output,
      @Option(longNames = ConnectionOptions.URL, description = ConnectionOptions.URL_HELP)
          String url,
      @Option(longNames = ConnectionOptions.TOKEN, description = ConnectionOptions.TOKEN_HELP)
          String token) {
    String name = required(dc, "Give the data centre to fail over: its id, as 'dc list' shows it.");
    OutputFormat format = OutputFormat.fromOptionValue(output);
    Connection connection = connections.resolve(url, token);
    Map<String, String> parameters = Map.of("dc", name);
    return launcher.launch(
        clients.operations(connection),
        FAILOVER,
        parameters,
        new OperationLauncher.Options(dryRun, yes, noWatch, format),
        DcFailoverCommands::failoverQuestion,
        plan -> parameters,
        (finished, resultFormat) -> failoverResult(connection, finished, resultFormat));
  }

  @Command(
      command = "switchback",
      description =
          "Switches a failed-over data centre back once its nodes are up again: waits until its"
              + " replicas have rejoined and caught up, gives them the lead of its shards back and"
              + " restores its gateways in the directory."
              + WATCH_HELP)
  public String switchback(
      @Option(
              longNames = "dc",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = DC_HELP)
          @OptionValues(provider = DataCenterCompletion.NAME)
          String dc,
      @Option(
              longNames = "dry-run",
              arity = OptionArity.ZERO,
              description = "only show the plan; change nothing")
          boolean dryRun,
      @Option(
              longNames = "yes",
              shortNames = 'y',
              arity = OptionArity.ZERO,
              description = OperationCommands.YES_HELP)
          boolean yes,
      @Option(
              longNames = "no-watch",
              arity = OptionArity.ZERO,
              description = "start it and return its id without waiting for the end")
          boolean noWatch,
      @Option(
              longNames = "output",
              shortNames = 'o',
              defaultValue = "table",
              description = OperationCommands.OUTPUT_HELP)
          @OptionValues(provider = OutputFormatCompletion.NAME)
          String output,
      @Option(longNames = ConnectionOptions.URL, description = ConnectionOptions.URL_HELP)
          String url,
      @Option(longNames = ConnectionOptions.TOKEN, description = ConnectionOptions.TOKEN_HELP)
          String token) {
    String name =
        required(dc, "Give the data centre to switch back: its id, as 'dc list' shows it.");
    return launcher.launch(
        clients.operations(connections.resolve(url, token)),
        SWITCHBACK,
        Map.of("dc", name),
        new OperationLauncher.Options(dryRun, yes, noWatch, OutputFormat.fromOptionValue(output)),
        DcFailoverCommands::switchbackQuestion);
  }

  @Command(
      command = "report",
      description =
          "Shows the per-shard report of a DC failover: shards promoted, records at risk, the"
              + " shards with the most records at risk and the shards not promoted with their"
              + " failure. "
              + ExitStatus.HELP)
  public String report(
      @Option(
              longNames = "id",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description =
                  "the DC failover's operation id, as 'op list' shows it (also the first argument)")
          @OptionValues(provider = OperationIdCompletion.NAME)
          String id,
      @Option(
              longNames = "output",
              shortNames = 'o',
              defaultValue = "table",
              description = OperationCommands.OUTPUT_HELP)
          @OptionValues(provider = OutputFormatCompletion.NAME)
          String output,
      @Option(longNames = ConnectionOptions.URL, description = ConnectionOptions.URL_HELP)
          String url,
      @Option(longNames = ConnectionOptions.TOKEN, description = ConnectionOptions.TOKEN_HELP)
          String token) {
    OutputFormat format = OutputFormat.fromOptionValue(output);
    String operation =
        required(id, "Give the DC failover to report on: its operation id, as 'op list' shows it.");
    Connection connection = connections.resolve(url, token);
    DcFailoverReportView report = clients.dcFailovers(connection).report(operation);
    if (format == OutputFormat.JSON) {
      return console.json(report);
    }
    OperationView failover = clients.operations(connection).get(operation);
    return DcFailoverText.report(report, failover.createdAt());
  }

  /** The failover's question: the DC's clients move, unfetched writes are lost. */
  static String failoverQuestion(OperationView plan) {
    String dc = plannedDc(plan);
    return ("Fail %s over to the other data centres? Its clients are moved to the gateways of other"
            + " data centres, and writes its asynchronous replicas had not fetched are LOST; %s."
            + " [y/N] ")
        .formatted(dc, steps(plan));
  }

  /** The switchback's question. */
  static String switchbackQuestion(OperationView plan) {
    String dc = plannedDc(plan);
    return ("Switch %s back? Its replicas take the lead of its shards back once they have caught up,"
            + " and its gateways serve clients again; %s. [y/N] ")
        .formatted(dc, steps(plan));
  }

  /**
   * The finished failover, then its report: JSON {@code {"operation": ..., "report": ...}}, or the
   * text of the watch followed by the report. A failover that ended before its {@value
   * #ASSESS_STEP} step recorded none; that is said instead. A report that cannot be read is an
   * error only when the failover SUCCEEDED (else the failover's own failure is the error).
   */
  private String failoverResult(
      Connection connection, OperationView finished, OutputFormat format) {
    DcFailoverReportView report = null;
    String missing = "the failover ended before its '" + ASSESS_STEP + "' step";
    if (OperationStates.reached(finished, ASSESS_STEP)) {
      try {
        report = clients.dcFailovers(connection).report(finished.id());
      } catch (CliFailure unreadable) {
        if (OperationStates.succeeded(finished)) {
          throw unreadable;
        }
        missing = unreadable.getMessage().replaceFirst("\\.$", "");
      }
    }
    if (format == OutputFormat.JSON) {
      return console.json(new DcFailoverRun(finished, report));
    }
    String text = console.result(finished, format);
    return report != null
        ? text + "\n\n" + DcFailoverText.report(report, finished.createdAt())
        : text + "\n\nNo DC failover report: " + missing + ".";
  }

  private static String plannedDc(OperationView plan) {
    return plan.parameters() == null
        ? "the data centre"
        : plan.parameters().getOrDefault("dc", "the data centre");
  }

  private static String steps(OperationView plan) {
    int steps = plan.steps() == null ? 0 : plan.steps().size();
    return steps == 1 ? "1 step" : steps + " steps";
  }

  private static String required(String value, String message) {
    String stripped = ShardText.option(value);
    if (stripped == null) {
      throw CliFailure.usage(message);
    }
    return stripped;
  }
}
