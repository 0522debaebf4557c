package io.switchboard.cli.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.shell.CommandNotFound;
import org.springframework.shell.command.CommandExecution.CommandParserExceptionsException;
import org.springframework.shell.command.CommandParser.CommandParserException;

class RunFailuresTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final ErrorReporter reporter =
      new ErrorReporter(new PrintStream(stderr, true, StandardCharsets.UTF_8));

  /** Like Spring Shell's exception for a resolved failure, wrapped as Spring Boot wraps it. */
  private static final class ResolvedFailure extends RuntimeException implements ExitCodeGenerator {
    private final int exitCode;

    ResolvedFailure(int exitCode) {
      this.exitCode = exitCode;
    }

    @Override
    public int getExitCode() {
      return exitCode;
    }
  }

  @Test
  void exitCodeOfAResolvedFailureIsUsedAsIsAndNotReportedAgain() {
    RuntimeException failure =
        new IllegalStateException("Failed to execute ApplicationRunner", new ResolvedFailure(3));

    assertThat(RunFailures.exitCode(failure, reporter)).isEqualTo(3);
    assertThat(stderr.size()).isZero();
  }

  @Test
  void unknownCommandIsAUsageError() {
    RuntimeException failure =
        new IllegalStateException("Failed", new CommandNotFound(List.of("statuz")));

    assertThat(RunFailures.exitCode(failure, reporter)).isEqualTo(1);
    assertThat(stderr.size()).isZero();
  }

  @Test
  void parseErrorIsAUsageError() {
    RuntimeException failure =
        CommandParserExceptionsException.of(
            "parse failed", List.of(CommandParserException.of("Unrecognised option '--x'")));

    assertThat(RunFailures.exitCode(failure, reporter)).isEqualTo(1);
  }

  @Test
  void failureToStartIsReportedAndAFailedOperation() {
    RuntimeException failure = new IllegalStateException("No bean of type Terminal");

    assertThat(RunFailures.exitCode(failure, reporter)).isEqualTo(3);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .startsWith("Error: The CLI failed: ")
        .contains("No bean of type Terminal");
  }
}
