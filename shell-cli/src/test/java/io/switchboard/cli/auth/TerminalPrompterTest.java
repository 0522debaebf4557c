package io.switchboard.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

class TerminalPrompterTest {

  private final ByteArrayOutputStream terminalOutput = new ByteArrayOutputStream();
  private final ByteArrayOutputStream promptOutput = new ByteArrayOutputStream();

  @Test
  void withoutARealTerminalReadsLinesFromStandardInputAndPromptsOnTheGivenStream()
      throws IOException {
    try (Terminal dumb = new DumbTerminal(empty(), terminalOutput)) {
      TerminalPrompter prompter = prompter(dumb, input("alice\nsecret\n"));

      assertThat(prompter.ask("Username: ")).contains("alice");
      assertThat(prompter.askSecret("Password: ")).contains("secret");
      assertThat(prompter.ask("More: ")).isEmpty();
      assertThat(promptOutput.toString(StandardCharsets.UTF_8))
          .isEqualTo("Username: Password: More: ");
      assertThat(terminalOutput.size()).isZero();
    }
  }

  @Test
  void onARealTerminalTheSecretIsMasked() throws IOException {
    PipedOutputStream keyboard = new PipedOutputStream();
    try (Terminal terminal = realTerminal(new PipedInputStream(keyboard))) {
      typeAfterThePromptIsShown(terminal, keyboard, "s3cret!\n");
      TerminalPrompter prompter = prompter(terminal, empty());

      assertThat(prompter.askSecret("Password: ")).contains("s3cret!");
      terminal.flush();
      assertThat(terminalOutput.toString(StandardCharsets.UTF_8))
          .contains("Password: ")
          .contains("*******")
          .doesNotContain("s3cret");
      assertThat(promptOutput.size()).isZero();
    }
  }

  @Test
  void onARealTerminalEndOfInputIsNoAnswer() throws IOException {
    try (Terminal terminal = realTerminal(empty())) {
      assertThat(prompter(terminal, empty()).ask("Username: ")).isEmpty();
    }
  }

  /**
   * A person types after the prompt appears, when the line reader has switched echo off; the fake
   * terminal's input would otherwise be echoed as soon as it is written.
   */
  private static void typeAfterThePromptIsShown(
      Terminal terminal, PipedOutputStream keyboard, String keys) throws IOException {
    Attributes noEcho = terminal.getAttributes();
    noEcho.setLocalFlag(Attributes.LocalFlag.ECHO, false);
    terminal.setAttributes(noEcho);
    keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  private TerminalPrompter prompter(Terminal terminal, InputStream standardInput) {
    return new TerminalPrompter(
        terminal, standardInput, new PrintStream(promptOutput, true, StandardCharsets.UTF_8));
  }

  private Terminal realTerminal(InputStream keyboard) throws IOException {
    return new ExternalTerminal("test", "xterm", keyboard, terminalOutput, StandardCharsets.UTF_8);
  }

  private static InputStream input(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static InputStream empty() {
    return InputStream.nullInputStream();
  }
}
