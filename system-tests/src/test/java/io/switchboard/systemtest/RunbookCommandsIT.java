package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code switchboard <command>} line inside a fenced block of a runbook must name a command
 * the real CLI knows: the test asks the CLI jar for {@code help <command>} and expects success.
 */
class RunbookCommandsIT {

  private static final Pattern COMMAND = Pattern.compile("^switchboard ([a-z][a-z-]*)");

  @Test
  void everyRunbookCommandExistsInTheCli() throws Exception {
    List<String> commands = runbookCommands();
    assertThat(commands).as("runbooks name CLI commands").contains("status", "login");

    for (String command : commands) {
      CliProcess.Result help = CliProcess.run(List.of("help", command), null);
      assertThat(help.exitCode()).as("switchboard help " + command + "\n" + help).isZero();
    }
  }

  private static List<String> runbookCommands() throws IOException {
    List<String> commands = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("..", "runbooks"))) {
      for (Path runbook : files.filter(p -> p.toString().endsWith(".md")).toList()) {
        boolean inFence = false;
        for (String line : Files.readAllLines(runbook)) {
          if (line.startsWith("```")) {
            inFence = !inFence;
            continue;
          }
          Matcher matcher = COMMAND.matcher(line.strip());
          if (inFence && matcher.find() && !commands.contains(matcher.group(1))) {
            commands.add(matcher.group(1));
          }
        }
      }
    }
    return commands;
  }
}
