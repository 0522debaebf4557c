package io.switchboard.runtime.node;

import io.switchboard.runtime.node.cluster.ClusterMembership;
import io.switchboard.runtime.node.cluster.MutableClusterDirectory;
import io.switchboard.runtime.node.replication.ClusterAdminLinks;
import io.switchboard.runtime.node.replication.ReplicaAdminClient;
import io.switchboard.runtime.node.replication.ShardPromotion;
import io.switchboard.runtime.replication.ReplicationLimits;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.Placement;
import io.switchboard.runtime.sharding.PlacementReport;
import io.switchboard.runtime.sharding.ReplicaPlacement;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.SingleCopyPlacement;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster of runtime nodes in this JVM, each with its own ports, threads and data directory: the
 * control plane's embedded default, tests and benchmarks. Shards are placed by a {@link
 * ReplicaPlacement} over the store nodes (by default {@link SingleCopyPlacement}: one copy in the
 * shard's home data centre).
 *
 * <p>Until the control plane owns the shard map, this class is its authority for the cluster it
 * runs: it keeps the newest map, and moves primaries with {@link ShardPromotion} through the nodes'
 * admin commands, over their peer ports, as the control plane will.
 *
 * <p>Lifecycle: {@link #start} starts every node, in the order given, and records the ports each
 * bound (configured or ephemeral); with replicated shards it then promotes a new primary, at a new
 * epoch, for every shard whose primary cannot serve (a cluster restarted on its data directories: a
 * replicated primary never resumes an epoch after a restart). {@link #kill} drops one node as a
 * crash would; {@link #promoteAwayFrom} moves the primaries off a node; {@link #restart} starts a
 * killed node again on the same ports and data directory with the newest map (its replicas follow,
 * and shards it still leads get a new epoch); {@link #close} closes every running node gracefully.
 * Thread-safe.
 */
public final class InProcessCluster implements AutoCloseable {

  private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(5);

  private final ClusterMembership membership;
  private final MutableClusterDirectory directory;
  private final Clock clock;
  private final Map<String, NodeConfig> configs = new LinkedHashMap<>();
  private final Map<String, RuntimeNode> running = new LinkedHashMap<>();
  private final ClusterAdminLinks adminLinks;
  private final ReplicaAdminClient admin;
  private final ShardPromotion promotion;
  private final PlacementReport placementReport;
  private volatile ShardMap current;

  private InProcessCluster(
      ClusterMembership membership,
      MutableClusterDirectory directory,
      Clock clock,
      PlacementReport placementReport) {
    this.membership = membership;
    this.placementReport = placementReport;
    this.directory = directory;
    this.clock = clock;
    this.current = membership.shardMap();
    this.adminLinks = new ClusterAdminLinks(directory::peerAddress, ADMIN_CALL_TIMEOUT);
    this.admin = adminLinks.admin();
    this.promotion = adminLinks.promotion();
  }

  /**
   * Starts every node; if one fails to start, those already started are killed.
   *
   * @param nodes the nodes, every store node in a data centre that {@code homes} knows
   * @throws UncheckedIOException if a node cannot start
   */
  public static InProcessCluster start(
      List<NodeConfig> nodes, HomeDataCenters homes, LogOptions logOptions, Clock clock) {
    return start(
        nodes,
        homes,
        logOptions,
        clock,
        (shardHomes, storesByDc) ->
            new Placement(
                SingleCopyPlacement.place(shardHomes, storesByDc), new PlacementReport(List.of())));
  }

  /**
   * Starts every node with shards placed by {@code placement}; see {@link #start(List,
   * HomeDataCenters, LogOptions, Clock)}.
   */
  public static InProcessCluster start(
      List<NodeConfig> nodes,
      HomeDataCenters homes,
      LogOptions logOptions,
      Clock clock,
      ReplicaPlacement placement) {
    return start(nodes, homes, logOptions, clock, placement, ReplicationLimits.defaults());
  }

  /**
   * Starts every node with shards placed by {@code placement} and replicas bounded by {@code
   * limits}; see {@link #start(List, HomeDataCenters, LogOptions, Clock)}.
   */
  public static InProcessCluster start(
      List<NodeConfig> nodes,
      HomeDataCenters homes,
      LogOptions logOptions,
      Clock clock,
      ReplicaPlacement placement,
      ReplicationLimits limits) {
    Map<String, List<String>> storesByDc = new LinkedHashMap<>();
    for (NodeConfig node : nodes) {
      if (node.hasRole(NodeRole.STORE)) {
        storesByDc.computeIfAbsent(node.dc(), dc -> new ArrayList<>()).add(node.nodeId());
      }
    }
    Placement placed = placement.place(homes, storesByDc);
    ShardMap map = placed.map();
    MutableClusterDirectory directory =
        new MutableClusterDirectory(nodes.stream().map(NodeConfig::nodeId).toList());
    InProcessCluster cluster =
        new InProcessCluster(
            new ClusterMembership(directory, map, homes, logOptions, limits),
            directory,
            clock,
            placed.report());
    try {
      for (NodeConfig node : nodes) {
        cluster.launch(node);
      }
      cluster.promoteStuckPrimaries(cluster.running.keySet());
    } catch (RuntimeException e) {
      cluster.running.values().forEach(RuntimeNode::kill);
      cluster.closeAdmin();
      throw e;
    }
    return cluster;
  }

  /** The newest shard map: the one the nodes started with, or the last one published. */
  public ShardMap shardMap() {
    return current;
  }

  /** What the placement could not give every shard (replicas missing, and why). */
  public PlacementReport placementReport() {
    return placementReport;
  }

  /** The admin commands of the nodes, for tests that drive promotions step by step. */
  public ReplicaAdminClient admin() {
    return admin;
  }

  /**
   * Moves the primary of every replicated shard {@code nodeId} leads to the most up-to-date of the
   * shard's other in-DC replicas, at a new epoch, and publishes the new map to every running node
   * ({@link ShardPromotion}). The node itself is not asked: it may be down.
   *
   * @return the new map
   * @throws IllegalStateException if a shard's other voters could not be fenced by a majority
   */
  public synchronized ShardMap promoteAwayFrom(String nodeId) {
    List<Integer> led = new ArrayList<>();
    for (ReplicaSet set : current.replicaSets()) {
      if (set.primary().equals(nodeId) && !set.followers().isEmpty()) {
        led.add(set.shard());
      }
    }
    return promote(led, Set.of(nodeId));
  }

  /**
   * Fails {@code shards} over from {@code failedNode}: promotes, at a new epoch, the most
   * up-to-date of each shard's other voters that a majority fenced, and publishes the shards that
   * could be promoted to every running node ({@link ShardPromotion#promoteWhatCan}).
   */
  public synchronized ShardPromotion.Outcome failOver(
      Collection<Integer> shards, String failedNode) {
    ShardPromotion.Outcome outcome =
        promotion.promoteWhatCan(current, shards, Set.of(failedNode), running.keySet());
    current = outcome.map();
    return outcome;
  }

  /**
   * Fails {@code shards} over to another data centre after the loss of the nodes {@code lost}:
   * promotes each shard's most up-to-date asynchronous replica outside them as its single voter and
   * publishes the shards that could be promoted ({@link ShardPromotion#promoteAcrossDc}).
   */
  public synchronized ShardPromotion.Outcome failOverAcrossDc(
      Collection<Integer> shards, Set<String> lost) {
    ShardPromotion.Outcome outcome =
        promotion.promoteAcrossDc(current, shards, lost, running.keySet());
    current = outcome.map();
    return outcome;
  }

  /**
   * Promotes a new primary for each of {@code shards} at a new epoch and publishes the new map to
   * every running node; see {@link ShardPromotion}.
   */
  public synchronized ShardMap promote(Collection<Integer> shards) {
    return promote(shards, Set.of());
  }

  /**
   * Gives {@code shard} the replicas {@code voters} and {@code asyncReplicas} at a new epoch; see
   * {@link ShardPromotion#reconfigure}.
   */
  public synchronized ShardMap reconfigure(
      int shard, List<String> voters, List<String> asyncReplicas) {
    current = promotion.reconfigure(current, shard, voters, asyncReplicas, running.keySet());
    return current;
  }

  /**
   * Gives several shards new replicas at new epochs and publishes those that could be changed in
   * one map; see {@link ShardPromotion#reconfigureAll}.
   */
  public synchronized ShardPromotion.Outcome reconfigureAll(
      Map<Integer, ShardPromotion.Replicas> changes) {
    ShardPromotion.Outcome outcome = promotion.reconfigureAll(current, changes, running.keySet());
    current = outcome.map();
    return outcome;
  }

  /** Installs {@code map} on every running node and keeps it as the newest map. */
  public synchronized void publish(ShardMap map) {
    promotion.publish(map, running.keySet());
    current = map;
  }

  private ShardMap promote(Collection<Integer> shards, Set<String> excluded) {
    if (shards.isEmpty()) {
      return current;
    }
    ShardMap next = promotion.promote(current, shards, excluded, running.keySet());
    current = next;
    return next;
  }

  /**
   * Promotes, at a new epoch, every replicated shard whose primary among {@code nodeIds} does not
   * serve it: a replicated primary never resumes its epoch after a restart.
   */
  private void promoteStuckPrimaries(Collection<String> nodeIds) {
    List<Integer> stuck = new ArrayList<>();
    for (ReplicaSet set : current.replicaSets()) {
      RuntimeNode node = running.get(set.primary());
      if (set.followers().isEmpty() || node == null || !nodeIds.contains(set.primary())) {
        continue;
      }
      boolean serving =
          node.store()
              .map(store -> store.replicas().serves(set.shard(), set.epoch()))
              .orElse(false);
      if (!serving) {
        stuck.add(set.shard());
      }
    }
    promote(stuck, Set.of());
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

  /** Closes a node gracefully (see {@link RuntimeNode#close}); idempotent. */
  public void shutDown(String nodeId) {
    RuntimeNode node;
    synchronized (this) {
      node = running.remove(nodeId);
    }
    if (node != null) {
      node.close();
    }
  }

  /**
   * Starts a killed or shut down node again, on the same ports and data directory; does nothing if
   * it runs.
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
      promoteStuckPrimaries(List.of(nodeId));
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
    closeAdmin();
  }

  private void closeAdmin() {
    adminLinks.close();
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
      ClusterMembership newest =
          new ClusterMembership(
              membership.directory(),
              current,
              membership.homes(),
              membership.logOptions(),
              membership.replicationLimits());
      return RuntimeNode.start(config, clock, newest);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start node " + config.nodeId(), e);
    }
  }
}
