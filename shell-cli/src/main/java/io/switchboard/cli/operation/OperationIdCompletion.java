package io.switchboard.cli.operation;

import io.switchboard.api.operation.OperationView;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;
import org.springframework.stereotype.Component;

/**
 * Completes operation ids in the interactive shell from the newest {@value #LIMIT} operations
 * ({@code GET /api/v1/operations}), each described by its state and title. The control plane and
 * token are those of the line being typed ({@code --url}, {@code --token}) or the defaults; when it
 * cannot be asked, there are no proposals (completion never fails). Referenced by bean name from
 * {@code @OptionValues(provider = OperationIdCompletion.NAME)} for {@code --id}; {@link
 * PositionalOperationIdCompletion} uses it for the id typed as the first argument.
 */
@Component(OperationIdCompletion.NAME)
public class OperationIdCompletion implements CompletionProvider {

  /** Bean name to put in {@code @OptionValues}. */
  public static final String NAME = "operationIdCompletion";

  /** How many of the newest operations are proposed. */
  static final int LIMIT = 50;

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;

  OperationIdCompletion(ConnectionResolver connections, ControlPlaneClients clients) {
    this.connections = connections;
    this.clients = clients;
  }

  @Override
  public List<CompletionProposal> apply(CompletionContext context) {
    try {
      List<OperationView> operations =
          clients.operations(CompletionConnection.of(connections, context.getWords())).list(LIMIT);
      return operations.stream()
          .filter(operation -> operation.id() != null)
          .map(
              operation ->
                  new CompletionProposal(operation.id())
                      .description(operation.state() + " " + operation.title())
                      .dontQuote(true))
          .toList();
    } catch (RuntimeException cannotAsk) {
      return List.of();
    }
  }
}
