package io.switchboard.cli.exit;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.shell.CommandNotFound;
import org.springframework.shell.command.CommandExecution.CommandParserExceptionsException;

/**
 * Turns the exception that ends {@code SpringApplication.run} into the process exit status.
 *
 * <p>Steps, for the exception and each of its causes in turn:
 *
 * <ol>
 *   <li>An {@link ExitCodeGenerator} (what Spring Shell throws for a failure that {@link
 *       CommandFailureResolver} resolved) gives its exit code; the failure was reported already.
 *   <li>A command-line parse error or an unknown command is a usage error; it was reported already
 *       (by {@link CommandFailureResolver} or {@link UnknownCommandReporter}).
 * </ol>
 *
 * Anything else (the CLI could not even start) is reported here and exits with {@link
 * ExitStatus#OPERATION_FAILED}.
 */
public final class RunFailures {

  private RunFailures() {}

  /** The exit code for {@code failure}; reports the failure first unless it was reported. */
  public static int exitCode(Throwable failure, ErrorReporter reporter) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ExitCodeGenerator generator) {
        return generator.getExitCode();
      }
      if (cause instanceof CommandParserExceptionsException || cause instanceof CommandNotFound) {
        return ExitStatus.USAGE_ERROR.code();
      }
    }
    reporter.report("The CLI failed: " + failure);
    return ExitStatus.OPERATION_FAILED.code();
  }
}
