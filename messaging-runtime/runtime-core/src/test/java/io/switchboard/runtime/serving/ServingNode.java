package io.switchboard.runtime.serving;

import io.switchboard.runtime.messaging.Backoff;
import io.switchboard.runtime.messaging.LocalShardMailer;
import io.switchboard.runtime.messaging.MessagingLimits;
import io.switchboard.runtime.messaging.MessagingService;
import io.switchboard.runtime.messaging.MessagingState;
import io.switchboard.runtime.messaging.NodeContext;
import io.switchboard.runtime.messaging.OutboxRelay;
import io.switchboard.runtime.messaging.RelayScheduler;
import io.switchboard.runtime.messaging.ShardMailer;
import io.switchboard.runtime.replication.node.ReplicatedShards;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.sharding.SingleCopyPlacement;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One node's real messaging runtime for the serving tests, as the node wiring builds it: a {@link
 * DurableLog} in a test directory, its {@link MessagingState}, the {@link MessagingService}, and an
 * {@link OutboxRelay} with a {@link LocalShardMailer} (unless a test names another mailer) on a
 * real scheduler, started. The shard map can be replaced while the node runs.
 */
final class ServingNode implements AutoCloseable {

  static final String NODE = "node-a";
  static final String OTHER_NODE = "node-b";
  static final HomeDataCenters HOMES = HomeDataCenters.defaults();

  final AtomicReference<ShardMap> shardMap = new AtomicReference<>(allLedHere());
  final MessagingService service;
  private final DurableLog log;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  ServingNode(Path directory) throws IOException {
    this(directory, LocalShardMailer::new);
  }

  /** A node whose relay delivers through the mailer {@code mailer} makes for its service. */
  ServingNode(Path directory, Function<MessagingService, ShardMailer> mailer) throws IOException {
    MessagingState state = new MessagingState(MessagingLimits.defaults());
    ReplicatedShards shards = new ReplicatedShards(state);
    this.log = DurableLog.open(directory, LogOptions.defaults(), shards);
    NodeContext context =
        new NodeContext(
            NODE, shardMap::get, HOMES, Clock.systemUTC(), new SplittableRandom(42), executor);
    this.service = new MessagingService(log, shards, state, context);
    OutboxRelay relay =
        new OutboxRelay(
            service,
            mailer.apply(service),
            Backoff.crossDcReplication(new SplittableRandom(7)),
            RelayScheduler.on(scheduler));
    relay.start().join();
  }

  /** A version-1 map in which this node leads all 1024 shards. */
  static ShardMap allLedHere() {
    Map<String, List<String>> nodes =
        Map.of(
            "americas", List.of(NODE),
            "europe", List.of(NODE),
            "asia", List.of(NODE),
            "middle-east", List.of(NODE));
    return SingleCopyPlacement.place(HOMES, nodes);
  }

  /** Hands the shard of {@code id} to {@link #OTHER_NODE} at the next epoch and map version. */
  ShardMap moveAway(long id) {
    int shard = Shards.shardOf(id);
    return shardMap.updateAndGet(
        map ->
            map.with(
                new ReplicaSet(shard, map.replicaSet(shard).epoch() + 1, OTHER_NODE, List.of())));
  }

  /** An endpoint over this node's service. */
  ServiceMessagingEndpoint endpoint(Executor readExecutor) {
    return new ServiceMessagingEndpoint(service, readExecutor);
  }

  ServiceMessagingEndpoint endpoint(Executor readExecutor, Duration copyTimeout) {
    return new ServiceMessagingEndpoint(service, readExecutor, copyTimeout);
  }

  @Override
  public void close() throws IOException {
    scheduler.shutdownNow();
    try {
      log.close();
    } finally {
      executor.shutdown();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
