package io.switchboard.cli.operation;

import io.switchboard.api.topology.DataCenterView;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;
import org.springframework.stereotype.Component;

/**
 * Completes data centre ids ({@code --dc}) in the interactive shell from the topology ({@code GET
 * /api/v1/topology}), each described by its name. The control plane and token are those of the line
 * being typed ({@link CompletionConnection}); when it cannot be asked, there are no proposals
 * (completion never fails). Referenced by bean name from {@code @OptionValues(provider =
 * DataCenterCompletion.NAME)}.
 */
@Component(DataCenterCompletion.NAME)
public class DataCenterCompletion implements CompletionProvider {

  /** Bean name to put in {@code @OptionValues}. */
  public static final String NAME = "dataCenterCompletion";

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;

  DataCenterCompletion(ConnectionResolver connections, ControlPlaneClients clients) {
    this.connections = connections;
    this.clients = clients;
  }

  @Override
  public List<CompletionProposal> apply(CompletionContext context) {
    try {
      List<DataCenterView> dataCenters =
          clients
              .topology(CompletionConnection.of(connections, context.getWords()))
              .topology()
              .dataCenters();
      return dataCenters.stream()
          .filter(dataCenter -> dataCenter.id() != null)
          .map(
              dataCenter ->
                  new CompletionProposal(dataCenter.id())
                      .description(dataCenter.name())
                      .dontQuote(true))
          .toList();
    } catch (RuntimeException cannotAsk) {
      return List.of();
    }
  }
}
