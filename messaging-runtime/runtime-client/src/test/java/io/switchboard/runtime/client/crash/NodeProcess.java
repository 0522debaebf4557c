package io.switchboard.runtime.client.crash;

import io.switchboard.runtime.client.process.NodeJvm;
import io.switchboard.runtime.client.process.Polling;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  static final int SIGKILL_EXIT_STATUS = NodeJvm.SIGKILL_EXIT_STATUS;

  /** The line NodeMain prints once every port is bound and the outbox relay runs. */
  private static final Pattern STARTED =
      Pattern.compile(
          "node \\S+ \\(\\S+\\) started: gateway port (\\d+), admin port (\\d+), peer port (\\d+)");

  /** The ports a node binds or bound; 0 asks for an ephemeral port. */
  record Ports(int gateway, int admin, int peer) {
    static final Ports EPHEMERAL = new Ports(0, 0, 0);
  }

  private final NodeJvm jvm;
  private final Ports ports;

  private NodeProcess(NodeJvm jvm, Ports ports) {
    this.jvm = jvm;
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
    NodeJvm jvm =
        NodeJvm.launch(
            List.of(
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
                Integer.toString(ports.peer())),
            "256m",
            output);
    try {
      Ports[] bound = new Ports[1];
      Polling.until(
          timeout,
          "node " + nodeId + " (pid " + jvm.pid() + ") to report its start",
          () -> {
            Matcher started = STARTED.matcher(jvm.text());
            if (started.find()) {
              bound[0] =
                  new Ports(
                      Integer.parseInt(started.group(1)),
                      Integer.parseInt(started.group(2)),
                      Integer.parseInt(started.group(3)));
              return true;
            }
            if (!jvm.isAlive()) {
              throw new AssertionError(
                  "node "
                      + nodeId
                      + " exited with status "
                      + jvm.exitValue()
                      + " before it started\n"
                      + jvm.output());
            }
            return false;
          },
          jvm::output);
      return new NodeProcess(jvm, bound[0]);
    } catch (Exception | AssertionError e) {
      jvm.kill();
      throw e;
    }
  }

  Ports ports() {
    return ports;
  }

  long pid() {
    return jvm.pid();
  }

  /** See {@link NodeJvm#kill()}. */
  int kill() throws InterruptedException {
    return jvm.kill();
  }

  /** Stops the process gracefully (SIGTERM runs its shutdown hook); SIGKILL after 15 s. */
  @Override
  public void close() throws InterruptedException {
    jvm.terminate();
  }

  /** The last lines of the process's output, headed by the file and pid, for failure messages. */
  String output() {
    return jvm.output();
  }
}
