package io.switchboard.controlplane.remote;

import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.shardmap.ShardMapPublished;
import io.switchboard.controlplane.shardmap.ShardMapStore;
import io.switchboard.controlplane.topology.NodeRegistration;
import io.switchboard.controlplane.topology.TopologyService;
import io.switchboard.runtime.node.ClusterFile;
import io.switchboard.runtime.node.replication.ClusterAdminLinks;
import io.switchboard.runtime.node.replication.ShardPromotion;
import io.switchboard.runtime.peer.PeerProbed;
import io.switchboard.runtime.replication.FenceReport;
import io.switchboard.runtime.replication.ReplicaGroup;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.Placement;
import io.switchboard.runtime.sharding.ShardMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The control plane's hands on a cluster of node processes that run on their own, listed in the
 * cluster file they were started with ({@code switchboard.remote.cluster-file}).
 *
 * <p>On start it registers every listed node with the topology (its health checks then watch the
 * admin ports), opens peer links to the nodes for the admin commands, and takes the desired shard
 * map: the newest one stored, or, on a first attach, the initial map the nodes computed from the
 * same file and placement. The nodes survive a restart of the control plane, so an operation that
 * was running resumes against the same replicas and epochs. A node that restarts serves the file's
 * initial map again until the reconciliation installs the desired one.
 *
 * <p>A node counts as running unless its health checks say it is down: a node not checked yet is
 * tried, and a command to a dead node fails like any unreachable node's.
 */
@Component
@ConditionalOnProperty(name = "switchboard.remote.cluster-file")
class RemoteCluster implements ReplicaControl, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RemoteCluster.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final RemoteClusterProperties properties;
  private final TopologyService topology;
  private final ShardMapStore maps;
  private final ApplicationEventPublisher events;

  private volatile ClusterFile file;
  private volatile ClusterAdminLinks links;
  private volatile ShardMap desired;

  RemoteCluster(
      RemoteClusterProperties properties,
      TopologyService topology,
      ShardMapStore maps,
      ApplicationEventPublisher events) {
    this.properties = properties;
    this.topology = topology;
    this.maps = maps;
    this.events = events;
  }

  @Override
  public synchronized void start() {
    ClusterFile members = read();
    Placement initial = members.place(properties.placement().placement());
    Optional<ShardMap> stored = maps.newest();
    ShardMap map =
        stored.filter(newest -> newest.version() >= initial.map().version()).orElse(initial.map());
    maps.save(map);
    Map<String, InetSocketAddress> peers =
        members.members().stream()
            .collect(
                Collectors.toMap(
                    ClusterFile.Member::nodeId,
                    m -> new InetSocketAddress(m.host(), m.peerPort())));
    Function<String, Optional<InetSocketAddress>> addresses =
        node -> Optional.ofNullable(peers.get(node));
    links = new ClusterAdminLinks(addresses, CALL_TIMEOUT);
    file = members;
    desired = map;
    members.members().forEach(member -> topology.register(registration(member)));
    topology.reportPlacement(initial.report().lines());
    log.info(
        "Attached to the {} nodes of {} (shard map version {})",
        members.members().size(),
        properties.clusterFile(),
        map.version());
  }

  @Override
  public synchronized void stop() {
    if (links != null) {
      links.close();
      links = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return links != null;
  }

  @Override
  public ShardMap shardMap() {
    return desired;
  }

  @Override
  public boolean isRunning(String node) {
    return topology.nodeView(node).health() != NodeHealth.DOWN;
  }

  @Override
  public CompletableFuture<Long> mapVersion(String node) {
    return links().admin().mapVersion(node);
  }

  @Override
  public List<String> nodes() {
    return file.members().stream()
        .filter(ClusterFile.Member::isStore)
        .map(ClusterFile.Member::nodeId)
        .toList();
  }

  @Override
  public CompletableFuture<ReplicaStatus> status(String node, int shard) {
    return links().admin().status(node, shard);
  }

  @Override
  public CompletableFuture<FenceReport> fence(String node, int shard, long epoch) {
    return links().admin().fence(node, shard, epoch);
  }

  @Override
  public CompletableFuture<Long> promote(String node, int shard, long epoch, ReplicaGroup group) {
    return links().admin().promote(node, shard, epoch, group);
  }

  @Override
  public CompletableFuture<Long> install(String node, ShardMap map) {
    return links().admin().installShardMap(node, map);
  }

  @Override
  public CompletableFuture<PeerProbed> probe(String node, String target, Duration timeout) {
    return links().admin().probe(node, target, (int) timeout.toMillis());
  }

  @Override
  public CompletableFuture<Void> isolate(String node, Duration duration) {
    return links().admin().isolate(node, duration);
  }

  /**
   * Fences and promotes over the admin links; the new map is installed by the promotion on every
   * node that answers, then stored (a control plane that dies in between promoted replicas whose
   * map it lost: the nodes serve it, and the next failover or switchover of those shards is planned
   * from the stored map, which a stale-epoch refusal then corrects).
   */
  @Override
  public synchronized ShardPromotion.Outcome failOver(
      Collection<Integer> shards, String failedNode) {
    ShardPromotion.Outcome outcome =
        links().promotion().promoteWhatCan(desired, shards, Set.of(failedNode), memberIds());
    if (outcome.failures().size() < shards.size()) {
      maps.save(outcome.map());
      desired = outcome.map();
      events.publishEvent(new ShardMapPublished(outcome.map().version()));
    }
    return outcome;
  }

  @Override
  public synchronized ShardPromotion.Outcome failOverAcrossDc(
      Collection<Integer> shards, Set<String> lost) {
    ShardPromotion.Outcome outcome =
        links().promotion().promoteAcrossDc(desired, shards, lost, memberIds());
    if (outcome.failures().size() < shards.size()) {
      maps.save(outcome.map());
      desired = outcome.map();
      events.publishEvent(new ShardMapPublished(outcome.map().version()));
    }
    return outcome;
  }

  @Override
  public synchronized ShardPromotion.Outcome reconfigure(
      Map<Integer, ShardPromotion.Replicas> changes) {
    ShardPromotion.Outcome outcome =
        links().promotion().reconfigureAll(desired, changes, memberIds());
    if (outcome.failures().size() < changes.size()) {
      maps.save(outcome.map());
      desired = outcome.map();
      events.publishEvent(new ShardMapPublished(outcome.map().version()));
    }
    return outcome;
  }

  /**
   * Stores {@code map} as the desired one first (a control plane that dies right after still knows
   * it), then installs it on every listed node that answers; the others get it from reconciliation.
   */
  @Override
  public void publish(ShardMap map) {
    maps.save(map);
    desired = map;
    links().promotion().publish(map, memberIds());
    events.publishEvent(new ShardMapPublished(map.version()));
  }

  private List<String> memberIds() {
    return file.members().stream().map(ClusterFile.Member::nodeId).toList();
  }

  private ClusterFile read() {
    try {
      return ClusterFile.read(properties.clusterFile());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the cluster file " + properties.clusterFile() + " (switchboard.remote)", e);
    }
  }

  private ClusterAdminLinks links() {
    ClusterAdminLinks current = links;
    if (current == null) {
      throw new IllegalStateException("not attached to the cluster (stopped)");
    }
    return current;
  }

  private static NodeRegistration registration(ClusterFile.Member member) {
    Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
    member.roles().forEach(role -> roles.add(NodeRole.valueOf(role.name())));
    Integer gatewayPort = roles.contains(NodeRole.GATEWAY) ? member.gatewayPort() : null;
    return new NodeRegistration(
        member.nodeId(), member.dc(), roles, member.host(), gatewayPort, member.adminPort());
  }
}
