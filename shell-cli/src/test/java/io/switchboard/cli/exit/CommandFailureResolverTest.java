package io.switchboard.cli.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;
import org.springframework.shell.command.CommandExecution.CommandParserExceptionsException;
import org.springframework.shell.command.CommandHandlingResult;
import org.springframework.shell.command.CommandParser.CommandParserException;

class CommandFailureResolverTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final CommandFailureResolver resolver =
      new CommandFailureResolver(
          new ErrorReporter(new PrintStream(stderr, true, StandardCharsets.UTF_8)));

  @Test
  void cliFailureKeepsItsStatusAndMessage() {
    CommandHandlingResult result =
        resolver.resolve(CliFailure.noAccess("The control plane refused access.", null));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(reported()).isEqualTo("Error: The control plane refused access.\n");
  }

  @Test
  void parseErrorsAreOneUsageError() {
    CommandHandlingResult result =
        resolver.resolve(
            CommandParserExceptionsException.of(
                "parse failed",
                List.of(
                    CommandParserException.of("Unrecognised option '--colour'"),
                    CommandParserException.of("Unrecognised option '--size'"))));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(reported())
        .isEqualTo(
            "Error: Unrecognised option '--colour'; Unrecognised option '--size'. Run 'help' to"
                + " see the commands and their options.\n");
  }

  @Test
  void anyOtherExceptionIsAFailedOperation() {
    CommandHandlingResult result = resolver.resolve(new IllegalStateException("disk full"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(reported()).contains("IllegalStateException: disk full");
  }

  @Test
  void springShellPrintsNothingBecauseTheMessageIsEmpty() {
    CommandHandlingResult result = resolver.resolve(CliFailure.usage("Bad value."));

    assertThat(result.message()).isEmpty();
    assertThat(result.isPresent()).as("a present result stops other resolvers").isTrue();
  }

  @Test
  void runsBeforeSpringShellsOwnResolvers() {
    assertThat(resolver.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
  }

  private String reported() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
