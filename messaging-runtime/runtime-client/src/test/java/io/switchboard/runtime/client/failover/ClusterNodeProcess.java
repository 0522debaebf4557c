package io.switchboard.runtime.client.failover;

import io.switchboard.runtime.client.process.NodeJvm;
import io.switchboard.runtime.client.process.Polling;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
  static final int SIGKILL_EXIT_STATUS = NodeJvm.SIGKILL_EXIT_STATUS;

  private final String nodeId;
  private final String dc;
  private final NodeJvm jvm;

  private ClusterNodeProcess(String nodeId, String dc, NodeJvm jvm) {
    this.nodeId = nodeId;
    this.dc = dc;
    this.jvm = jvm;
  }

  /**
   * Launches the node; does not wait for it to serve (see {@link #awaitStarted}).
   *
   * @param output the file the process writes its stdout and stderr to (replaced)
   */
  static ClusterNodeProcess launch(
      String nodeId, String dc, Path dataDir, Path clusterFile, String placement, Path output)
      throws IOException {
    NodeJvm jvm =
        NodeJvm.launch(
            List.of(
                "--node-id",
                nodeId,
                "--dc",
                dc,
                "--data-dir",
                dataDir.toString(),
                "--cluster",
                clusterFile.toString(),
                "--placement",
                placement),
            // Six of these run on a small machine.
            "192m",
            output);
    return new ClusterNodeProcess(nodeId, dc, jvm);
  }

  /**
   * Waits until the node prints that it started (every port bound, replication and relay running).
   *
   * @throws AssertionError if the process exits or does not report its start within {@code
   *     timeout}; the message quotes its output
   */
  ClusterNodeProcess awaitStarted(Duration timeout) throws Exception {
    String started = "node " + nodeId + " (" + dc + ") started: ";
    Polling.until(
        timeout,
        "node " + nodeId + " (pid " + jvm.pid() + ") to report its start",
        () -> {
          if (jvm.text().contains(started)) {
            return true;
          }
          if (!jvm.isAlive()) {
            throw new AssertionError(
                "node "
                    + nodeId
                    + " exited with status "
                    + jvm.exitValue()
                    + " before it started\n"
                    + output());
          }
          return false;
        },
        this::output);
    return this;
  }

  String nodeId() {
    return nodeId;
  }

  long pid() {
    return jvm.pid();
  }

  boolean isAlive() {
    return jvm.isAlive();
  }

  /** See {@link NodeJvm#kill()}. */
  int kill() throws InterruptedException {
    return jvm.kill();
  }

  /** Ends the process at once (SIGKILL): tests do not need a graceful stop, only a quick one. */
  @Override
  public void close() throws InterruptedException {
    if (jvm.isAlive()) {
      jvm.kill();
    }
  }

  /** The last lines of the process's output, headed by the file and pid, for failure messages. */
  String output() {
    return jvm.output();
  }
}
