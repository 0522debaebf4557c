package io.switchboard.cli.shell;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.shell.boot.NonInteractiveShellRunnerCustomizer;
import org.springframework.shell.jline.NonInteractiveShellRunner;
import org.springframework.stereotype.Component;

/**
 * Passes program arguments to the command exactly as the operating system delivered them.
 *
 * <p>Spring Shell's non-interactive runner joins the arguments into one line and splits it again
 * with JLine's parser, which interprets backslashes and quotes inside arguments: {@code login
 * --password 'p\w'} would send the password {@code pw}. Instead, the arguments are joined with NUL
 * (which cannot occur in a program argument) and split on NUL again, so every argument is one word,
 * unchanged.
 */
@Component
class VerbatimArguments implements NonInteractiveShellRunnerCustomizer {

  private static final String SEPARATOR = "\0";
  private static final Pattern SEPARATOR_PATTERN = Pattern.compile(SEPARATOR);

  @Override
  public void customize(NonInteractiveShellRunner runner) {
    runner.setCommandsFromArgs(
        args -> args.length == 0 ? List.of() : List.of(String.join(SEPARATOR, args)));
    runner.setLineParser(
        (line, cursor, context) -> new ArgumentLine(List.of(SEPARATOR_PATTERN.split(line, -1))));
  }
}
