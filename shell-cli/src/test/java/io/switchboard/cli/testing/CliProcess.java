package io.switchboard.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code switchboard-cli.jar} as a real process ({@code java -jar}), the way a
 * person or a script does: real program arguments, environment, standard input, standard output,
 * standard error and exit status.
 *
 * <p>The child is hermetic: {@code SWITCHBOARD_URL}, {@code SWITCHBOARD_TOKEN} and {@code
 * XDG_CONFIG_HOME} are removed from the inherited environment unless set with {@link #env}, and the
 * configuration directory is the one given to the constructor. The jar path comes from the system
 * property {@value #JAR_PROPERTY}, set by failsafe in {@code pom.xml}.
 */
public final class CliProcess {

  /** System property holding the path of the packaged jar. */
  public static final String JAR_PROPERTY = "switchboard.cli.jar";

  private static final long TIMEOUT_SECONDS = 60;
  private static final List<String> ISOLATED_VARIABLES =
      List.of("SWITCHBOARD_URL", "SWITCHBOARD_TOKEN", "XDG_CONFIG_HOME");

  private final Path configDirectory;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private String standardInput = "";

  /**
   * @param configDirectory the CLI's configuration directory ({@code -Dswitchboard.config.dir}); it
   *     also holds the captured output files
   */
  public CliProcess(Path configDirectory) {
    this.configDirectory = configDirectory;
  }

  /** Sets an environment variable of the child. */
  public CliProcess env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** What the child reads on standard input; nothing by default. */
  public CliProcess standardInput(String text) {
    this.standardInput = text;
    return this;
  }

  /** Runs the CLI with {@code arguments} and waits for it to exit. */
  public CliResult run(String... arguments) {
    try {
      return runChecked(arguments);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the CLI was running", interrupted);
    }
  }

  private CliResult runChecked(String... arguments) throws IOException, InterruptedException {
    Path io = Files.createTempDirectory(configDirectory.getParent(), "cli-io-");
    Path stdin = Files.writeString(io.resolve("stdin"), standardInput);
    Path stdout = io.resolve("stdout");
    Path stderr = io.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command(arguments))
            .redirectInput(stdin.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    ISOLATED_VARIABLES.forEach(builder.environment()::remove);
    builder.environment().putAll(environment);
    Process process = builder.start();
    boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited)
        .as("CLI exited within %d s: %s", TIMEOUT_SECONDS, List.of(arguments))
        .isTrue();
    return new CliResult(
        process.exitValue(),
        Files.readString(stdout, Charset.defaultCharset()),
        Files.readString(stderr, Charset.defaultCharset()));
  }

  private List<String> command(String... arguments) {
    String jar =
        Objects.requireNonNull(
            System.getProperty(JAR_PROPERTY),
            "System property " + JAR_PROPERTY + " is unset: run the *IT tests through failsafe");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Start-up speed only: C1 is enough for one command, and one GC thread suits a 2-core box.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Dswitchboard.config.dir=" + configDirectory);
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(arguments));
    return command;
  }
}
