package io.switchboard.cli.operation;

import io.switchboard.api.drill.DrillApi;
import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.operation.OperationView;
import io.switchboard.cli.connection.Connection;
import io.switchboard.cli.connection.ConnectionOptions;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.OutputFormat;
import io.switchboard.cli.output.OutputFormatCompletion;
import java.util.List;
import java.util.Map;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code drill run node|shard|dc}, {@code drill list}, {@code drill show}: failover drills, for
 * on-call to rehearse and measure a node's failure.
 *
 * <p>{@code drill run} starts a durable operation of type {@value #DRILL} ({@code POST
 * /api/v1/operations}) with the parameter {@code node}, {@code shard} (the drill fails the node
 * that leads it) or {@code dc} (every node of the data centre is killed and the DC failover timed;
 * the DC is switched back afterwards). A node or shard drill always also sends {@code fault}, the
 * value of {@code --fault} ({@link DrillFault}): {@code kill} (the default) or {@code partition}
 * (the node is cut off its cluster network while its process keeps running, and a write through its
 * own gateway must not be acknowledged); a DC drill sends none. Any other value is a usage error
 * and nothing is sent. The drill writes synthetic traffic, injects the fault, times the automatic
 * failover, checks that no acknowledged write was lost and that the node's old epoch is fenced once
 * it is back, and stores a report. It is started by {@link OperationLauncher}: the plan of a dry
 * run, a question that says what the drill does to the node unless {@code --yes}, {@code
 * --dry-run}, {@code --no-watch}, live progress, exit status 3 unless the drill SUCCEEDED (a drill
 * whose objectives were missed FAILED). When the watched drill has ended, its report ({@code GET
 * /api/v1/drills/{id}}) follows the operation; with {@code --output json} the one document is
 * {@code {"operation": ..., "report": ...}} ({@code report} null when the drill ended before it
 * stored one).
 *
 * <p>{@code drill list} shows the newest reports, one row each; {@code drill show} one report with
 * its timeline as a text bar chart; with {@code --output json} both print the reports as the
 * control plane sends them. An unknown id is the control plane's 404 problem: exit status 3.
 */
@Command(command = "drill", group = "Operations")
public class DrillCommands {

  static final String DRILL = "DRILL";

  /** The drill's last step, which stores the report. */
  static final String REPORT_STEP = "report";

  /** How many reports {@code drill list} shows by default. */
  static final String DEFAULT_LIMIT = "20";

  private static final String ID_HELP =
      "drill id (its operation's id), as 'drill list' shows it (also the first argument)";

  private static final String FAULT_HELP =
      "what the drill does to the node: kill (the default: killed abruptly, like a crash) or"
          + " partition (cut off its cluster network for a while, its process running; a write"
          + " through its own gateway must not be acknowledged)";

  private static final String RUN_HELP =
      " Shows the plan (a dry run), asks for confirmation unless --yes, starts the drill and"
          + " watches it until it has ended unless --no-watch, then prints its report. The drill"
          + " measures the automatic failover. Exit status 0 only if it"
          + " SUCCEEDED (every objective met); 3 if it FAILED (also when an objective was missed),"
          + " was CANCELLED or ROLLED_BACK, or was not confirmed. "
          + ExitStatus.HELP;

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;
  private final OperationConsole console;
  private final OperationLauncher launcher;

  DrillCommands(
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
   * What {@code drill run --output json} prints once the drill has ended.
   *
   * @param operation the finished {@value #DRILL} operation
   * @param report its report, or {@code null} when it ended before storing one
   */
  record DrillRun(OperationView operation, DrillReportView report) {}

  @Command(
      command = {"run", "node"},
      description =
          "Runs a failover drill of a node: kills it, or cuts it off its cluster network with"
              + " --fault partition."
              + RUN_HELP)
  public String runNode(
      @Option(
              longNames = "node",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = "node to drill, as 'node list' shows it (also the first argument)")
          @OptionValues(provider = NodeIdCompletion.NAME)
          String node,
      @Option(longNames = "fault", defaultValue = DrillFault.DEFAULT, description = FAULT_HELP)
          @OptionValues(provider = DrillFaultCompletion.NAME)
          String fault,
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
    String id = required(node, "Give the node to drill: its id, as 'node list' shows it.");
    DrillFault chosen = DrillFault.fromOptionValue(fault);
    return run("node", id, chosen, dryRun, yes, noWatch, output, url, token);
  }

  @Command(
      command = {"run", "shard"},
      description =
          "Runs a failover drill of the node that leads a shard: kills it, or cuts it off its"
              + " cluster network with --fault partition."
              + RUN_HELP)
  public String runShard(
      @Option(
              longNames = "shard",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description =
                  "the shard, 0 to 1023, whose primary is drilled (also the first argument)")
          String shard,
      @Option(longNames = "fault", defaultValue = DrillFault.DEFAULT, description = FAULT_HELP)
          @OptionValues(provider = DrillFaultCompletion.NAME)
          String fault,
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
    String number = required(shard, "Give the shard to drill: its number, 0 to 1023.");
    try {
      Integer.parseInt(number);
    } catch (NumberFormatException notANumber) {
      throw CliFailure.usage("'" + shard + "' is not a shard: give its number, 0 to 1023.");
    }
    DrillFault chosen = DrillFault.fromOptionValue(fault);
    return run("shard", number, chosen, dryRun, yes, noWatch, output, url, token);
  }

  @Command(
      command = {"run", "dc"},
      description =
          "Runs a failover drill of a whole data centre: kills its nodes (the control plane does"
              + " not offer it yet and says so)."
              + RUN_HELP)
  public String runDataCentre(
      @Option(
              longNames = "dc",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = "the data centre, as 'dc list' shows it (also the first argument)")
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
    String name = required(dc, "Give the data centre to drill: its id, as 'dc list' shows it.");
    return run("dc", name, null, dryRun, yes, noWatch, output, url, token);
  }

  @Command(
      command = "list",
      description =
          "Lists the newest failover drill reports: node, start, failover time (first write after"
              + " the fault), write unavailability, acknowledged and lost writes, verdict. "
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
              description = OperationCommands.OUTPUT_HELP)
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
    List<DrillReportView> reports = drills(connections.resolve(url, token)).reports(limit);
    return format == OutputFormat.JSON ? console.json(reports) : DrillText.list(reports);
  }

  @Command(
      command = "show",
      description =
          "Shows one failover drill report: node, shards, timeline of the failover with a bar"
              + " chart, unavailability, acknowledged and lost writes, fencing, and each objective"
              + " with its target, measured value and verdict. "
              + ExitStatus.HELP)
  public String show(
      @Option(
              longNames = "id",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = ID_HELP)
          @OptionValues(provider = DrillIdCompletion.NAME)
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
    String drill = required(id, "Give the drill to show: its id, as 'drill list' shows it.");
    DrillReportView report = drills(connections.resolve(url, token)).report(drill);
    return format == OutputFormat.JSON
        ? console.json(report)
        : DrillText.show(report, console.width());
  }

  /**
   * Launches a drill with the parameter {@code target}={@code value} and, unless {@code fault} is
   * null (a DC drill), {@code fault}={@code kill|partition}; asking for example "Run a failover
   * drill of europe-1? It KILLS europe-1 ... [y/N]".
   */
  private String run(
      String target,
      String value,
      DrillFault fault,
      boolean dryRun,
      boolean yes,
      boolean noWatch,
      String output,
      String url,
      String token) {
    OutputFormat format = OutputFormat.fromOptionValue(output);
    Connection connection = connections.resolve(url, token);
    Map<String, String> parameters =
        fault == null
            ? Map.of(target, value)
            : Map.of(target, value, DrillFault.PARAMETER, fault.optionValue());
    return launcher.launch(
        clients.operations(connection),
        DRILL,
        parameters,
        new OperationLauncher.Options(dryRun, yes, noWatch, format),
        plan -> question(plan, fault == null ? DrillFault.KILL : fault),
        plan -> parameters,
        (finished, resultFormat) -> result(connection, finished, resultFormat));
  }

  /** The confirmation question: it says what {@code fault} does to the planned node. */
  static String question(OperationView plan, DrillFault fault) {
    Map<String, String> planned = plan.parameters() == null ? Map.of() : plan.parameters();
    String node = planned.getOrDefault("node", "the node");
    String shard = planned.get("shard");
    int steps = plan.steps() == null ? 0 : plan.steps().size();
    String drilled = node + (shard == null ? "" : " (the primary of shard " + shard + ")");
    String effect =
        fault == DrillFault.PARTITION
            ? "CUTS "
                + node
                + " off its cluster network (its process keeps running), waits for the automatic"
                + " failover and checks that a write through "
                + node
                + "'s own gateway is not acknowledged"
            : "KILLS " + node + " (abruptly, like a crash) and waits for the automatic failover";
    return "Run a failover drill of "
        + drilled
        + "? It "
        + effect
        + "; "
        + steps
        + " steps. [y/N] ";
  }

  /**
   * The finished drill, then its report: JSON {@code {"operation": ..., "report": ...}}, or the
   * text of the watch followed by the report. A drill that ended before its {@code report} step (it
   * failed or was cancelled earlier) stored none; that is said instead. A report that cannot be
   * read is an error only when the drill SUCCEEDED (else the drill's own failure is the error).
   */
  private String result(Connection connection, OperationView finished, OutputFormat format) {
    DrillReportView report = null;
    String missing = "the drill ended before its '" + REPORT_STEP + "' step";
    if (OperationStates.reached(finished, REPORT_STEP)) {
      try {
        report = drills(connection).report(finished.id());
      } catch (CliFailure unreadable) {
        if (OperationStates.succeeded(finished)) {
          throw unreadable;
        }
        missing = unreadable.getMessage().replaceFirst("\\.$", "");
      }
    }
    if (format == OutputFormat.JSON) {
      return console.json(new DrillRun(finished, report));
    }
    String text = console.result(finished, format);
    return report != null
        ? text + "\n\n" + DrillText.show(report, console.width())
        : text + "\n\nNo drill report: " + missing + ".";
  }

  private DrillApi drills(Connection connection) {
    return clients.drills(connection);
  }

  private static String required(String value, String message) {
    String stripped = ShardText.option(value);
    if (stripped == null) {
      throw CliFailure.usage(message);
    }
    return stripped;
  }
}
