package io.switchboard.cli.exit;

import org.springframework.shell.result.CommandNotFoundMessageProvider;

/**
 * Reports an unknown command on standard error. Spring Shell does not pass "command not found" to
 * exception resolvers; it asks this provider for a message and prints that on the terminal
 * (standard output). This provider reports the message itself and returns an empty one, which
 * Spring Shell then does not print. The exit status (1) is set by {@link RunFailures}.
 */
public final class UnknownCommandReporter implements CommandNotFoundMessageProvider {

  private final ErrorReporter reporter;

  public UnknownCommandReporter(ErrorReporter reporter) {
    this.reporter = reporter;
  }

  /** Reports the unknown command; always returns the empty string. */
  @Override
  public String apply(ProviderContext context) {
    reporter.report(
        "Unknown command '"
            + String.join(" ", context.commands())
            + "'. Run 'help' to list the commands.");
    return "";
  }
}
