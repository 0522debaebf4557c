package io.switchboard.runtime.node.admin;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.switchboard.runtime.node.cluster.NodeStore;

/**
 * The metrics of a node's store role, read from its {@link NodeStore} at scrape time: the durable
 * log's appends, fsyncs (group commits) and size, the memory of the messaging indexes, and the
 * outbox relay's backlog. The log's counters count since the store was opened, like every counter
 * of the node. Records per fsync is the average batch since then; {@code
 * rate(switchboard_store_records_appended_total[5m]) / rate(switchboard_store_fsyncs_total[5m])}
 * gives the recent one.
 */
final class StoreMetrics {

  private StoreMetrics() {}

  /** Registers the store's metrics, with the node's constant labels, in {@code registry}. */
  static void register(NodeStore store, Labels node, PrometheusRegistry registry) {
    ReplicationMetrics.register(store, node, registry);
    CounterWithCallback.builder()
        .name("switchboard_store_records_appended_total")
        .help("Log records acknowledged (durable and applied): messages and every other command.")
        .constLabels(node)
        .callback(counter -> counter.call(store.logStats().records()))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_store_bytes_appended_total")
        .help("Bytes of the acknowledged log records, headers included.")
        .constLabels(node)
        .callback(counter -> counter.call(store.logStats().bytes()))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_store_fsyncs_total")
        .help("Group commits forced to disk.")
        .constLabels(node)
        .callback(counter -> counter.call(store.logStats().fsyncs()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("switchboard_store_records_per_fsync")
        .help("Acknowledged log records per fsync since the store opened; 0 before the first.")
        .constLabels(node)
        .callback(gauge -> gauge.call(store.logStats().recordsPerFsync()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("switchboard_store_log_bytes")
        .help("Bytes of the log on disk, every segment together.")
        .constLabels(node)
        .callback(gauge -> gauge.call(store.logBytes()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("switchboard_store_index_bytes")
        .help("Memory of the mailbox, channel and idempotency indexes, estimated.")
        .constLabels(node)
        .callback(gauge -> gauge.call(store.indexFootprint().indexBytes()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("switchboard_outbox_pending_entries")
        .help("Outbox entries not yet delivered, on the shards this node leads.")
        .constLabels(node)
        .callback(gauge -> gauge.call(store.outboxStats().pendingEntries()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("switchboard_outbox_oldest_pending_age_seconds")
        .help("Age of the oldest outbox entry being delivered; 0 when none is.")
        .constLabels(node)
        .callback(gauge -> gauge.call(store.outboxStats().oldestPendingAge().toMillis() / 1000.0))
        .register(registry);
  }
}
