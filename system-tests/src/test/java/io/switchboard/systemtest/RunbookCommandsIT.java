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
 * the real CLI knows: the test asks the CLI jar for {@code help <command words>} and expects
 * success. A group alone ({@code op}) is not a command; {@code op show} is.
 */
class RunbookCommandsIT {

  /** The command's words: up to three lower-case words before the first argument or option. */
  private static final Pattern COMMAND = Pattern.compile("^switchboard((?: [a-z][a-z-]*){1,3})");

  @Test
  void everyRunbookCommandExistsInTheCli() throws Exception {
    List<String> commands = runbookCommands();
    assertThat(commands).as("runbooks name CLI commands").contains("status", "login");

    for (String command : commands) {
      // The last word may be an argument ("drill run node europe"): try the shorter prefixes too.
      List<String> words = List.of(command.split(" "));
      CliProcess.Result help = null;
      for (int length = words.size(); length >= 1; length--) {
        List<String> arguments = new ArrayList<>(List.of("help"));
        arguments.addAll(words.subList(0, length));
        help = CliProcess.run(arguments, null);
        if (help.exitCode() == 0) {
          break;
        }
      }
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
          if (inFence && matcher.find() && !commands.contains(matcher.group(1).strip())) {
            commands.add(matcher.group(1).strip());
          }
        }
      }
    }
    return commands;
  }
}
