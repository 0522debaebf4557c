package io.switchboard.runtime.node;

import io.switchboard.runtime.node.cluster.ClusterMembership;
import io.switchboard.runtime.sharding.Placement;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Entry point of the node process ({@code runtime-node-*-exec.jar}).
 *
 * <ol>
 *   <li>Parse the arguments ({@link NodeCommandLine}); {@code --help} prints the usage and exits 0,
 *       invalid arguments print the problem and the usage on stderr and exit 1.
 *   <li>Without {@code --cluster}, start the node as a cluster of one that leads every shard
 *       ({@link ClusterMembership#standalone}). With {@code --cluster FILE}, read the {@link
 *       ClusterFile} (a file that cannot be read, a mistake in it, a node it does not list or a
 *       placement that cannot place every shard print the problem on stderr and exit 1), take the
 *       node's host, ports and roles from its line, compute the initial shard map with the {@code
 *       --placement} over the file's store nodes (every process computes the same map), print the
 *       placement's shortfalls, and start the node as a member of that cluster, its peers at their
 *       listed peer ports. A failure to start prints the reason on stderr and exits 2.
 *   <li>Print the bound ports on stdout and register a shutdown hook that closes the node
 *       gracefully. The node's event loop threads keep the process alive.
 * </ol>
 *
 * <p>A node of a cluster starts with the initial map computed from the file every time, also after
 * a restart: whoever moves primaries (the control plane) installs newer maps on it with the admin
 * command, and a replicated primary that restarted does not resume its epoch but awaits a promotion
 * (ADR 0008).
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
    NodeCommandLine.Command command;
    try {
      command = NodeCommandLine.parseCommand(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(NodeCommandLine.USAGE);
      return EXIT_USAGE;
    }
    NodeConfig config = command.config();
    ClusterMembership membership;
    if (command.clusterFile().isPresent()) {
      Path file = command.clusterFile().get();
      try {
        ClusterFile cluster = ClusterFile.read(file);
        config = cluster.configure(config);
        Placement placement = cluster.place(command.placement().placement());
        membership = cluster.membership(placement);
        out.printf(
            "node %s joins a cluster of %d nodes (%s), %s placement, shard map version %d%n",
            config.nodeId(),
            cluster.members().size(),
            file,
            command.placement().name().toLowerCase(Locale.ROOT),
            placement.map().version());
        placement.report().lines().forEach(line -> out.println("placement shortfall: " + line));
      } catch (IOException e) {
        err.println("error: cannot read cluster file " + file + ": " + e);
        return EXIT_USAGE;
      } catch (IllegalArgumentException e) {
        err.println("error: " + e.getMessage());
        return EXIT_USAGE;
      }
    } else {
      membership = ClusterMembership.standalone(config.nodeId());
    }
    RuntimeNode node;
    try {
      node = RuntimeNode.start(config, clock, membership);
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
