package io.switchboard.benchmarks.messaging;

import io.switchboard.benchmarks.load.Directories;
import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.runtime.messaging.CommandKind;
import io.switchboard.runtime.messaging.IndexFootprint;
import io.switchboard.runtime.messaging.MessagingLimits;
import io.switchboard.runtime.messaging.MessagingState;
import io.switchboard.runtime.node.InProcessCluster;
import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.node.RuntimeNode;
import io.switchboard.runtime.node.cluster.ClusterMembership;
import io.switchboard.runtime.sharding.BalancedPlacement;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.FsyncPolicy;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.store.LogRecord;
import io.switchboard.runtime.store.LogStats;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runtime nodes a send phase loads, in this JVM, each a gateway and a store on a durable log
 * with the default options (group commit), on free loopback ports, with data in a fresh temporary
 * directory.
 *
 * <ul>
 *   <li>{@link Topology#SINGLE}: one node holding all 1024 shards ({@link
 *       ClusterMembership#standalone}), as the node process runs.
 *   <li>{@code N-per-dc}: an {@link InProcessCluster} of N nodes in each default data centre, as
 *       the control plane's embedded cluster, with shards placed per {@link Replication}: {@link
 *       Replication#QUORUM} by {@link BalancedPlacement#defaults()} (primary and two followers in
 *       the home data centre, an asynchronous copy in another), {@link Replication#SINGLE} on one
 *       store node of the home data centre.
 * </ul>
 *
 * <p>{@link #close()} stops the nodes gracefully; {@link #readClosedLogs()} then reads their logs
 * back; {@link #deleteData()} removes the directory.
 */
final class InProcessMessagingCluster implements AutoCloseable {

  /** Where a node keeps its log inside its data directory, as {@code NodeStore.open} does. */
  private static final String STORE_DIRECTORY = "store";

  private static final Set<NodeRole> GATEWAY_AND_STORE =
      EnumSet.of(NodeRole.GATEWAY, NodeRole.STORE);

  private final Topology topology;
  private final Replication replication;
  private final Path dataDir;
  private final List<RuntimeNode> nodes;
  private final InProcessCluster cluster;
  private final Map<String, List<GatewayAddress>> gatewaysByDc;

  private InProcessMessagingCluster(
      Topology topology,
      Replication replication,
      Path dataDir,
      List<RuntimeNode> nodes,
      InProcessCluster cluster,
      Map<String, List<GatewayAddress>> gatewaysByDc) {
    this.topology = topology;
    this.replication = replication;
    this.dataDir = dataDir;
    this.nodes = nodes;
    this.cluster = cluster;
    this.gatewaysByDc = gatewaysByDc;
  }

  /** The default data centres, in the order of {@link HomeDataCenters#defaults()}. */
  static List<String> dataCenters() {
    return List.copyOf(HomeDataCenters.defaults().ranges().keySet());
  }

  /** Starts a single-copy cluster; see {@link #start(Topology, Replication, Duration)}. */
  static InProcessMessagingCluster start(Topology topology) throws IOException {
    return start(topology, Replication.SINGLE, Duration.ZERO);
  }

  /**
   * Starts the nodes; returns once every gateway accepts connections and, with {@link
   * Replication#QUORUM}, every shard's primary serves.
   *
   * @param commitWindow the group commit window of every node's log ({@link
   *     FsyncPolicy#groupCommit}); zero on a single node
   * @throws IllegalArgumentException for {@link Replication#QUORUM} or a commit window on a single
   *     node
   * @throws IOException if a node cannot start; nothing is left running or on disk
   */
  static InProcessMessagingCluster start(
      Topology topology, Replication replication, Duration commitWindow) throws IOException {
    if (replication == Replication.QUORUM && topology.isSingleNode()) {
      throw new IllegalArgumentException("quorum replication needs an N-per-dc topology");
    }
    if (!commitWindow.isZero() && topology.isSingleNode()) {
      throw new IllegalArgumentException("a commit window needs an N-per-dc topology");
    }
    Path dataDir = Files.createTempDirectory("switchboard-messaging-load-");
    try {
      return topology.isSingleNode()
          ? startSingle(dataDir)
          : startPerDc(
              topology,
              replication,
              LogOptions.defaults().withFsyncPolicy(FsyncPolicy.groupCommit(commitWindow)),
              dataDir);
    } catch (IOException | RuntimeException e) {
      Directories.deleteRecursively(dataDir);
      throw e;
    }
  }

  private static InProcessMessagingCluster startSingle(Path dataDir) throws IOException {
    String nodeId = "load-1";
    String dc = dataCenters().get(0);
    RuntimeNode node =
        RuntimeNode.start(
            NodeConfig.of(nodeId, dc, GATEWAY_AND_STORE, dataDir.resolve(nodeId)),
            Clock.systemUTC(),
            ClusterMembership.standalone(nodeId));
    GatewayAddress gateway = new GatewayAddress(node.config().host(), node.gatewayPort());
    Map<String, List<GatewayAddress>> gateways = new LinkedHashMap<>();
    dataCenters().forEach(each -> gateways.put(each, List.of(gateway)));
    return new InProcessMessagingCluster(
        Topology.SINGLE, Replication.SINGLE, dataDir, List.of(node), null, gateways);
  }

  private static InProcessMessagingCluster startPerDc(
      Topology topology, Replication replication, LogOptions logOptions, Path dataDir) {
    List<NodeConfig> configs = new ArrayList<>();
    for (String dc : dataCenters()) {
      for (int n = 1; n <= topology.nodesPerDc(); n++) {
        String nodeId = dc + "-" + n;
        configs.add(NodeConfig.of(nodeId, dc, GATEWAY_AND_STORE, dataDir.resolve(nodeId)));
      }
    }
    InProcessCluster cluster =
        replication == Replication.QUORUM
            ? InProcessCluster.start(
                configs,
                HomeDataCenters.defaults(),
                logOptions,
                Clock.systemUTC(),
                BalancedPlacement.defaults())
            : InProcessCluster.start(
                configs, HomeDataCenters.defaults(), logOptions, Clock.systemUTC());
    List<RuntimeNode> nodes = new ArrayList<>();
    Map<String, List<GatewayAddress>> gateways = new LinkedHashMap<>();
    for (NodeConfig bound : cluster.nodes()) {
      nodes.add(cluster.node(bound.nodeId()).orElseThrow());
      gateways
          .computeIfAbsent(bound.dc(), dc -> new ArrayList<>())
          .add(new GatewayAddress(bound.host(), bound.gatewayPort()));
    }
    return new InProcessMessagingCluster(topology, replication, dataDir, nodes, cluster, gateways);
  }

  /** One line saying what runs. */
  String describe() {
    return topology.isSingleNode()
        ? "1 node (gateway+store, all 1024 shards) in this JVM"
        : nodes.size()
            + " nodes (gateway+store), "
            + topology.nodesPerDc()
            + " in each of "
            + gatewaysByDc.size()
            + " data centres, in this JVM, "
            + replication
            + " replication";
  }

  Replication replication() {
    return replication;
  }

  /**
   * How the shards are replicated, read from the cluster's shard map: per shape (voters in the home
   * data centre, asynchronous copies elsewhere), how many shards have it, e.g. {@code 768 shards: 3
   * voters in the home DC (acknowledged once 2 are durable) + 1 async copy in another DC}. One line
   * per shape, in order of shard count.
   */
  List<String> describeReplicas() {
    if (cluster == null) {
      return List.of("1024 shards: 1 copy, on the one node");
    }
    Map<List<Integer>, Integer> shapes = new LinkedHashMap<>();
    for (ReplicaSet set : cluster.shardMap().replicaSets()) {
      shapes.merge(List.of(set.voters().size(), set.asyncReplicas().size()), 1, Integer::sum);
    }
    List<String> lines = new ArrayList<>();
    shapes.entrySet().stream()
        .sorted(Map.Entry.<List<Integer>, Integer>comparingByValue().reversed())
        .forEach(
            shape -> {
              int voters = shape.getKey().get(0);
              int async = shape.getKey().get(1);
              lines.add(
                  shape.getValue()
                      + " shards: "
                      + (voters == 1
                          ? "1 copy in the home DC (acknowledged once it is durable)"
                          : voters
                              + " voters in the home DC (acknowledged once "
                              + (voters / 2 + 1)
                              + " are durable)")
                      + (async == 0
                          ? ""
                          : " + "
                              + async
                              + " async cop"
                              + (async == 1 ? "y" : "ies")
                              + " in another DC"));
            });
    return lines;
  }

  int nodeCount() {
    return nodes.size();
  }

  /** The gateways of the nodes in {@code dc}; every node's gateway for a single node. */
  List<GatewayAddress> gatewaysIn(String dc) {
    List<GatewayAddress> gateways = gatewaysByDc.get(dc);
    if (gateways == null) {
      throw new IllegalArgumentException("no data centre " + dc);
    }
    return gateways;
  }

  /** The log counters of every node, summed. */
  LogStats logStats() {
    long records = 0;
    long bytes = 0;
    long fsyncs = 0;
    long checkpoints = 0;
    for (RuntimeNode node : nodes) {
      if (node.store().isPresent()) {
        LogStats stats = node.store().get().logStats();
        records += stats.records();
        bytes += stats.bytes();
        fsyncs += stats.fsyncs();
        checkpoints += stats.checkpoints();
      }
    }
    return new LogStats(records, bytes, fsyncs, checkpoints);
  }

  /** Stops every node gracefully: their logs are synced and checkpointed. Idempotent. */
  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    } else {
      nodes.forEach(RuntimeNode::close);
    }
  }

  /**
   * What the nodes' logs hold after {@link #close()}.
   *
   * @param index the memory of the messaging indexes (mailboxes, channel posts, idempotency
   *     windows) of every node, as {@link MessagingState#indexFootprint()} counts it, summed
   * @param recordsByKind the log records of every node by command kind ({@code type N} for a type
   *     that is no messaging command), in the order of {@link CommandKind}
   */
  record ClosedLogs(IndexFootprint index, Map<String, Long> recordsByKind) {}

  /**
   * Reads every node's log ({@code <data-dir>/store}) back after {@link #close()}. The nodes do not
   * expose their live state, so each log is opened again and every record from the start is applied
   * to a fresh state, which grows its arrays exactly as the live node's did (the state machine is
   * deterministic); a state restored from the checkpoint would hold trimmed arrays and count less.
   *
   * @throws IOException if a log cannot be read
   */
  ClosedLogs readClosedLogs() throws IOException {
    long stored = 0;
    long bytes = 0;
    Map<String, Long> byKind =
        new TreeMap<>(
            Comparator.comparingInt(InProcessMessagingCluster::kindOrder)
                .thenComparing(Comparator.naturalOrder()));
    for (RuntimeNode node : nodes) {
      if (!node.config().hasRole(NodeRole.STORE)) {
        continue;
      }
      MessagingState replayed = new MessagingState(MessagingLimits.defaults());
      try (DurableLog log =
          DurableLog.open(
              node.config().dataDir().resolve(STORE_DIRECTORY),
              LogOptions.defaults(),
              new MessagingState(MessagingLimits.defaults()))) {
        Iterator<LogRecord> records = log.readFrom(log.startPosition());
        try {
          while (records.hasNext()) {
            LogRecord record = records.next();
            byKind.merge(kindName(record.entry().type()), 1L, Long::sum);
            replayed.apply(record);
          }
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
      IndexFootprint footprint = replayed.indexFootprint();
      stored += footprint.storedMessages();
      bytes += footprint.indexBytes();
    }
    return new ClosedLogs(new IndexFootprint(stored, bytes), byKind);
  }

  private static String kindName(int type) {
    return CommandKind.ofType(type).map(Enum::name).orElse("type " + type);
  }

  private static int kindOrder(String name) {
    try {
      return CommandKind.valueOf(name).ordinal();
    } catch (IllegalArgumentException notACommand) {
      return Integer.MAX_VALUE;
    }
  }

  /** Deletes the nodes' data; call after {@link #close()}. */
  void deleteData() throws IOException {
    Directories.deleteRecursively(dataDir);
  }
}
