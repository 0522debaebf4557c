package io.switchboard.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigDirectoryTest {

  private static final Path HOME = Path.of("/home/alice");
  private static final EnvironmentVariables NO_XDG = name -> Optional.empty();
  private static final EnvironmentVariables XDG =
      name -> Optional.ofNullable(Map.of("XDG_CONFIG_HOME", "/xdg").get(name));

  @Test
  void defaultsToDotConfigInTheHomeDirectory() {
    assertThat(ConfigDirectory.locate(null, NO_XDG, HOME))
        .isEqualTo(Path.of("/home/alice/.config/switchboard"));
  }

  @Test
  void honoursXdgConfigHome() {
    assertThat(ConfigDirectory.locate(null, XDG, HOME)).isEqualTo(Path.of("/xdg/switchboard"));
  }

  @Test
  void systemPropertyOverridesEverything() {
    assertThat(ConfigDirectory.locate("/tmp/test-config", XDG, HOME))
        .isEqualTo(Path.of("/tmp/test-config"));
  }

  @Test
  void blankSystemPropertyCountsAsUnset() {
    assertThat(ConfigDirectory.locate(" ", XDG, HOME)).isEqualTo(Path.of("/xdg/switchboard"));
  }
}
