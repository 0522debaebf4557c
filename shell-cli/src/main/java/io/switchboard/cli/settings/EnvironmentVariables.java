package io.switchboard.cli.settings;

import java.util.Optional;

/** Read access to environment variables; tests supply their own values. */
@FunctionalInterface
public interface EnvironmentVariables {

  /** The value of the variable {@code name}, or empty when it is unset or blank. */
  Optional<String> get(String name);

  /** The environment of this process. */
  static EnvironmentVariables system() {
    return name -> Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
  }
}
