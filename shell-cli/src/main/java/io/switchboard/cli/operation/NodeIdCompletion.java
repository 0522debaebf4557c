package io.switchboard.cli.operation;

import io.switchboard.api.topology.NodeView;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;
import org.springframework.stereotype.Component;

/**
 * Completes node ids in the interactive shell from the topology ({@code GET /api/v1/topology}),
 * each described by its data centre and health. The control plane and token are those of the line
 * being typed ({@link CompletionConnection}); when it cannot be asked, there are no proposals
 * (completion never fails). Referenced by bean name from {@code @OptionValues(provider =
 * NodeIdCompletion.NAME)}; {@link PositionalNodeIdCompletion} uses it for the id typed as the first
 * argument.
 */
@Component(NodeIdCompletion.NAME)
public class NodeIdCompletion implements CompletionProvider {

  /** Bean name to put in {@code @OptionValues}. */
  public static final String NAME = "nodeIdCompletion";

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;

  NodeIdCompletion(ConnectionResolver connections, ControlPlaneClients clients) {
    this.connections = connections;
    this.clients = clients;
  }

  @Override
  public List<CompletionProposal> apply(CompletionContext context) {
    try {
      List<NodeView> nodes =
          clients
              .topology(CompletionConnection.of(connections, context.getWords()))
              .topology()
              .nodes()
              .toList();
      return nodes.stream()
          .filter(node -> node.id() != null)
          .map(
              node ->
                  new CompletionProposal(node.id())
                      .description(node.dc() + " " + (node.health() == null ? "-" : node.health()))
                      .dontQuote(true))
          .toList();
    } catch (RuntimeException cannotAsk) {
      return List.of();
    }
  }
}
