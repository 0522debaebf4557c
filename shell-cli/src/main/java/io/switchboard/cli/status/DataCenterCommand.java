package io.switchboard.cli.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.cli.connection.ConnectionOptions;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.OutputFormat;
import io.switchboard.cli.output.OutputFormatCompletion;
import java.util.List;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code dc list}: one row per data centre of the topology ({@code GET /api/v1/topology}) with its
 * shard range, how many of its nodes are up and its health ({@link DataCenterSummary.Health}).
 */
@Command(command = "dc")
public class DataCenterCommand {

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;
  private final ObjectMapper json;

  DataCenterCommand(
      ConnectionResolver connections, ControlPlaneClients clients, ObjectMapper json) {
    this.connections = connections;
    this.clients = clients;
    this.json = json;
  }

  /**
   * Prints every data centre in configuration order.
   *
   * @return the table, or the {@link DataCenterSummary} list as pretty JSON
   */
  @Command(
      command = "list",
      description =
          "Lists the data centres: id, name, region, the shards homed there, nodes up of all and"
              + " health (UP, DEGRADED: some nodes down, DOWN: none up, UNKNOWN: not checked yet). "
              + ExitStatus.HELP)
  public String list(
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
          String token)
      throws JsonProcessingException {
    OutputFormat format = OutputFormat.fromOptionValue(output);
    List<DataCenterSummary> dataCenters =
        clients.topology(connections.resolve(url, token)).topology().dataCenters().stream()
            .map(DataCenterSummary::of)
            .toList();
    return switch (format) {
      case TABLE -> DataCenterTable.render(dataCenters);
      case JSON -> json.writeValueAsString(dataCenters);
    };
  }
}
