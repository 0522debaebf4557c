package io.switchboard.cli.operation;

import io.switchboard.api.drill.DrillReportView;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;
import org.springframework.stereotype.Component;

/**
 * Completes drill ids in the interactive shell from the newest {@value #LIMIT} drill reports
 * ({@code GET /api/v1/drills}), each described by its verdict and node. The control plane and token
 * are those of the line being typed ({@link CompletionConnection}); when it cannot be asked, there
 * are no proposals (completion never fails). Referenced by bean name from
 * {@code @OptionValues(provider = DrillIdCompletion.NAME)} for {@code --id}; {@link
 * PositionalDrillIdCompletion} uses it for the id typed as the first argument.
 */
@Component(DrillIdCompletion.NAME)
public class DrillIdCompletion implements CompletionProvider {

  /** Bean name to put in {@code @OptionValues}. */
  public static final String NAME = "drillIdCompletion";

  /** How many of the newest drill reports are proposed. */
  static final int LIMIT = 50;

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;

  DrillIdCompletion(ConnectionResolver connections, ControlPlaneClients clients) {
    this.connections = connections;
    this.clients = clients;
  }

  @Override
  public List<CompletionProposal> apply(CompletionContext context) {
    try {
      List<DrillReportView> reports =
          clients.drills(CompletionConnection.of(connections, context.getWords())).reports(LIMIT);
      return reports.stream()
          .filter(report -> report.id() != null)
          .map(
              report ->
                  new CompletionProposal(report.id())
                      .description(DrillText.verdict(report.passed()) + " " + report.node())
                      .dontQuote(true))
          .toList();
    } catch (RuntimeException cannotAsk) {
      return List.of();
    }
  }
}
