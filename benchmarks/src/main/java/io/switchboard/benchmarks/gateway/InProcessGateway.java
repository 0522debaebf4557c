package io.switchboard.benchmarks.gateway;

import io.switchboard.benchmarks.load.Directories;
import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.node.RuntimeNode;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * A gateway-only {@link RuntimeNode} in this JVM, on free loopback ports, with a fresh temporary
 * data directory; {@link #close()} stops the node and deletes the directory. The node has the
 * defaults of {@link NodeConfig#of}: 1 MiB frames, 60 s idle timeout.
 */
final class InProcessGateway implements AutoCloseable {

  static final String NODE_ID = "ping-load-1";
  static final String DC = "loopback";

  private final Path dataDir;
  private final RuntimeNode node;

  private InProcessGateway(Path dataDir, RuntimeNode node) {
    this.dataDir = dataDir;
    this.node = node;
  }

  /**
   * Starts the node; returns once its gateway accepts connections.
   *
   * @throws IOException if the directory cannot be created or the node cannot start; nothing is
   *     left behind
   */
  static InProcessGateway start() throws IOException {
    Path dataDir = Files.createTempDirectory("switchboard-ping-load-");
    try {
      NodeConfig config = NodeConfig.of(NODE_ID, DC, Set.of(NodeRole.GATEWAY), dataDir);
      return new InProcessGateway(dataDir, RuntimeNode.start(config, Clock.systemUTC()));
    } catch (IOException | RuntimeException e) {
      Directories.deleteRecursively(dataDir);
      throw e;
    }
  }

  /** Where the gateway listens. */
  GatewayAddress address() {
    return new GatewayAddress(node.config().host(), node.gatewayPort());
  }

  /** Stops the node gracefully and deletes its data directory. Idempotent. */
  @Override
  public void close() throws IOException {
    node.close();
    Directories.deleteRecursively(dataDir);
  }
}
