package io.switchboard.runtime.node;

import io.switchboard.runtime.node.cluster.ClusterMembership;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Entry point of the node process ({@code runtime-node-*-exec.jar}).
 *
 * <ol>
 *   <li>Parse the arguments ({@link NodeCommandLine}); {@code --help} prints the usage and exits 0,
 *       invalid arguments print the problem and the usage on stderr and exit 1.
 *   <li>Start the node as a cluster of one that leads every shard ({@link
 *       ClusterMembership#standalone}); a failure to start prints the reason on stderr and exits 2.
 *   <li>Print the bound ports on stdout and register a shutdown hook that closes the node
 *       gracefully. The node's event loop threads keep the process alive.
 * </ol>
 *
 * <p>Logs through SLF4J; unless {@code -Dlogback.configurationFile} says otherwise, logback is
 * configured from {@value #LOGBACK_CONFIGURATION}.
 */
public final class NodeMain {

  static final int EXIT_OK = 0;
  static final int EXIT_USAGE = 1;
  static final int EXIT_START_FAILED = 2;

  private static final String LOGBACK_CONFIGURATION = "switchboard-node-logback.xml";

  private NodeMain() {}

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
    }
    int status =
        run(
            args,
            System.out,
            System.err,
            Clock.systemUTC(),
            node ->
                Runtime.getRuntime()
                    .addShutdownHook(
                        new Thread(node::close, "node-" + node.config().nodeId() + "-shutdown")));
    if (status != EXIT_OK) {
      System.exit(status);
    }
  }

  /**
   * Runs steps 1 to 3 of the class comment.
   *
   * @param onStarted receives the node once it runs; {@link #main} registers the shutdown hook here
   * @return the exit status; on {@link #EXIT_OK} after a start, the node is running
   */
  static int run(
      String[] args,
      PrintStream out,
      PrintStream err,
      Clock clock,
      Consumer<RuntimeNode> onStarted) {
    if (Arrays.asList(args).contains(NodeCommandLine.HELP)) {
      out.print(NodeCommandLine.USAGE);
      return EXIT_OK;
    }
    NodeConfig config;
    try {
      config = NodeCommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(NodeCommandLine.USAGE);
      return EXIT_USAGE;
    }
    RuntimeNode node;
    try {
      node = RuntimeNode.start(config, clock, ClusterMembership.standalone(config.nodeId()));
    } catch (IOException e) {
      err.println("error: node " + config.nodeId() + " cannot start: " + e.getMessage());
      return EXIT_START_FAILED;
    }
    onStarted.accept(node);
    out.printf(
        "node %s (%s) started: gateway port %d, admin port %d, peer port %d%n",
        config.nodeId(), config.dc(), node.gatewayPort(), node.adminPort(), node.peerPort());
    return EXIT_OK;
  }
}
