package io.switchboard.runtime.client.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runtime node running as its own JVM process ({@code io.switchboard.runtime.node.NodeMain}, a
 * standalone gateway and store holding every shard), started from the test's own class path. Its
 * stdout and stderr go to one file, which failure messages quote.
 *
 * <p>{@link #kill()} ends it with SIGKILL: no shutdown hook, no flush, no checkpoint, exactly what
 * a crash of the process leaves behind. A later {@link #start} on the same data directory and
 * {@link Ports} is the restart.
 */
final class NodeProcess implements AutoCloseable {

  /** Exit status of a JVM ended by SIGKILL: 128 + 9. */
  static final int SIGKILL_EXIT_STATUS = 137;

  private static final String MAIN_CLASS = "io.switchboard.runtime.node.NodeMain";

  /** The line NodeMain prints once every port is bound and the outbox relay runs. */
  private static final Pattern STARTED =
      Pattern.compile(
          "node \\S+ \\(\\S+\\) started: gateway port (\\d+), admin port (\\d+), peer port (\\d+)");

  private static final int OUTPUT_TAIL_LINES = 60;

  /** The ports a node binds or bound; 0 asks for an ephemeral port. */
  record Ports(int gateway, int admin, int peer) {
    static final Ports EPHEMERAL = new Ports(0, 0, 0);
  }

  private final Process process;
  private final Path output;
  private final Ports ports;

  private NodeProcess(Process process, Path output, Ports ports) {
    this.process = process;
    this.output = output;
    this.ports = ports;
  }

  /**
   * Launches the node and waits until it prints that it started.
   *
   * @param output the file the process writes its stdout and stderr to (replaced)
   * @throws AssertionError if the process exits or does not report its start within {@code
   *     timeout}; the message quotes its output
   */
  static NodeProcess start(
      String nodeId, String dc, Path dataDir, Ports ports, Path output, Duration timeout)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            // A small heap, and C1 only: a quicker start and less compiling on a small machine.
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            MAIN_CLASS,
            "--node-id",
            nodeId,
            "--dc",
            dc,
            "--roles",
            "gateway,store",
            "--data-dir",
            dataDir.toString(),
            "--gateway-port",
            Integer.toString(ports.gateway()),
            "--admin-port",
            Integer.toString(ports.admin()),
            "--peer-port",
            Integer.toString(ports.peer()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      Ports[] bound = new Ports[1];
      Polling.until(
          timeout,
          "node " + nodeId + " (pid " + process.pid() + ") to report its start",
          () -> {
            Matcher started = STARTED.matcher(read(output));
            if (started.find()) {
              bound[0] =
                  new Ports(
                      Integer.parseInt(started.group(1)),
                      Integer.parseInt(started.group(2)),
                      Integer.parseInt(started.group(3)));
              return true;
            }
            if (!process.isAlive()) {
              throw new AssertionError(
                  "node "
                      + nodeId
                      + " exited with status "
                      + process.exitValue()
                      + " before it started\n"
                      + tail(output));
            }
            return false;
          },
          () -> tail(output));
      return new NodeProcess(process, output, bound[0]);
    } catch (Exception | AssertionError e) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw e;
    }
  }

  Ports ports() {
    return ports;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Kills the process with SIGKILL and waits until it is gone.
   *
   * @return its exit status, {@link #SIGKILL_EXIT_STATUS} when SIGKILL ended it
   * @throws AssertionError if it is still alive 10 s later
   */
  int kill() throws InterruptedException {
    ProcessHandle handle = process.toHandle();
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS) || handle.isAlive()) {
      throw new AssertionError("node pid " + process.pid() + " survived SIGKILL\n" + output());
    }
    return process.exitValue();
  }

  /** Stops the process gracefully (SIGTERM runs its shutdown hook); SIGKILL after 15 s. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The last lines of the process's output, headed by the file and pid, for failure messages. */
  String output() {
    return tail(output);
  }

  private static String tail(Path file) {
    List<String> lines = new ArrayList<>(read(file).lines().toList());
    List<String> last = lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size());
    return "--- last "
        + last.size()
        + " of "
        + lines.size()
        + " lines of "
        + file
        + " ---\n"
        + String.join("\n", last)
        + "\n--- end of "
        + file.getFileName()
        + " ---";
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
