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
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The embedded default's topology in process for replication tests: four data centres of three
 * gateway-and-store nodes each ({@code americas-1} ... {@code middle-east-3}), shards placed by
 * {@link BalancedPlacement#defaults()}, and the clients a test connects, closed with the cluster.
 */
final class TwelveNodeCluster implements AutoCloseable {

  private final InProcessCluster cluster;
  private final List<GatewayClient> clients = new ArrayList<>();

  private TwelveNodeCluster(InProcessCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts the twelve nodes with their data under {@code dataDir}. */
  static TwelveNodeCluster start(Path dataDir, ReplicationLimits limits) {
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
    return new TwelveNodeCluster(
        InProcessCluster.start(
            nodes,
            HomeDataCenters.defaults(),
            LogOptions.defaults(),
            Clock.systemUTC(),
            BalancedPlacement.defaults(),
            limits));
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

  @Override
  public void close() throws IOException {
    for (GatewayClient client : clients) {
      client.close();
    }
    cluster.close();
  }
}
