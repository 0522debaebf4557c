package io.switchboard.cli.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Prompts on the shell's terminal when it is a real one, otherwise reads standard input.
 *
 * <ul>
 *   <li>Real terminal (interactive use): JLine reads the line on the same terminal as the shell;
 *       secrets are masked with {@code *}. The line reader has no history file and no {@code !}
 *       expansion, so a password is neither saved nor rewritten.
 *   <li>Dumb terminal (standard input is a pipe or file, for scripts): the prompt goes to standard
 *       error and one line is read from standard input, so {@code printf 'secret\n' | switchboard
 *       login --username alice} works and standard output stays clean.
 * </ul>
 */
final class TerminalPrompter implements Prompter {

  private static final char SECRET_MASK = '*';

  private final Terminal terminal;
  private final BufferedReader standardInput;
  private final PrintStream promptStream;

  /**
   * @param terminal the shell's terminal
   * @param standardInput read when the terminal is dumb
   * @param promptStream where prompts go when the terminal is dumb (standard error)
   */
  TerminalPrompter(Terminal terminal, InputStream standardInput, PrintStream promptStream) {
    this.terminal = terminal;
    this.standardInput =
        new BufferedReader(new InputStreamReader(standardInput, Charset.defaultCharset()));
    this.promptStream = promptStream;
  }

  @Override
  public Optional<String> ask(String prompt) {
    return isDumb() ? readStandardInput(prompt) : readTerminal(prompt, null);
  }

  @Override
  public Optional<String> askSecret(String prompt) {
    return isDumb() ? readStandardInput(prompt) : readTerminal(prompt, SECRET_MASK);
  }

  private boolean isDumb() {
    return terminal.getType().startsWith(Terminal.TYPE_DUMB);
  }

  private Optional<String> readTerminal(String prompt, Character mask) {
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .build();
    try {
      return Optional.of(reader.readLine(prompt, mask));
    } catch (EndOfFileException | UserInterruptException noAnswer) {
      return Optional.empty();
    }
  }

  private Optional<String> readStandardInput(String prompt) {
    promptStream.print(prompt);
    promptStream.flush();
    try {
      return Optional.ofNullable(standardInput.readLine());
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }
}
