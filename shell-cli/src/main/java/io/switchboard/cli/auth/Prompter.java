package io.switchboard.cli.auth;

import java.util.Optional;

/** Asks the person at the keyboard (or the script feeding standard input) for a value. */
public interface Prompter {

  /**
   * Shows {@code prompt} and reads one line.
   *
   * @return the line without its line break, or empty when the input ended or was interrupted
   */
  Optional<String> ask(String prompt);

  /**
   * Like {@link #ask}, but the typed characters are not shown when a terminal is attached.
   *
   * @return the secret, or empty when the input ended or was interrupted
   */
  Optional<String> askSecret(String prompt);
}
