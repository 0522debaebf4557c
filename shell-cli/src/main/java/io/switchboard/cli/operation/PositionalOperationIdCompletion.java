package io.switchboard.cli.operation;

import java.util.List;
import java.util.Set;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.stereotype.Component;

/**
 * Completes the operation id typed as the first argument of {@code op show|watch|cancel|approve}.
 * Spring Shell 3.4 completes option values only after the option's name ({@code --id <TAB>}), so
 * this resolver, which Spring Shell asks on every TAB, proposes ids when the word being completed
 * is the command's first argument.
 */
@Component
class PositionalOperationIdCompletion implements CompletionResolver {

  private static final Set<String> COMMANDS =
      Set.of("op show", "op watch", "op cancel", "op approve");

  private final OperationIdCompletion ids;

  PositionalOperationIdCompletion(OperationIdCompletion ids) {
    this.ids = ids;
  }

  /**
   * @param context the words after the command, and the command's registration
   */
  @Override
  public List<CompletionProposal> apply(CompletionContext context) {
    CommandRegistration command = context.getCommandRegistration();
    if (command == null || !COMMANDS.contains(command.getCommand())) {
      return List.of();
    }
    return isFirstArgument(context.getWords(), context.getWordIndex())
        ? ids.apply(context)
        : List.of();
  }

  /**
   * Only the very first word: Spring Shell's parser gives a positional value to the id only when it
   * comes before the options ({@code op cancel --yes 1f0c...} is an error).
   */
  private static boolean isFirstArgument(List<String> words, int index) {
    return index == 0 && !words.isEmpty() && !words.get(0).startsWith("-");
  }
}
