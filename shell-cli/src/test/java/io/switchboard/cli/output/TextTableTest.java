package io.switchboard.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void padsEachColumnToItsWidestCellWithoutTrailingSpaces() {
    String text =
        new TextTable("DC", "NODE", "HEALTH")
            .addRow("europe", "eu-1", "UP")
            .addRow("asia", "as-10", "UNKNOWN")
            .render();

    assertThat(text)
        .isEqualTo(
            """
            DC      NODE   HEALTH
            europe  eu-1   UP
            asia    as-10  UNKNOWN
            """);
  }

  @Test
  void rejectsARowWithTheWrongNumberOfCells() {
    TextTable table = new TextTable("A", "B");

    assertThatThrownBy(() -> table.addRow("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected 2 cells but got 1");
  }
}
