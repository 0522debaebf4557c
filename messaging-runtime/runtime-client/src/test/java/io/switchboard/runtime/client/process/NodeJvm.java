package io.switchboard.runtime.client.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A runtime node ({@code io.switchboard.runtime.node.NodeMain}) running as its own JVM, started
 * from the test's own class path with a small heap and C1 only (a quicker start and less compiling
 * on a small machine). Its stdout and stderr go to one file, which failure messages quote.
 *
 * <p>{@link #kill()} ends it with SIGKILL: no shutdown hook, no flush, no checkpoint, exactly what
 * a crash of the process leaves behind.
 */
public final class NodeJvm {

  /** Exit status of a JVM ended by SIGKILL: 128 + 9. */
  public static final int SIGKILL_EXIT_STATUS = 137;

  private static final String MAIN_CLASS = "io.switchboard.runtime.node.NodeMain";
  private static final int OUTPUT_TAIL_LINES = 60;

  private final Process process;
  private final Path output;

  private NodeJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /**
   * Starts {@code NodeMain} with {@code arguments}; does not wait for it to serve.
   *
   * @param maxHeap the {@code -Xmx} value, e.g. {@code 256m}
   * @param output the file the process writes its stdout and stderr to (replaced)
   */
  public static NodeJvm launch(List<String> arguments, String maxHeap, Path output)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN_CLASS);
    command.addAll(arguments);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    return new NodeJvm(process, output);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Its exit status; only once it has exited. */
  public int exitValue() {
    return process.exitValue();
  }

  /**
   * Kills the process with SIGKILL and waits until it is gone.
   *
   * @return its exit status, {@link #SIGKILL_EXIT_STATUS} when SIGKILL ended it
   * @throws AssertionError if it is still alive 10 s later
   */
  public int kill() throws InterruptedException {
    ProcessHandle handle = process.toHandle();
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS) || handle.isAlive()) {
      throw new AssertionError("node pid " + process.pid() + " survived SIGKILL\n" + output());
    }
    return process.exitValue();
  }

  /** Stops the process gracefully (SIGTERM runs its shutdown hook); SIGKILL after 15 s. */
  public void terminate() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Everything the process wrote so far. */
  public String text() {
    try {
      return Files.exists(output)
          ? new String(Files.readAllBytes(output), StandardCharsets.UTF_8)
          : "";
    } catch (IOException e) {
      return "(cannot read " + output + ": " + e + ")";
    }
  }

  /** The last lines of the process's output, headed by the file and pid, for failure messages. */
  public String output() {
    List<String> lines = new ArrayList<>(text().lines().toList());
    List<String> last = lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size());
    return "--- last "
        + last.size()
        + " of "
        + lines.size()
        + " lines of "
        + output
        + " (pid "
        + process.pid()
        + ") ---\n"
        + String.join("\n", last)
        + "\n--- end of "
        + output.getFileName()
        + " ---";
  }
}
