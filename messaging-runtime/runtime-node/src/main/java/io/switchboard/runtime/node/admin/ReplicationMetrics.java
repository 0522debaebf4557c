package io.switchboard.runtime.node.admin;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.switchboard.runtime.node.cluster.NodeStore;
import io.switchboard.runtime.replication.ReplicaLag;
import io.switchboard.runtime.replication.node.NodeReplicas;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replication metrics of a node's store (ADR 0008). Per shard the node holds a replica of: its
 * role, last and commit seq; on primaries, every other replica's lag in records and seconds, {@code
 * scope} {@code in_dc} for the voters and {@code cross_dc} for the asynchronous replica (whose lag
 * is the shard's RPO for a loss of its home DC), the commit latency of proposals and the quorum
 * failures (proposals not committed within {@link NodeReplicas#QUORUM_TIMEOUT}). Per node: entry
 * bytes replicated in and out, and divergent suffixes truncated.
 *
 * <p>Gauges are read at scrape time, one shard lock at a time; the histogram and the failure
 * counter are fed by the replicas as commits happen.
 */
final class ReplicationMetrics {

  private ReplicationMetrics() {}

  static void register(NodeStore store, Labels node, PrometheusRegistry registry) {
    Histogram commitLatency =
        Histogram.builder()
            .name("switchboard_replication_commit_latency_seconds")
            .help("From proposal to commit and apply at the shard's primary, per shard.")
            .constLabels(node)
            .labelNames("shard")
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
            .classicOnly()
            .register(registry);
    Counter quorumFailures =
        Counter.builder()
            .name("switchboard_replication_quorum_failures_total")
            .help(
                "Proposals at the shard's primary that a quorum of in-DC replicas did not commit"
                    + " within "
                    + NodeReplicas.QUORUM_TIMEOUT.toMillis()
                    + " ms, per shard.")
            .constLabels(node)
            .labelNames("shard")
            .register(registry);
    ShardSeries<DistributionDataPoint> commitLatencyOf =
        new ShardSeries<>(shard -> commitLatency.labelValues(Integer.toString(shard)));
    store
        .replicas()
        .observeCommits(
            new NodeReplicas.CommitObserver() {
              @Override
              public void committed(int shard, long nanos) {
                commitLatencyOf.of(shard).observe(nanos / 1e9);
              }

              @Override
              public void quorumFailure(int shard) {
                quorumFailures.labelValues(Integer.toString(shard)).inc();
              }
            });
    GaugeWithCallback.builder()
        .name("switchboard_replica_last_seq")
        .help("Seq of the last entry of this node's replica of the shard, by role.")
        .constLabels(node)
        .labelNames("shard", "role")
        .callback(
            gauge -> {
              store.replicas().sweepLateProposals();
              for (ReplicaStatus status : statuses(store)) {
                gauge.call(
                    status.lastSeq(), Integer.toString(status.shard()), status.role().name());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("switchboard_replica_commit_seq")
        .help("Commit seq of this node's replica of the shard.")
        .constLabels(node)
        .labelNames("shard")
        .callback(
            gauge -> {
              for (ReplicaStatus status : statuses(store)) {
                gauge.call(status.commitSeq(), Integer.toString(status.shard()));
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("switchboard_replication_lag_records")
        .help("Entries a replica lacks behind this primary; cross_dc is the shard's RPO.")
        .constLabels(node)
        .labelNames("shard", "replica", "scope")
        .callback(gauge -> eachLag(store, (labels, lag) -> gauge.call(lag.records(), labels)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("switchboard_replication_lag_seconds")
        .help("Age of the oldest entry a replica lacks behind this primary; 0 when caught up.")
        .constLabels(node)
        .labelNames("shard", "replica", "scope")
        .callback(
            gauge -> eachLag(store, (labels, lag) -> gauge.call(lag.millis() / 1000.0, labels)))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_replication_bytes_in_total")
        .help("Entry payload bytes this node fetched from primaries.")
        .constLabels(node)
        .callback(counter -> counter.call(store.replicationBytesIn()))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_replication_bytes_out_total")
        .help("Entry payload bytes this node shipped to other replicas.")
        .constLabels(node)
        .callback(counter -> counter.call(store.replicationBytesOut()))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_replication_truncations_total")
        .help("Divergent log suffixes (never committed) this node's replicas dropped.")
        .constLabels(node)
        .callback(counter -> counter.call(store.replicas().truncations()))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_replication_images_total")
        .help(
            "Shard images (snapshot catch-up): served = captured for another replica, installed ="
                + " installed by this node's replicas.")
        .constLabels(node)
        .labelNames("direction")
        .callback(
            counter -> {
              counter.call(store.imagesServed(), "served");
              counter.call(store.replicas().imagesInstalled(), "installed");
            })
        .register(registry);
  }

  private static List<ReplicaStatus> statuses(NodeStore store) {
    List<ReplicaStatus> statuses = new ArrayList<>();
    for (ReplicaSet set : store.replicaSetsHeld()) {
      statuses.add(store.replicas().status(set.shard()));
    }
    return statuses;
  }

  private interface LagSink {
    void accept(String[] labels, ReplicaLag lag);
  }

  private static void eachLag(NodeStore store, LagSink sink) {
    for (ReplicaSet set : store.replicaSetsHeld()) {
      ReplicaStatus status = store.replicas().status(set.shard());
      for (Map.Entry<String, ReplicaLag> lag : status.lags().entrySet()) {
        String scope = set.asyncReplicas().contains(lag.getKey()) ? "cross_dc" : "in_dc";
        sink.accept(
            new String[] {Integer.toString(set.shard()), lag.getKey(), scope}, lag.getValue());
      }
    }
  }
}
