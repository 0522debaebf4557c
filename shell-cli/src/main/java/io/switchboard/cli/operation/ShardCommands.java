package io.switchboard.cli.operation;

import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.shard.ShardApi;
import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardView;
import io.switchboard.cli.connection.ConnectionOptions;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.OutputFormat;
import io.switchboard.cli.output.OutputFormatCompletion;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code shard list|show|switchover}: the shard map ({@code /api/v1/shards}) and the switchover of
 * a shard's primary.
 *
 * <p>{@code shard list} shows one row per shard of the newest map (filtered by home DC and by a
 * node holding a replica), then the map version and the nodes that drift from it; {@code shard
 * show} shows one shard's replicas with their progress and lag and the operations that acted on it.
 *
 * <p>{@code shard switchover}: moves a shard's primary to an in-DC follower with zero loss, as a
 * durable {@code SHARD_SWITCHOVER} operation, started by {@link OperationLauncher}.
 *
 * <ol>
 *   <li>Asks the control plane for a dry run and shows the plan (title, from, target, epoch,
 *       steps); with {@code --dry-run} that is all.
 *   <li>Asks "Switch shard N from X to Y? [y/N]" unless {@code --yes}; any other answer changes
 *       nothing and exits with status 3.
 *   <li>Creates the operation for the planned target.
 *   <li>Watches it until it has finished ({@link OperationWatcher}) unless {@code --no-watch}: exit
 *       status 0 only if it SUCCEEDED, 3 if it FAILED, was CANCELLED or ROLLED_BACK. An operation
 *       that waits for approval is not watched: the command says who must approve it and exits 0.
 * </ol>
 *
 * With {@code --output json} standard output carries exactly one JSON document: the plan (with
 * {@code --dry-run}), the created operation ({@code --no-watch}, or waiting for approval) or the
 * finished operation.
 */
@Command(command = "shard", group = "Operations")
public class ShardCommands {

  static final String SWITCHOVER = "SHARD_SWITCHOVER";

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;
  private final OperationConsole console;
  private final OperationLauncher launcher;

  ShardCommands(
      ConnectionResolver connections,
      ControlPlaneClients clients,
      OperationConsole console,
      OperationLauncher launcher) {
    this.connections = connections;
    this.clients = clients;
    this.console = console;
    this.launcher = launcher;
  }

  @Command(
      command = "list",
      description =
          "Lists the shards of the newest shard map (home DC, primary, epoch, followers, async"
              + " replicas), then the map version and the nodes that serve an older map. "
              + ExitStatus.HELP)
  public String list(
      @Option(longNames = "dc", description = "only shards whose home data centre is this one")
          @OptionValues(provider = DataCenterCompletion.NAME)
          String dc,
      @Option(
              longNames = "node",
              description = "only shards with a replica (primary, follower or async) on this node")
          @OptionValues(provider = NodeIdCompletion.NAME)
          String node,
      @Option(
              longNames = "limit",
              shortNames = 'n',
              description = "show at most this many, by shard number (default: all)")
          Integer limit,
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
    if (limit != null && limit < 1) {
      throw CliFailure.usage("--limit must be at least 1, not " + limit + ".");
    }
    ShardMapView map =
        ShardText.filter(
            shards(url, token).shards(), ShardText.option(dc), ShardText.option(node), limit);
    return format == OutputFormat.JSON ? console.json(map) : ShardText.list(map);
  }

  @Command(
      command = "show",
      description =
          "Shows one shard: its replica set, every replica with its progress and lag, and the"
              + " operations that acted on it. "
              + ExitStatus.HELP)
  public String show(
      @Option(
              longNames = "shard",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = "the shard, 0 to 1023 (also the first argument)")
          String shard,
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
    int number;
    try {
      number = Integer.parseInt(shard.strip());
    } catch (NumberFormatException notANumber) {
      throw CliFailure.usage("'" + shard + "' is not a shard: give its number, 0 to 1023.");
    }
    ShardView view = shards(url, token).shard(number);
    return format == OutputFormat.JSON ? console.json(view) : ShardText.show(view);
  }

  @Command(
      command = "switchover",
      description =
          "Moves a shard's primary to one of its in-DC followers with zero loss: shows the plan"
              + " (a dry run), asks for confirmation unless --yes, starts the switchover and"
              + " watches it until it has finished unless --no-watch. Exit status 0 only if it"
              + " SUCCEEDED; 3 if it FAILED, was CANCELLED or ROLLED_BACK, or was not confirmed. "
              + ExitStatus.HELP)
  public String switchover(
      @Option(
              longNames = "shard",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = "the shard, 0 to 1023 (also the first argument)")
          String shard,
      @Option(
              longNames = "target",
              description = "node to promote: an in-DC follower; default: the first follower")
          String target,
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
    OutputFormat format = OutputFormat.fromOptionValue(output);
    OperationApi operations = clients.operations(connections.resolve(url, token));
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("shard", shard.strip());
    if (target != null && !target.isBlank()) {
      parameters.put("target", target.strip());
    }
    return launcher.launch(
        operations,
        SWITCHOVER,
        parameters,
        new OperationLauncher.Options(dryRun, yes, noWatch, format),
        plan -> {
          Map<String, String> planned = planned(plan);
          return "Switch shard %s from %s to %s? [y/N] "
              .formatted(
                  planned.getOrDefault("shard", shard),
                  planned.getOrDefault("from", "its primary"),
                  planned.getOrDefault("target", "a follower"));
        },
        plan -> {
          // The target the user confirmed, even when the plan chose it: never a different follower.
          Map<String, String> confirmed = new LinkedHashMap<>(parameters);
          String plannedTarget = planned(plan).get("target");
          if (plannedTarget != null) {
            confirmed.put("target", plannedTarget);
          }
          return confirmed;
        });
  }

  private static Map<String, String> planned(OperationView plan) {
    return plan.parameters() == null ? Map.of() : plan.parameters();
  }

  private ShardApi shards(String url, String token) {
    return clients.shards(connections.resolve(url, token));
  }
}
