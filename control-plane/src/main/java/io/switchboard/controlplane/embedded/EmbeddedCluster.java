package io.switchboard.controlplane.embedded;

import io.switchboard.api.topology.NodeRole;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.shardmap.ShardMapPublished;
import io.switchboard.controlplane.shardmap.ShardMapStore;
import io.switchboard.controlplane.topology.NodeLifecycle;
import io.switchboard.controlplane.topology.NodeRegistration;
import io.switchboard.controlplane.topology.TopologyProperties;
import io.switchboard.controlplane.topology.TopologyProperties.DataCenterSpec;
import io.switchboard.controlplane.topology.TopologyService;
import io.switchboard.runtime.node.InProcessCluster;
import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.node.replication.ShardPromotion;
import io.switchboard.runtime.peer.PeerProbed;
import io.switchboard.runtime.replication.FenceReport;
import io.switchboard.runtime.replication.ReplicaGroup;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.BalancedPlacement;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.Placement;
import io.switchboard.runtime.sharding.ReplicaPlacement;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.store.LogOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Launches {@code nodesPerDc} runtime nodes in every configured data centre as in-process
 * instances, each with its own sockets, threads, memory and data directory ({@code
 * <data-dir>/nodes/<node-id>}), with every shard replicated ({@link #PLACEMENT}); what the
 * placement could not give (Europe's shards have no cross-DC replica under the default residency)
 * is reported with the topology.
 *
 * <p>Lifecycle:
 *
 * <ol>
 *   <li>On start every node is started on its configured ports (or free ones) and registered with
 *       the topology under its actual addresses. The nodes start with the shard map the control
 *       plane published last ({@link ShardMapStore}), the default placement on a first start; the
 *       map they serve after the start (primaries re-promoted after a restart) is stored as the
 *       newest.
 *   <li>{@link #publish} installs a map on every running node and stores it.
 *   <li>{@link #kill} drops a node as a crash would: sockets closed at once, threads stopped,
 *       memory discarded; only its data directory survives.
 *   <li>{@link #start(String)} starts a killed node again on the same data directory and the same
 *       ports, so its addresses in the topology stay valid.
 *   <li>On stop every running node is closed gracefully.
 * </ol>
 */
@Component
@ConditionalOnExpression(
    "${switchboard.embedded.enabled:true} and '${switchboard.remote.cluster-file:}' == ''")
class EmbeddedCluster implements NodeLifecycle, ReplicaControl, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);

  /**
   * Every shard gets a primary and two followers in its home DC and an asynchronous replica in
   * another DC that residency allows (ADR 0008); a replaceable piece until a placement planner
   * takes over.
   */
  private static final ReplicaPlacement PLACEMENT = BalancedPlacement.defaults();

  private final EmbeddedClusterProperties properties;
  private final TopologyProperties topologyProperties;
  private final TopologyService topology;
  private final Path nodesDir;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final ShardMapStore maps;

  /** The running cluster; null until started and after stop. */
  private InProcessCluster cluster;

  EmbeddedCluster(
      EmbeddedClusterProperties properties,
      TopologyProperties topologyProperties,
      TopologyService topology,
      @Value("${switchboard.data-dir}") Path dataDir,
      Clock clock,
      ApplicationEventPublisher events,
      ShardMapStore maps) {
    this.events = events;
    this.maps = maps;
    this.properties = properties;
    this.topologyProperties = topologyProperties;
    this.topology = topology;
    this.nodesDir = dataDir.resolve("nodes");
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    List<NodeConfig> nodes = new ArrayList<>();
    int index = 0;
    for (DataCenterSpec dc : topologyProperties.dataCenters()) {
      for (int n = 1; n <= properties.nodesPerDc(); n++, index++) {
        nodes.add(initialConfig(dc.id() + "-" + n, dc.id(), index));
      }
    }
    Optional<ShardMap> desired = maps.newest();
    cluster =
        InProcessCluster.start(
            nodes,
            HomeDataCenters.defaults(),
            LogOptions.defaults(),
            clock,
            desired.<ReplicaPlacement>map(EmbeddedCluster::keeping).orElse(PLACEMENT));
    maps.save(cluster.shardMap());
    cluster.nodes().forEach(bound -> topology.register(registration(bound)));
    topology.reportPlacement(cluster.placementReport().lines());
    log.info(
        "Embedded cluster up: {} data centres x {} nodes",
        topologyProperties.dataCenters().size(),
        properties.nodesPerDc());
  }

  @Override
  public synchronized void stop() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return cluster != null;
  }

  @Override
  public synchronized boolean manages(String nodeId) {
    return cluster != null
        && cluster.nodes().stream().anyMatch(node -> node.nodeId().equals(nodeId));
  }

  @Override
  public synchronized void kill(String nodeId) {
    if (cluster != null) {
      cluster.kill(nodeId);
    }
  }

  @Override
  public synchronized void shutDown(String nodeId) {
    if (cluster != null) {
      cluster.shutDown(nodeId);
    }
  }

  @Override
  public synchronized void start(String nodeId) {
    if (cluster == null) {
      throw new IllegalStateException("The embedded cluster is not running");
    }
    cluster.restart(nodeId);
  }

  /** Whether the node's instance is running (not killed). */
  synchronized boolean isAlive(String nodeId) {
    return cluster != null && cluster.node(nodeId).isPresent();
  }

  @Override
  public ShardMap shardMap() {
    return running().shardMap();
  }

  @Override
  public boolean isRunning(String node) {
    return isAlive(node);
  }

  @Override
  public CompletableFuture<Long> mapVersion(String node) {
    return running().admin().mapVersion(node);
  }

  @Override
  public List<String> nodes() {
    return running().nodes().stream().map(NodeConfig::nodeId).toList();
  }

  @Override
  public CompletableFuture<ReplicaStatus> status(String node, int shard) {
    return running().admin().status(node, shard);
  }

  @Override
  public CompletableFuture<FenceReport> fence(String node, int shard, long epoch) {
    return running().admin().fence(node, shard, epoch);
  }

  @Override
  public CompletableFuture<Long> promote(String node, int shard, long epoch, ReplicaGroup group) {
    return running().admin().promote(node, shard, epoch, group);
  }

  @Override
  public CompletableFuture<Long> install(String node, ShardMap map) {
    return running().admin().installShardMap(node, map);
  }

  @Override
  public CompletableFuture<PeerProbed> probe(String node, String target, Duration timeout) {
    return running().admin().probe(node, target, (int) timeout.toMillis());
  }

  @Override
  public CompletableFuture<Void> isolate(String node, Duration duration) {
    return running().admin().isolate(node, duration);
  }

  @Override
  public ShardPromotion.Outcome failOver(Collection<Integer> shards, String failedNode) {
    ShardPromotion.Outcome outcome = running().failOver(shards, failedNode);
    if (outcome.failures().size() < shards.size()) {
      maps.save(outcome.map());
      events.publishEvent(new ShardMapPublished(outcome.map().version()));
    }
    return outcome;
  }

  @Override
  public ShardPromotion.Outcome failOverAcrossDc(Collection<Integer> shards, Set<String> lost) {
    ShardPromotion.Outcome outcome = running().failOverAcrossDc(shards, lost);
    if (outcome.failures().size() < shards.size()) {
      maps.save(outcome.map());
      events.publishEvent(new ShardMapPublished(outcome.map().version()));
    }
    return outcome;
  }

  @Override
  public ShardPromotion.Outcome reconfigure(Map<Integer, ShardPromotion.Replicas> changes) {
    ShardPromotion.Outcome outcome = running().reconfigureAll(changes);
    if (outcome.failures().size() < changes.size()) {
      maps.save(outcome.map());
      events.publishEvent(new ShardMapPublished(outcome.map().version()));
    }
    return outcome;
  }

  @Override
  public void publish(ShardMap map) {
    running().publish(map);
    maps.save(map);
    events.publishEvent(new ShardMapPublished(map.version()));
  }

  /**
   * The placement of a restart: the map the control plane published last, with what the default
   * placement could not give (the same residency facts).
   */
  private static ReplicaPlacement keeping(ShardMap published) {
    return (homes, nodesByDc) ->
        new Placement(published, PLACEMENT.place(homes, nodesByDc).report());
  }

  private synchronized InProcessCluster running() {
    if (cluster == null) {
      throw new IllegalStateException("The embedded cluster is not running");
    }
    return cluster;
  }

  private NodeConfig initialConfig(String nodeId, String dc, int index) {
    return new NodeConfig(
            nodeId,
            dc,
            EnumSet.of(
                io.switchboard.runtime.topology.NodeRole.GATEWAY,
                io.switchboard.runtime.topology.NodeRole.STORE),
            properties.host(),
            properties.gatewayPort(index),
            properties.adminPort(index),
            nodesDir.resolve(nodeId),
            properties.maxFrameBytes(),
            properties.idleTimeout())
        .withPorts(
            properties.gatewayPort(index), properties.adminPort(index), properties.peerPort(index));
  }

  private static NodeRegistration registration(NodeConfig c) {
    Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
    c.roles().forEach(r -> roles.add(NodeRole.valueOf(r.name())));
    Integer gatewayPort = roles.contains(NodeRole.GATEWAY) ? c.gatewayPort() : null;
    return new NodeRegistration(c.nodeId(), c.dc(), roles, c.host(), gatewayPort, c.adminPort());
  }
}
