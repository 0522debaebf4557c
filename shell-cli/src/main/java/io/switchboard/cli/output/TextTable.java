package io.switchboard.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Plain text columns for terminals and {@code grep}/{@code awk}: a header row, then one row per
 * line, each column padded to its widest cell and separated by two spaces. No borders, no colour,
 * no trailing spaces.
 */
public final class TextTable {

  private static final String COLUMN_GAP = "  ";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * @param headers column titles; fixes the number of columns
   */
  public TextTable(String... headers) {
    this.headers = List.of(headers);
  }

  /**
   * Adds a row.
   *
   * @throws IllegalArgumentException when the number of cells differs from the number of columns
   */
  public TextTable addRow(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "Expected " + headers.size() + " cells but got " + cells.length);
    }
    rows.add(List.of(cells));
    return this;
  }

  /** The header and the rows, each line ending with a line break. */
  public String render() {
    int[] widths = columnWidths();
    StringBuilder text = new StringBuilder();
    appendLine(text, headers, widths);
    rows.forEach(row -> appendLine(text, row, widths));
    return text.toString();
  }

  private int[] columnWidths() {
    int[] widths = headers.stream().mapToInt(String::length).toArray();
    for (List<String> row : rows) {
      for (int column = 0; column < widths.length; column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    return widths;
  }

  private static void appendLine(StringBuilder text, List<String> cells, int[] widths) {
    String line =
        IntStream.range(0, cells.size())
            .mapToObj(column -> pad(cells.get(column), widths[column]))
            .collect(Collectors.joining(COLUMN_GAP));
    text.append(line.stripTrailing()).append('\n');
  }

  private static String pad(String cell, int width) {
    return cell + " ".repeat(width - cell.length());
  }
}
