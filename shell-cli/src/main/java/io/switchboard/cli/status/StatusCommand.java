package io.switchboard.cli.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.cli.connection.ConnectionOptions;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.OutputFormat;
import io.switchboard.cli.output.OutputFormatCompletion;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code status}: the cluster topology as a table or as JSON ({@code GET /api/v1/topology}). */
@Command
public class StatusCommand {

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;
  private final ObjectMapper json;

  StatusCommand(ConnectionResolver connections, ControlPlaneClients clients, ObjectMapper json) {
    this.connections = connections;
    this.clients = clients;
    this.json = json;
  }

  /**
   * Prints every data centre with its nodes and their health.
   *
   * @param output {@code table} (default) or {@code json}; anything else is a usage error, reported
   *     before the control plane is called
   * @param url {@code --url}, see {@link ConnectionResolver}
   * @param token {@code --token}, see {@link ConnectionResolver}
   * @return the table with its summary line, or the {@code TopologyView} as pretty JSON
   */
  @Command(
      command = "status",
      description =
          "Shows every data centre and its nodes with roles, health and addresses, then a"
              + " summary. "
              + ExitStatus.HELP)
  public String status(
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
    TopologyView topology = clients.topology(connections.resolve(url, token)).topology();
    return switch (format) {
      case TABLE -> TopologyTable.render(topology);
      case JSON -> json.writeValueAsString(topology);
    };
  }
}
