package io.switchboard.cli;

import io.switchboard.cli.exit.ErrorReporter;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.exit.RunFailures;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.shell.command.annotation.CommandScan;

/**
 * Entry point of {@code switchboard-cli.jar}.
 *
 * <ul>
 *   <li>{@code java -jar switchboard-cli.jar <command> [options]} runs one command and exits.
 *   <li>{@code java -jar switchboard-cli.jar} (no arguments) starts the interactive shell, with
 *       completion of commands and option values.
 * </ul>
 *
 * <p>Program arguments are commands only: Spring properties go in {@code -D} system properties or
 * environment variables.
 *
 * <p>Exit status of a non-interactive run ({@link ExitStatus}): {@code 0} ok; {@code 1} usage error
 * (unknown command, unknown option, bad or missing option value); {@code 2} the control plane
 * cannot be reached (connection refused, timeout, unknown host) or refused access (HTTP 401/403:
 * run {@code login} or check the token); {@code 3} the operation failed (any other error response,
 * such as 404, 409 or 5xx; a watched operation that ended FAILED, CANCELLED or ROLLED_BACK; a
 * confirmation not given). Error messages and questions go to standard error, results to standard
 * output.
 */
@SpringBootApplication
@CommandScan
public class SwitchboardCli {

  /** Runs the CLI and exits the JVM with its {@link ExitStatus} code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the CLI to the end.
   *
   * @return the exit code: 0, or the code of the failure that ended the run (see {@link
   *     RunFailures})
   */
  static int run(String... args) {
    SpringApplication application = new SpringApplication(SwitchboardCli.class);
    application.setAddCommandLineProperties(false);
    application.setDefaultProperties(
        Map.of("spring.shell.interactive.enabled", String.valueOf(args.length == 0)));
    try {
      return SpringApplication.exit(application.run(args));
    } catch (RuntimeException failure) {
      return RunFailures.exitCode(failure, new ErrorReporter(System.err));
    }
  }
}
