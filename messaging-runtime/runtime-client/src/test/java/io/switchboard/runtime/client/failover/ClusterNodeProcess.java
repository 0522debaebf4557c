package io.switchboard.runtime.client.failover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A runtime node of a cluster of node processes, running as its own JVM ({@code
 * io.switchboard.runtime.node.NodeMain --cluster FILE --placement MODE}), started from the test's
 * own class path. Its stdout and stderr go to one file, which failure messages quote.
 *
 * <p>The cluster counterpart of {@code crash.NodeProcess} (which starts standalone nodes on
 * ephemeral ports): here every port is fixed by the cluster file, so a process is started without
 * waiting and {@link #awaitStarted} waits for it, which lets a whole cluster start in parallel.
 * {@link #kill()} ends it with SIGKILL: no shutdown hook, no flush, no checkpoint. Starting the
 * same node again on the same data directory is its restart.
 */
final class ClusterNodeProcess implements AutoCloseable {

  /** Exit status of a JVM ended by SIGKILL: 128 + 9. */
  static final int SIGKILL_EXIT_STATUS = 137;

  private static final String MAIN_CLASS = "io.switchboard.runtime.node.NodeMain";
  private static final int OUTPUT_TAIL_LINES = 40;
  private static final long POLL_MILLIS = 20;

  private final String nodeId;
  private final String dc;
  private final Process process;
  private final Path output;

  private ClusterNodeProcess(String nodeId, String dc, Process process, Path output) {
    this.nodeId = nodeId;
    this.dc = dc;
    this.process = process;
    this.output = output;
  }

  /**
   * Launches the node; does not wait for it to serve (see {@link #awaitStarted}).
   *
   * @param output the file the process writes its stdout and stderr to (replaced)
   */
  static ClusterNodeProcess launch(
      String nodeId, String dc, Path dataDir, Path clusterFile, String placement, Path output)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            // A small heap, and C1 only: a quicker start and less compiling on a small machine
            // that runs six of these.
            "-Xmx192m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            MAIN_CLASS,
            "--node-id",
            nodeId,
            "--dc",
            dc,
            "--data-dir",
            dataDir.toString(),
            "--cluster",
            clusterFile.toString(),
            "--placement",
            placement);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    return new ClusterNodeProcess(nodeId, dc, process, output);
  }

  /**
   * Waits until the node prints that it started (every port bound, replication and relay running).
   *
   * @throws AssertionError if the process exits or does not report its start within {@code
   *     timeout}; the message quotes its output
   */
  ClusterNodeProcess awaitStarted(Duration timeout) throws InterruptedException {
    String started = "node " + nodeId + " (" + dc + ") started: ";
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!read(output).contains(started)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "node "
                + nodeId
                + " exited with status "
                + process.exitValue()
                + " before it started\n"
                + output());
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "node " + nodeId + " did not start within " + timeout + "\n" + output());
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
    return this;
  }

  String nodeId() {
    return nodeId;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills the process with SIGKILL and waits until it is gone.
   *
   * @return its exit status, {@link #SIGKILL_EXIT_STATUS} when SIGKILL ended it
   * @throws AssertionError if it is still alive 10 s later
   */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS) || process.toHandle().isAlive()) {
      throw new AssertionError("node pid " + process.pid() + " survived SIGKILL\n" + output());
    }
    return process.exitValue();
  }

  /** Ends the process at once (SIGKILL): tests do not need a graceful stop, only a quick one. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** The last lines of the process's output, headed by the file and pid, for failure messages. */
  String output() {
    List<String> lines = new ArrayList<>(read(output).lines().toList());
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

  private static String read(Path file) {
    try {
      return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
