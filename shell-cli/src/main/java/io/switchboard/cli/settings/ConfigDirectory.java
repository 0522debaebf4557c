package io.switchboard.cli.settings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the CLI's configuration directory, first match wins:
 *
 * <ol>
 *   <li>the system property {@value #OVERRIDE_PROPERTY} (the directory itself; used by tests),
 *   <li>{@code $XDG_CONFIG_HOME/switchboard},
 *   <li>{@code ~/.config/switchboard}.
 * </ol>
 */
public final class ConfigDirectory {

  /** System property naming the configuration directory, overriding the environment. */
  public static final String OVERRIDE_PROPERTY = "switchboard.config.dir";

  static final String XDG_CONFIG_HOME = "XDG_CONFIG_HOME";
  private static final String DIRECTORY_NAME = "switchboard";

  private ConfigDirectory() {}

  /**
   * @param override value of {@value #OVERRIDE_PROPERTY}, or {@code null} when unset
   * @param environment supplies {@code XDG_CONFIG_HOME}
   * @param userHome the user's home directory
   * @return the configuration directory; it may not exist yet
   */
  public static Path locate(String override, EnvironmentVariables environment, Path userHome) {
    return Optional.ofNullable(override)
        .filter(value -> !value.isBlank())
        .map(Path::of)
        .or(() -> environment.get(XDG_CONFIG_HOME).map(xdg -> Path.of(xdg, DIRECTORY_NAME)))
        .orElseGet(() -> userHome.resolve(".config").resolve(DIRECTORY_NAME));
  }
}
