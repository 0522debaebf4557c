package io.switchboard.controlplane.shard;

import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardView;
import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeView;
import io.switchboard.controlplane.operation.OperationService;
import io.switchboard.controlplane.operation.OperationViews;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.controlplane.topology.TopologyService;
import io.switchboard.runtime.replication.ReplicaLag;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Reads the shard map (desired state, {@link ReplicaControl#shardMap()}) and what the nodes report
 * (observed state): per shard the replicas' progress and lag, per node the map version it serves. A
 * node that does not answer within {@link #NODE_TIMEOUT_MILLIS} is reported unreachable.
 */
@Service
class ShardQueries {

  static final long NODE_TIMEOUT_MILLIS = 2000;
  private static final int HISTORY_SCAN = 500;

  private final ReplicaControl replicas;
  private final TopologyService topology;
  private final OperationService operations;
  private final OperationViews views;

  ShardQueries(
      ReplicaControl replicas,
      TopologyService topology,
      OperationService operations,
      OperationViews views) {
    this.replicas = replicas;
    this.topology = topology;
    this.operations = operations;
    this.views = views;
  }

  ShardMapView map() {
    ShardMap map = replicas.shardMap();
    List<ShardMapView.ShardSummary> shards = new ArrayList<>(map.replicaSets().size());
    for (ReplicaSet set : map.replicaSets()) {
      shards.add(summary(set));
    }
    return new ShardMapView(map.version(), shards, drift(map.version()));
  }

  ShardView shard(int shard) {
    requireShard(shard);
    ReplicaSet set = replicas.shardMap().replicaSet(shard);
    Map<String, String> dcs = dcsByNode();
    ReplicaStatus primary = status(set.primary(), shard);
    Map<String, ReplicaLag> lags = primary == null ? Map.of() : primary.lags();
    List<ShardView.ReplicaView> views = new ArrayList<>();
    views.add(replica(set.primary(), "PRIMARY", primary, dcs, null));
    for (String follower : set.followers()) {
      views.add(replica(follower, "FOLLOWER", status(follower, shard), dcs, lags.get(follower)));
    }
    for (String async : set.asyncReplicas()) {
      views.add(replica(async, "ASYNC", status(async, shard), dcs, lags.get(async)));
    }
    return new ShardView(summary(set), views, history(shard));
  }

  private List<String> drift(long desired) {
    Map<String, CompletableFuture<Long>> versions = new HashMap<>();
    for (String node : replicas.nodes()) {
      if (replicas.isRunning(node)) {
        versions.put(node, replicas.mapVersion(node));
      }
    }
    List<String> drift = new ArrayList<>();
    for (String node : replicas.nodes()) {
      CompletableFuture<Long> version = versions.get(node);
      if (version == null) {
        drift.add(node + " is down: it serves no map");
        continue;
      }
      try {
        long served = version.get(NODE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (served != desired) {
          drift.add(node + " serves map version " + served + ", not " + desired);
        }
      } catch (Exception e) {
        drift.add(node + " did not say which map it serves: " + e.getMessage());
      }
    }
    return drift;
  }

  private ReplicaStatus status(String node, int shard) {
    if (!replicas.isRunning(node)) {
      return null;
    }
    try {
      return replicas.status(node, shard).get(NODE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  private static ShardView.ReplicaView replica(
      String node, String kind, ReplicaStatus status, Map<String, String> dcs, ReplicaLag lag) {
    String dc = dcs.getOrDefault(node, "?");
    if (status == null) {
      return new ShardView.ReplicaView(node, dc, kind, false, null, 0, 0, 0, 0, 0);
    }
    return new ShardView.ReplicaView(
        node,
        dc,
        kind,
        true,
        status.role().name(),
        status.highestEpoch(),
        status.lastSeq(),
        status.commitSeq(),
        lag == null ? 0 : lag.records(),
        lag == null ? 0 : lag.millis());
  }

  private List<ShardView.HistoryEntry> history(int shard) {
    String resource = "shard:" + shard;
    return operations.list(HISTORY_SCAN).stream()
        .filter(operation -> operation.resources().contains(resource))
        .map(
            operation ->
                new ShardView.HistoryEntry(
                    operation.id(),
                    views.title(operation),
                    operation.state().name(),
                    operation.createdAt(),
                    operation.updatedAt()))
        .toList();
  }

  private Map<String, String> dcsByNode() {
    Map<String, String> dcs = new HashMap<>();
    for (DataCenterView dc : topology.view().dataCenters()) {
      for (NodeView node : dc.nodes()) {
        dcs.put(node.id(), dc.id());
      }
    }
    return dcs;
  }

  private static ShardMapView.ShardSummary summary(ReplicaSet set) {
    return new ShardMapView.ShardSummary(
        set.shard(),
        HomeDataCenters.defaults().homeOf(set.shard()),
        set.primary(),
        set.epoch(),
        set.followers(),
        set.asyncReplicas());
  }

  private static void requireShard(int shard) {
    if (shard < 0 || shard >= Shards.COUNT) {
      org.springframework.http.ProblemDetail problem =
          org.springframework.http.ProblemDetail.forStatusAndDetail(
              org.springframework.http.HttpStatus.NOT_FOUND,
              "There is no shard " + shard + ": shards are 0 to " + (Shards.COUNT - 1) + ".");
      problem.setTitle("Unknown shard");
      throw new ErrorResponseException(
          org.springframework.http.HttpStatus.NOT_FOUND, problem, null);
    }
  }
}
