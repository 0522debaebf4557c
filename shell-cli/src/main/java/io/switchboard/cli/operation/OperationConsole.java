package io.switchboard.cli.operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.operation.OperationView;
import io.switchboard.cli.auth.Prompter;
import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.output.OutputFormat;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.jline.terminal.Terminal;

/**
 * What the operation commands share: printing to standard output (the shell's terminal), asking for
 * confirmation, the live or silent progress of a watch, and the final result of a watch with its
 * exit status.
 */
final class OperationConsole {

  /** The width of text when standard output is not a terminal (or a very narrow one). */
  static final int DEFAULT_WIDTH = 80;

  private static final int MIN_WIDTH = 20;

  private final Terminal terminal;
  private final Prompter prompter;
  private final ObjectMapper json;
  private final Clock clock;

  OperationConsole(Terminal terminal, Prompter prompter, ObjectMapper json, Clock clock) {
    this.terminal = terminal;
    this.prompter = prompter;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Whether progress is drawn live: only in table format on a real terminal. JLine's terminal is
   * "dumb" when standard input or output is a pipe or file; then no control sequences are printed.
   */
  boolean live(OutputFormat format) {
    return format == OutputFormat.TABLE && !terminal.getType().startsWith(Terminal.TYPE_DUMB);
  }

  /** The progress of a watch in {@code format}: live on a terminal, else silent. */
  Progress progress(OutputFormat format) {
    return live(format)
        ? new LiveProgress(terminal.writer(), terminal.getWidth(), clock)
        : Progress.SILENT;
  }

  /**
   * The width text may use on standard output: the terminal's, or {@value #DEFAULT_WIDTH} columns
   * when it has none (standard output is a pipe or a file).
   */
  int width() {
    int width = terminal.getWidth();
    return width < MIN_WIDTH ? DEFAULT_WIDTH : width;
  }

  /** Prints {@code text} and a line break on standard output now, before the command returns. */
  void print(String text) {
    PrintWriter out = terminal.writer();
    out.println(text);
    out.flush();
  }

  /**
   * Asks {@code question} (which should end with {@code [y/N] }) unless {@code yes}.
   *
   * @throws CliFailure exit status 3, when the answer is not {@code y} or {@code yes} (also when
   *     the input ended): nothing was changed
   */
  void confirm(String question, boolean yes) {
    if (yes) {
      return;
    }
    Optional<String> answer = prompter.ask(question);
    boolean confirmed =
        answer
            .map(text -> text.strip().toLowerCase(Locale.ROOT))
            .filter(text -> text.equals("y") || text.equals("yes"))
            .isPresent();
    if (!confirmed) {
      throw CliFailure.operationFailed(
          "Not confirmed: nothing was changed. Answer 'y', or pass --yes.", null);
    }
  }

  /** {@code operation} as pretty JSON, for {@code --output json}. */
  String json(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException failure) {
      throw CliFailure.operationFailed("Cannot write the JSON output: " + failure, failure);
    }
  }

  /** {@code operation} in {@code format}: its details and steps, or JSON. */
  String show(OperationView operation, OutputFormat format) {
    return format == OutputFormat.JSON ? json(operation) : OperationText.show(operation);
  }

  /**
   * The result of a watch that ended with {@code operation}: JSON; after live progress the outcome
   * line; otherwise the operation's details and steps.
   *
   * @return the text to print, when the operation SUCCEEDED
   * @throws CliFailure exit status 3 after printing the text, when it FAILED, was CANCELLED or
   *     ROLLED_BACK
   */
  String finished(OperationView operation, OutputFormat format) {
    return finished(operation, result(operation, format));
  }

  /**
   * The result of a watch that ended with {@code operation}, before {@link #finished}: JSON; after
   * live progress the outcome line; otherwise the operation's details and steps.
   */
  String result(OperationView operation, OutputFormat format) {
    return switch (format) {
      case JSON -> json(operation);
      case TABLE -> live(format) ? OperationText.outcome(operation) : OperationText.show(operation);
    };
  }

  /**
   * Ends a watch that ended with {@code operation} whose result is {@code text} (for example {@link
   * #result} followed by more, such as a drill's report).
   *
   * @return {@code text}, when the operation SUCCEEDED
   * @throws CliFailure exit status 3 after printing {@code text}, when it FAILED, was CANCELLED or
   *     ROLLED_BACK
   */
  String finished(OperationView operation, String text) {
    if (OperationStates.succeeded(operation)) {
      return text;
    }
    print(text);
    String failure =
        operation.failure() == null || operation.failure().isBlank()
            ? ""
            : ": " + operation.failure();
    throw CliFailure.operationFailed(
        "Operation " + operation.id() + " ended " + operation.state() + failure, null);
  }
}
