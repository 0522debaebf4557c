package io.switchboard.runtime.node;

import io.switchboard.runtime.node.cluster.ClusterMembership;
import io.switchboard.runtime.node.cluster.MutableClusterDirectory;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.SingleCopyPlacement;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster of runtime nodes in this JVM, each with its own ports, threads and data directory: the
 * control plane's embedded default, tests and benchmarks. Shards are placed with {@link
 * SingleCopyPlacement} over the store nodes of their home data centre.
 *
 * <p>Lifecycle: {@link #start} starts every node, in the order given, and records the ports each
 * bound (configured or ephemeral); {@link #kill} drops one node as a crash would; {@link #restart}
 * starts a killed node again on the same ports and data directory; {@link #close} closes every
 * running node gracefully. Thread-safe.
 */
public final class InProcessCluster implements AutoCloseable {

  private final ClusterMembership membership;
  private final MutableClusterDirectory directory;
  private final Clock clock;
  private final Map<String, NodeConfig> configs = new LinkedHashMap<>();
  private final Map<String, RuntimeNode> running = new LinkedHashMap<>();

  private InProcessCluster(
      ClusterMembership membership, MutableClusterDirectory directory, Clock clock) {
    this.membership = membership;
    this.directory = directory;
    this.clock = clock;
  }

  /**
   * Starts every node; if one fails to start, those already started are killed.
   *
   * @param nodes the nodes, every store node in a data centre that {@code homes} knows
   * @throws UncheckedIOException if a node cannot start
   */
  public static InProcessCluster start(
      List<NodeConfig> nodes, HomeDataCenters homes, LogOptions logOptions, Clock clock) {
    Map<String, List<String>> storesByDc = new LinkedHashMap<>();
    for (NodeConfig node : nodes) {
      if (node.hasRole(NodeRole.STORE)) {
        storesByDc.computeIfAbsent(node.dc(), dc -> new ArrayList<>()).add(node.nodeId());
      }
    }
    ShardMap map = SingleCopyPlacement.place(homes, storesByDc);
    MutableClusterDirectory directory =
        new MutableClusterDirectory(nodes.stream().map(NodeConfig::nodeId).toList());
    InProcessCluster cluster =
        new InProcessCluster(
            new ClusterMembership(directory, map, homes, logOptions), directory, clock);
    try {
      for (NodeConfig node : nodes) {
        cluster.launch(node);
      }
    } catch (RuntimeException e) {
      cluster.running.values().forEach(RuntimeNode::kill);
      throw e;
    }
    return cluster;
  }

  /** The shard map the nodes started with. */
  public ShardMap shardMap() {
    return membership.shardMap();
  }

  /** Every node's configuration with the ports it bound at its first start, in start order. */
  public synchronized List<NodeConfig> nodes() {
    return List.copyOf(configs.values());
  }

  /** The running instance of {@code nodeId}; empty while it is killed. */
  public synchronized Optional<RuntimeNode> node(String nodeId) {
    return Optional.ofNullable(running.get(nodeId));
  }

  /** Drops a node as a crash would; only its data directory survives. Idempotent. */
  public void kill(String nodeId) {
    RuntimeNode node;
    synchronized (this) {
      node = running.remove(nodeId);
    }
    if (node != null) {
      node.kill();
    }
  }

  /**
   * Starts a killed node again, on the same ports and data directory; does nothing if it runs.
   *
   * @throws IllegalArgumentException if the node is not part of this cluster
   * @throws UncheckedIOException if it cannot start
   */
  public synchronized void restart(String nodeId) {
    NodeConfig config = configs.get(nodeId);
    if (config == null) {
      throw new IllegalArgumentException("Node " + nodeId + " is not part of this cluster");
    }
    if (!running.containsKey(nodeId)) {
      running.put(nodeId, startNode(config));
    }
  }

  /** Closes every running node gracefully. */
  @Override
  public void close() {
    List<RuntimeNode> nodes;
    synchronized (this) {
      nodes = new ArrayList<>(running.values());
      running.clear();
    }
    nodes.forEach(RuntimeNode::close);
  }

  private synchronized void launch(NodeConfig config) {
    RuntimeNode node = startNode(config);
    NodeConfig bound = config.withPorts(node.gatewayPort(), node.adminPort(), node.peerPort());
    configs.put(bound.nodeId(), bound);
    running.put(bound.nodeId(), node);
    if (node.peerPort() != 0) {
      directory.put(bound.nodeId(), new InetSocketAddress(bound.host(), node.peerPort()));
    }
  }

  private RuntimeNode startNode(NodeConfig config) {
    try {
      return RuntimeNode.start(config, clock, membership);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start node " + config.nodeId(), e);
    }
  }
}
