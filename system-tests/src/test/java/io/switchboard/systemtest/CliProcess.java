package io.switchboard.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged CLI jar ({@code shell-cli/target/switchboard-cli.jar}) as a real process. */
final class CliProcess {

  /** What a finished CLI run printed and returned. */
  record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  static Result run(List<String> args, Map<String, String> environment) throws Exception {
    return run(args, environment, List.of(), null);
  }

  /**
   * @param jvmOptions system properties and JVM flags placed before {@code -jar}
   * @param stdin text fed to the CLI's standard input, or {@code null} for none
   */
  static Result run(
      List<String> args, Map<String, String> environment, List<String> jvmOptions, String stdin)
      throws Exception {
    Path jar = Path.of(System.getProperty("switchboard.cliJar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the CLI first");
    }
    List<String> command = new ArrayList<>();
    command.add(RunningControlPlane.javaExecutable());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("SWITCHBOARD_URL");
    builder.environment().remove("SWITCHBOARD_TOKEN");
    if (environment != null) {
      builder.environment().putAll(environment);
    }
    Path out = Files.createTempFile("cli-out-", ".txt");
    Path err = Files.createTempFile("cli-err-", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    try (var input = process.getOutputStream()) {
      if (stdin != null) {
        input.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException exitedBeforeReading) {
      // the CLI did not read its input; its exit code tells the rest
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("CLI did not finish within 60 s: " + command);
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private CliProcess() {}
}
