package io.switchboard.cli.exit;

import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.command.CommandExecution.CommandParserExceptionsException;
import org.springframework.shell.command.CommandHandlingResult;

/**
 * Reports every exception a command throws, and every command-line parse error, on standard error
 * and hands Spring Shell the exit status.
 *
 * <p>How the status reaches the process (Spring Shell 3.4.2, checked by the {@code *IT} tests that
 * run the packaged jar):
 *
 * <ol>
 *   <li>{@code Shell.evaluate} offers the exception to the global {@link CommandExceptionResolver}s
 *       in order. This one has the highest precedence and resolves everything, so Spring Shell's
 *       own resolver and result handlers, which write to the terminal (standard output), never see
 *       a failure.
 *   <li>The returned {@link CommandHandlingResult} has an empty message (Spring Shell prints
 *       nothing) and the exit code of {@link ExitStatus}.
 *   <li>In non-interactive mode {@code Shell.run} then throws: the parse exception itself for parse
 *       errors, otherwise an {@code ExitCodeGenerator} made by Spring Shell's {@code
 *       ExitCodeExceptionProvider} from that exit code.
 *   <li>{@code SwitchboardCli.main} catches what {@code SpringApplication.run} rethrows and exits
 *       with the status {@link RunFailures} finds in it.
 * </ol>
 *
 * In interactive mode step 3 does not happen: the message is shown and the shell reads the next
 * command.
 */
public final class CommandFailureResolver implements CommandExceptionResolver, Ordered {

  private static final String USAGE_HINT = "Run 'help' to see the commands and their options.";

  private final ErrorReporter reporter;

  public CommandFailureResolver(ErrorReporter reporter) {
    this.reporter = reporter;
  }

  /** Reports {@code exception} and returns its exit code; never returns {@code null}. */
  @Override
  public CommandHandlingResult resolve(Exception exception) {
    if (exception instanceof CliFailure failure) {
      return reported(failure.getMessage(), failure.status());
    }
    if (exception instanceof CommandParserExceptionsException parseErrors) {
      String problems =
          parseErrors.getParserExceptions().stream()
              .map(Throwable::getMessage)
              .collect(Collectors.joining("; "));
      return reported(problems + ". " + USAGE_HINT, ExitStatus.USAGE_ERROR);
    }
    return reported("Unexpected failure: " + exception, ExitStatus.OPERATION_FAILED);
  }

  private CommandHandlingResult reported(String message, ExitStatus status) {
    reporter.report(message);
    return CommandHandlingResult.of("", status.code());
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
