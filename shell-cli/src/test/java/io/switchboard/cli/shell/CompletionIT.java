package io.switchboard.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.cli.SwitchboardCli;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.Shell;

/**
 * Completion in the interactive shell, asked of the application's {@link Shell} the way JLine asks
 * it when the user presses TAB.
 */
@SpringBootTest(
    classes = SwitchboardCli.class,
    properties = "spring.shell.interactive.enabled=false")
class CompletionIT {

  @Autowired Shell shell;

  @Test
  void completesCommandNames() {
    assertThat(complete(List.of("lo"), 0, 2)).contains("login", "logout");
  }

  @Test
  void completesOptionNamesOfACommand() {
    assertThat(complete(List.of("status", "--"), 1, 2)).contains("--output", "--url", "--token");
  }

  @Test
  void completesOutputFormats() {
    assertThat(complete(List.of("status", "--output", ""), 2, 0)).contains("table", "json");
  }

  private List<String> complete(List<String> words, int wordIndex, int position) {
    return shell.complete(new CompletionContext(words, wordIndex, position, null, null)).stream()
        .map(CompletionProposal::value)
        .toList();
  }
}
