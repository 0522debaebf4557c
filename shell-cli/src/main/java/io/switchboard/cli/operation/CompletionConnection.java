package io.switchboard.cli.operation;

import io.switchboard.cli.connection.Connection;
import io.switchboard.cli.connection.ConnectionOptions;
import io.switchboard.cli.connection.ConnectionResolver;
import java.util.List;

/**
 * The control plane and token of a line being completed: those of its {@code --url} and {@code
 * --token}, else the defaults of {@link ConnectionResolver}.
 */
final class CompletionConnection {

  private CompletionConnection() {}

  /** The connection of the line made of {@code words}. */
  static Connection of(ConnectionResolver connections, List<String> words) {
    return connections.resolve(
        optionValue(words, ConnectionOptions.URL), optionValue(words, ConnectionOptions.TOKEN));
  }

  /** The word after {@code --name} on the line, or {@code null}. */
  private static String optionValue(List<String> words, String name) {
    int index = words.indexOf("--" + name);
    return index >= 0 && index + 1 < words.size() ? words.get(index + 1) : null;
  }
}
