package io.switchboard.cli.shell;

import java.util.List;
import org.jline.reader.ParsedLine;

/**
 * A command line that is already split into words (the program arguments), with the cursor after
 * the last word. Words are kept exactly as given: no quote or escape processing.
 */
final class ArgumentLine implements ParsedLine {

  private final List<String> words;

  /**
   * @param words the words in order; not empty
   */
  ArgumentLine(List<String> words) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("A command line has at least one word");
    }
    this.words = List.copyOf(words);
  }

  @Override
  public String word() {
    return words.get(wordIndex());
  }

  @Override
  public int wordCursor() {
    return word().length();
  }

  @Override
  public int wordIndex() {
    return words.size() - 1;
  }

  @Override
  public List<String> words() {
    return words;
  }

  @Override
  public String line() {
    return String.join(" ", words);
  }

  @Override
  public int cursor() {
    return line().length();
  }
}
