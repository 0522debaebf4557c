package io.switchboard.cli.exit;

import java.io.PrintStream;

/**
 * Writes failure messages for the user to standard error (never to standard output, which carries
 * only command results). One line per message, prefixed with {@code Error: }.
 */
public final class ErrorReporter {

  private final PrintStream stderr;

  /**
   * @param stderr where messages go; {@code System.err} in the application
   */
  public ErrorReporter(PrintStream stderr) {
    this.stderr = stderr;
  }

  /** Prints {@code message} and flushes, so it is visible before the process exits. */
  public void report(String message) {
    stderr.println("Error: " + message);
    stderr.flush();
  }
}
