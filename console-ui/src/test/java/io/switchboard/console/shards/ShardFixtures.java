package io.switchboard.console.shards;

import io.switchboard.api.shard.ShardApi;
import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardMapView.ShardSummary;
import io.switchboard.api.shard.ShardView;
import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.api.topology.TopologyView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default cluster in memory: four data centres of three nodes, 1024 shards homed 256 per data
 * centre, each with a primary and two followers at home and (outside Europe) an async replica
 * elsewhere, like the embedded default places them.
 */
final class ShardFixtures {

  static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
  static final String[] DCS = {"americas", "europe", "asia", "middle-east"};
  static final String[] NAMES = {"Americas", "Europe", "Asia", "Middle East"};

  private ShardFixtures() {}

  static String node(int dc, int n) {
    return DCS[dc] + "-" + n;
  }

  static TopologyView topology(Map<String, NodeHealth> health) {
    List<DataCenterView> dcs = new ArrayList<>();
    for (int dc = 0; dc < DCS.length; dc++) {
      List<NodeView> nodes = new ArrayList<>();
      for (int n = 1; n <= 3; n++) {
        String id = node(dc, n);
        nodes.add(
            new NodeView(
                id,
                DCS[dc],
                Set.of(NodeRole.GATEWAY, NodeRole.STORE),
                "127.0.0.1:7" + dc + n,
                "127.0.0.1:8" + dc + n,
                health.getOrDefault(id, NodeHealth.UP),
                AT,
                null));
      }
      dcs.add(new DataCenterView(DCS[dc], NAMES[dc], "R" + dc, dc * 256, dc * 256 + 255, nodes));
    }
    return new TopologyView(dcs, AT);
  }

  static ShardSummary summary(int shard) {
    int dc = shard / 256;
    int first = shard % 3 + 1;
    String primary = node(dc, first);
    List<String> followers = List.of(node(dc, first % 3 + 1), node(dc, (first + 1) % 3 + 1));
    List<String> async = dc == 1 ? List.of() : List.of(node((dc + 2) % 4, first));
    return new ShardSummary(shard, DCS[dc], primary, 1, followers, async);
  }

  static ShardMapView map(List<String> drift) {
    List<ShardSummary> shards = new ArrayList<>();
    for (int shard = 0; shard < 1024; shard++) {
      shards.add(summary(shard));
    }
    return new ShardMapView(12, shards, drift);
  }

  static ShardView.ReplicaView replica(
      String node, String kind, boolean reachable, long lagRecords, long lagMillis) {
    return new ShardView.ReplicaView(
        node,
        node.substring(0, node.lastIndexOf('-')),
        kind,
        reachable,
        reachable ? ("ASYNC".equals(kind) ? "FOLLOWER" : kind) : null,
        reachable ? 1 : 0,
        reachable ? 40 - lagRecords : 0,
        reachable ? 40 - lagRecords : 0,
        lagRecords,
        lagMillis);
  }

  /** A shard API over {@link #map}: every replica in sync unless told otherwise. */
  static class FakeShardApi implements ShardApi {
    final List<String> drift = new ArrayList<>();
    final Map<Integer, ShardSummary> replaced = new HashMap<>();
    final Map<String, long[]> lagOfNode = new HashMap<>();
    final Set<String> unreachable = new java.util.HashSet<>();
    final List<ShardView.HistoryEntry> history = new ArrayList<>();
    final AtomicInteger shardCalls = new AtomicInteger();
    final List<Integer> shardsAsked = new ArrayList<>();

    @Override
    public ShardMapView shards() {
      ShardMapView map = map(List.copyOf(drift));
      List<ShardSummary> shards = new ArrayList<>(map.shards());
      replaced.forEach(shards::set);
      return new ShardMapView(map.version(), shards, map.drift());
    }

    @Override
    public ShardView shard(int shard) {
      shardCalls.incrementAndGet();
      synchronized (shardsAsked) {
        shardsAsked.add(shard);
      }
      ShardSummary set = replaced.getOrDefault(shard, summary(shard));
      List<ShardView.ReplicaView> replicas = new ArrayList<>();
      replicas.add(replica(set.primary(), "PRIMARY", !unreachable.contains(set.primary()), 0, 0));
      for (String follower : set.followers()) {
        replicas.add(lagging(follower, "FOLLOWER"));
      }
      for (String async : set.asyncReplicas()) {
        replicas.add(lagging(async, "ASYNC"));
      }
      return new ShardView(set, replicas, List.copyOf(history));
    }

    private ShardView.ReplicaView lagging(String node, String kind) {
      long[] lag = lagOfNode.getOrDefault(node, new long[] {0, 0});
      return replica(node, kind, !unreachable.contains(node), lag[0], lag[1]);
    }
  }

  /** A topology API whose node health tests set. */
  static final class FakeTopologyApi implements TopologyApi {
    final Map<String, NodeHealth> health = new HashMap<>();

    @Override
    public TopologyView topology() {
      return ShardFixtures.topology(health);
    }

    @Override
    public NodeView killNode(String nodeId) {
      throw new AssertionError("the shard map never kills nodes");
    }

    @Override
    public NodeView startNode(String nodeId) {
      throw new AssertionError("the shard map never starts nodes");
    }
  }
}
