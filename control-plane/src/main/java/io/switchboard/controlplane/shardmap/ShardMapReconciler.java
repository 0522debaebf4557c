package io.switchboard.controlplane.shardmap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.runtime.sharding.ShardMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drives observed state towards desired state: every {@code switchboard.reconciliation.interval} it
 * asks each running node which shard map version it serves and installs the newest map on every
 * node that serves an older one (a node that restarted, or missed a publication while it was
 * unreachable). Installing is idempotent and only ever moves a node forward, so a pass that races
 * with a publication does no harm.
 *
 * <p>Metrics: {@code switchboard_shard_map_drift_nodes} (nodes that served an older map or did not
 * answer at the last pass, before repairs), {@code switchboard_shard_map_version} (desired), and
 * {@code switchboard_reconciliation_repairs_total} (maps installed by reconciliation).
 */
@Component
class ShardMapReconciler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ShardMapReconciler.class);

  private final ShardMapNodes replicas;
  private final ReconciliationProperties properties;
  private final AtomicInteger drifting = new AtomicInteger();
  private final Counter repairs;
  private volatile long desiredVersion;

  /** The desired version at the previous pass: every node should serve at least that by now. */
  private long settledVersion;

  private ScheduledExecutorService timer;

  ShardMapReconciler(
      ShardMapNodes replicas, ReconciliationProperties properties, MeterRegistry meters) {
    this.replicas = replicas;
    this.properties = properties;
    Gauge.builder("switchboard.shard.map.drift.nodes", drifting, AtomicInteger::get)
        .description("Nodes serving an older shard map than the desired one, or not answering")
        .register(meters);
    Gauge.builder("switchboard.shard.map.version", this, r -> r.desiredVersion)
        .description("Version of the desired shard map")
        .register(meters);
    this.repairs =
        Counter.builder("switchboard.reconciliation.repairs")
            .description("Shard maps installed on drifting nodes by reconciliation")
            .register(meters);
  }

  /**
   * One pass: compares every running node's map version with the map desired at the previous pass
   * and installs the current desired map on every node that is older.
   *
   * @return the nodes that drifted (behind, or no answer) when the pass began
   */
  synchronized List<String> reconcile() {
    ShardMap desired = replicas.shardMap();
    long settled = settledVersion;
    settledVersion = desired.version();
    desiredVersion = desired.version();
    List<String> drifted = new ArrayList<>();
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (String node : replicas.nodes()) {
      if (!replicas.isRunning(node)) {
        continue;
      }
      calls.add(
          replicas
              .mapVersion(node)
              .orTimeout(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
              .handle(
                  (version, failure) -> {
                    boolean behind = failure == null && version < settled;
                    if (failure != null || behind) {
                      synchronized (drifted) {
                        drifted.add(node);
                      }
                    }
                    return behind;
                  })
              .thenCompose(older -> older ? repair(node, desired) : done()));
    }
    calls.forEach(CompletableFuture::join);
    drifting.set(drifted.size());
    return drifted;
  }

  private CompletableFuture<Void> repair(String node, ShardMap desired) {
    return replicas
        .install(node, desired)
        .orTimeout(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (version, failure) -> {
              if (failure == null) {
                repairs.increment();
                log.info("Reconciled {}: installed shard map version {}", node, version);
              } else {
                log.warn("Cannot install shard map {} on {}: {}", desired.version(), node, failure);
              }
              return null;
            });
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "shard-map-reconciler");
              thread.setDaemon(true);
              return thread;
            });
    long every = properties.interval().toMillis();
    timer.scheduleWithFixedDelay(this::reconcileLogged, every, every, TimeUnit.MILLISECONDS);
  }

  /** A pass on the timer; one that fails (the cluster is starting or stopping) is logged only. */
  private void reconcileLogged() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      log.warn("Reconciliation pass failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
