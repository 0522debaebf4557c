package io.switchboard.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentLineTest {

  @Test
  void keepsEveryWordExactlyAndPutsTheCursorAfterTheLast() {
    ArgumentLine line = new ArgumentLine(List.of("login", "--password", "a b\\c\"d"));

    assertThat(line.words()).containsExactly("login", "--password", "a b\\c\"d");
    assertThat(line.wordIndex()).isEqualTo(2);
    assertThat(line.word()).isEqualTo("a b\\c\"d");
    assertThat(line.wordCursor()).isEqualTo("a b\\c\"d".length());
    assertThat(line.cursor()).isEqualTo(line.line().length());
  }

  @Test
  void aCommandLineHasAtLeastOneWord() {
    assertThatThrownBy(() -> new ArgumentLine(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
