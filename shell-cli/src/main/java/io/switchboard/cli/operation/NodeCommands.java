package io.switchboard.cli.operation;

import io.switchboard.api.operation.OperationView;
import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.cli.connection.Connection;
import io.switchboard.cli.connection.ConnectionOptions;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.OutputFormat;
import io.switchboard.cli.output.OutputFormatCompletion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code node list|show|drain|restart}: the runtime nodes as the topology ({@code
 * /api/v1/topology}) and the newest shard map ({@code /api/v1/shards}) describe them, and the two
 * durable operations on a node.
 *
 * <p>{@code node list} shows one row per node (optionally of one data centre) with the number of
 * primaries and replicas it holds; {@code node show} one node with the shards it leads, follows and
 * holds async replicas of. A node or data centre the topology does not have is an error with exit
 * status 3, like an unknown shard, and the message names the ones there are.
 *
 * <p>{@code node drain} ({@value #DRAIN}: one switchover per shard the node leads) and {@code node
 * restart} ({@value #RESTART}) send the parameter {@code node} and nothing else; the control plane
 * plans them. Both are started by {@link OperationLauncher}: the plan of a dry run, a question
 * unless {@code --yes}, {@code --dry-run}, {@code --no-watch}, live progress, exit status 3 unless
 * the operation SUCCEEDED.
 */
@Command(command = "node", group = "Operations")
public class NodeCommands {

  static final String DRAIN = "NODE_DRAIN";
  static final String RESTART = "NODE_RESTART";

  private static final String NODE_HELP =
      "node id, as 'node list' shows it (also the first argument)";

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;
  private final OperationConsole console;
  private final OperationLauncher launcher;

  NodeCommands(
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
          "Lists the nodes with their data centre, roles, admin address, health and how many"
              + " primaries and other replicas of the newest shard map they hold. "
              + ExitStatus.HELP)
  public String list(
      @Option(longNames = "dc", description = "only the nodes of this data centre (id or name)")
          @OptionValues(provider = DataCenterCompletion.NAME)
          String dc,
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
    Connection connection = connections.resolve(url, token);
    TopologyView topology = clients.topology(connection).topology();
    List<DataCenterView> dataCenters =
        ShardText.option(dc) == null
            ? topology.dataCenters()
            : List.of(dataCenter(topology, ShardText.option(dc)));
    ShardMapView map = clients.shards(connection).shards();
    List<NodeRow> rows =
        dataCenters.stream()
            .flatMap(dataCenter -> dataCenter.nodes().stream())
            .map(node -> NodeRow.of(node, NodeShards.of(node.id(), map)))
            .toList();
    return format == OutputFormat.JSON ? console.json(rows) : NodeText.list(rows, map.version());
  }

  @Command(
      command = "show",
      description =
          "Shows one node: data centre, roles, health, addresses and the shards it leads, follows"
              + " and holds async replicas of in the newest shard map. "
              + ExitStatus.HELP)
  public String show(
      @Option(
              longNames = "node",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = NODE_HELP)
          @OptionValues(provider = NodeIdCompletion.NAME)
          String node,
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
    String id = nodeId(node, "show");
    Connection connection = connections.resolve(url, token);
    NodeView view = node(clients.topology(connection).topology(), id);
    ShardMapView map = clients.shards(connection).shards();
    NodeDetail detail = NodeDetail.of(view, map.version(), NodeShards.of(view.id(), map));
    return format == OutputFormat.JSON ? console.json(detail) : NodeText.show(detail);
  }

  @Command(
      command = "drain",
      description =
          "Moves every primary off a node to the other nodes of its data centre, one switchover"
              + " per shard: shows the plan (a dry run), asks for confirmation unless --yes,"
              + " starts the drain and watches it until it has finished unless --no-watch. Exit"
              + " status 0 only if it SUCCEEDED; 3 if it FAILED, was CANCELLED or ROLLED_BACK, or"
              + " was not confirmed. "
              + ExitStatus.HELP)
  public String drain(
      @Option(
              longNames = "node",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = NODE_HELP)
          @OptionValues(provider = NodeIdCompletion.NAME)
          String node,
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
    return launch(DRAIN, "Drain", node, dryRun, yes, noWatch, output, url, token);
  }

  @Command(
      command = "restart",
      description =
          "Restarts a node, its primaries moved away first: shows the plan (a dry run), asks for"
              + " confirmation unless --yes, starts the restart and watches it until it has"
              + " finished unless --no-watch. Exit status 0 only if it SUCCEEDED; 3 if it FAILED,"
              + " was CANCELLED or ROLLED_BACK, or was not confirmed. "
              + ExitStatus.HELP)
  public String restart(
      @Option(
              longNames = "node",
              required = true,
              arity = OptionArity.EXACTLY_ONE,
              description = NODE_HELP)
          @OptionValues(provider = NodeIdCompletion.NAME)
          String node,
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
    return launch(RESTART, "Restart", node, dryRun, yes, noWatch, output, url, token);
  }

  /**
   * Launches an operation of {@code type} on {@code node}, asking for example "Drain node
   * americas-1 (2 steps)? [y/N]".
   */
  private String launch(
      String type,
      String verb,
      String node,
      boolean dryRun,
      boolean yes,
      boolean noWatch,
      String output,
      String url,
      String token) {
    OutputFormat format = OutputFormat.fromOptionValue(output);
    String id = nodeId(node, verb.toLowerCase(Locale.ROOT));
    return launcher.launch(
        clients.operations(connections.resolve(url, token)),
        type,
        Map.of("node", id),
        new OperationLauncher.Options(dryRun, yes, noWatch, format),
        plan -> "%s node %s (%s)? [y/N] ".formatted(verb, plannedNode(plan, id), steps(plan)));
  }

  private static String nodeId(String node, String verb) {
    String id = ShardText.option(node);
    if (id == null) {
      throw CliFailure.usage(
          "Give the node to "
              + verb
              + ": its id, as 'node list' shows it, for example americas-1.");
    }
    return id;
  }

  /** The node of {@code topology} whose id is {@code id} (else the one ignoring case). */
  private static NodeView node(TopologyView topology, String id) {
    List<NodeView> nodes = topology.nodes().toList();
    return nodes.stream()
        .filter(candidate -> id.equals(candidate.id()))
        .findFirst()
        .or(
            () ->
                nodes.stream().filter(candidate -> id.equalsIgnoreCase(candidate.id())).findFirst())
        .orElseThrow(
            () ->
                CliFailure.operationFailed(
                    "There is no node '"
                        + id
                        + "': the nodes are "
                        + nodes.stream().map(NodeView::id).collect(Collectors.joining(", "))
                        + ".",
                    null));
  }

  /** The data centre whose id or name is {@code dc}, ignoring case. */
  private static DataCenterView dataCenter(TopologyView topology, String dc) {
    return topology.dataCenters().stream()
        .filter(
            candidate ->
                dc.equalsIgnoreCase(candidate.id()) || dc.equalsIgnoreCase(candidate.name()))
        .findFirst()
        .orElseThrow(
            () ->
                CliFailure.operationFailed(
                    "There is no data centre '"
                        + dc
                        + "': the data centres are "
                        + topology.dataCenters().stream()
                            .map(DataCenterView::id)
                            .collect(Collectors.joining(", "))
                        + ".",
                    null));
  }

  private static String plannedNode(OperationView plan, String node) {
    return plan.parameters() == null ? node : plan.parameters().getOrDefault("node", node);
  }

  private static String steps(OperationView plan) {
    int steps = plan.steps() == null ? 0 : plan.steps().size();
    return steps == 1 ? "1 step" : steps + " steps";
  }
}
