package io.switchboard.cli.operation;

import java.util.List;
import java.util.Set;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.completion.CompletionProvider;
import org.springframework.shell.completion.CompletionResolver;

/**
 * Completes the id typed as the first argument of some commands with the proposals of a {@link
 * CompletionProvider}. Spring Shell 3.4 completes option values only after the option's name
 * ({@code --id <TAB>}), so a resolver, which Spring Shell asks on every TAB, proposes ids when the
 * word being completed is the command's first argument.
 */
abstract class FirstArgumentCompletion implements CompletionResolver {

  private final Set<String> commands;
  private final CompletionProvider values;

  /**
   * @param commands the commands whose first argument is completed, for example {@code op show}
   * @param values what is proposed for it
   */
  FirstArgumentCompletion(Set<String> commands, CompletionProvider values) {
    this.commands = Set.copyOf(commands);
    this.values = values;
  }

  /**
   * @param context the words after the command, and the command's registration
   */
  @Override
  public List<CompletionProposal> apply(CompletionContext context) {
    CommandRegistration command = context.getCommandRegistration();
    if (command == null || !commands.contains(command.getCommand())) {
      return List.of();
    }
    return isFirstArgument(context.getWords(), context.getWordIndex())
        ? values.apply(context)
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
