package io.switchboard.cli.operation;

import io.switchboard.api.dcfailover.GatewayDirectoryView;
import io.switchboard.cli.connection.ConnectionOptions;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.OutputFormat;
import io.switchboard.cli.output.OutputFormatCompletion;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code dc gateways}: the gateway endpoint directory clients connect by ({@code GET
 * /api/v1/gateways}), one row per data centre: serving, or removed by a DC failover (when, by which
 * operation, why) until its switchback. With {@code --home} the serving DCs come in the order a
 * client homed there tries them (the control plane's order); with {@code --output json} the
 * directory as the control plane sends it.
 */
@Command(command = "dc", group = "Operations")
public class DcGatewaysCommand {

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;
  private final OperationConsole console;

  DcGatewaysCommand(
      ConnectionResolver connections, ControlPlaneClients clients, OperationConsole console) {
    this.connections = connections;
    this.clients = clients;
    this.console = console;
  }

  @Command(
      command = "gateways",
      description =
          "Lists the gateway directory clients connect by: per data centre SERVING or REMOVED (by"
              + " a DC failover, until its switchback), its gateways, and when, by which operation"
              + " and why it was removed. "
              + ExitStatus.HELP)
  public String gateways(
      @Option(
              longNames = "home",
              description =
                  "order the serving data centres as a client homed in this one tries them")
          @OptionValues(provider = DataCenterCompletion.NAME)
          String home,
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
    GatewayDirectoryView directory =
        clients.dcFailovers(connections.resolve(url, token)).gateways(ShardText.option(home));
    return format == OutputFormat.JSON
        ? console.json(directory)
        : DcFailoverText.gateways(directory);
  }
}
