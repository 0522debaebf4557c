package io.switchboard.runtime.client.cluster;

import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.GatewayClientConfig;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.node.InProcessCluster;
import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.node.RuntimeNode;
import io.switchboard.runtime.node.cluster.NodeStore;
import io.switchboard.runtime.replication.ReplicationLimits;
import io.switchboard.runtime.sharding.BalancedPlacement;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded default's topology in process for replication tests: four data centres of three
 * gateway-and-store nodes each ({@code americas-1} ... {@code middle-east-3}), shards placed by
 * {@link BalancedPlacement#defaults()}, and the clients a test connects. A JUnit extension, one
 * cluster per test:
 *
 * <pre>
 * {@literal @}RegisterExtension final TwelveNodeCluster nodes = TwelveNodeCluster.perTest();
 * </pre>
 *
 * <p>Before each test the twelve nodes start with their data in a new temporary directory; after it
 * the test's clients and the nodes are closed and the directory deleted.
 */
final class TwelveNodeCluster implements BeforeEachCallback, AfterEachCallback {

  private final ReplicationLimits limits;
  private final List<GatewayClient> clients = new ArrayList<>();
  private Path dataDir;
  private InProcessCluster cluster;

  private TwelveNodeCluster(ReplicationLimits limits) {
    this.limits = limits;
  }

  /** A cluster per test with the default replication limits. */
  static TwelveNodeCluster perTest() {
    return perTest(ReplicationLimits.defaults());
  }

  /** A cluster per test whose replicas have {@code limits}. */
  static TwelveNodeCluster perTest(ReplicationLimits limits) {
    return new TwelveNodeCluster(limits);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("switchboard-twelve-nodes-");
    List<NodeConfig> nodes = new ArrayList<>();
    for (String dc : List.of("americas", "europe", "asia", "middle-east")) {
      for (int n = 1; n <= 3; n++) {
        nodes.add(
            NodeConfig.of(
                dc + "-" + n,
                dc,
                EnumSet.of(NodeRole.GATEWAY, NodeRole.STORE),
                dataDir.resolve(dc + "-" + n)));
      }
    }
    cluster =
        InProcessCluster.start(
            nodes,
            HomeDataCenters.defaults(),
            LogOptions.defaults(),
            Clock.systemUTC(),
            BalancedPlacement.defaults(),
            limits);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      for (GatewayClient client : clients) {
        client.close();
      }
      clients.clear();
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      cluster = null;
      deleteDataDir();
    }
  }

  private void deleteDataDir() throws IOException {
    if (dataDir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
    dataDir = null;
  }

  InProcessCluster cluster() {
    return cluster;
  }

  /** The store of a running node. */
  NodeStore store(String nodeId) {
    return cluster.node(nodeId).flatMap(RuntimeNode::store).orElseThrow();
  }

  /** A client of the gateways of {@code gatewayNodes}, in that order, closed with the cluster. */
  GatewayClient connect(RetryPolicy retry, String... gatewayNodes) throws IOException {
    List<GatewayAddress> gateways = new ArrayList<>();
    for (String nodeId : gatewayNodes) {
      NodeConfig node =
          cluster.nodes().stream().filter(n -> n.nodeId().equals(nodeId)).findFirst().orElseThrow();
      gateways.add(new GatewayAddress(node.host(), node.gatewayPort()));
    }
    GatewayClient client =
        GatewayClient.connect(
            GatewayClientConfig.of("it-" + gatewayNodes[0], gateways).withRetry(retry));
    clients.add(client);
    return client;
  }
}
