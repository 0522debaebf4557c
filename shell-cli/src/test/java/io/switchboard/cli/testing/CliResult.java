package io.switchboard.cli.testing;

/**
 * What a CLI process did.
 *
 * @param exitCode its exit status
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 */
public record CliResult(int exitCode, String stdout, String stderr) {

  /** For assertion messages: the whole result, with both streams. */
  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
