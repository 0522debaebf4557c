package io.switchboard.runtime.node.replication;

import io.switchboard.runtime.node.peer.PeerLinks;
import io.switchboard.runtime.peer.PeerRequest;
import io.switchboard.runtime.peer.ReplicaFetch;
import io.switchboard.runtime.peer.ReplicaFetchReply;
import io.switchboard.runtime.peer.ShardFetchResult;
import io.switchboard.runtime.replication.FetchOutcome;
import io.switchboard.runtime.replication.FetchRequest;
import io.switchboard.runtime.replication.node.NodeReplicas;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The follower side of replication on a node: for every primary node that leads a shard this node
 * follows (as an in-DC follower or an asynchronous replica), one fetch loop that pulls all those
 * shards with one {@link ReplicaFetch} call at a time.
 *
 * <p>A loop step: take the shards the current shard map has this node follow at that primary, ask
 * each replica for its next fetch (a replica whose entries are not all durable yet has none, see
 * {@link NodeReplicas#nextFetch}), send them in one call, apply the answers (a shard the answer
 * leaves out had nothing new), and start the next step once every shard that appended is durable
 * again: that next call is what tells the primary that this node holds the entries, so it leaves
 * after one local group commit. A call that fails (the primary is down, restarting, or not the
 * primary any more) is retried with a backoff, growing from {@link #RETRY_MIN} to {@link
 * #RETRY_MAX}; the map may meanwhile name another primary, whose loop {@link #refresh} starts. A
 * loop with no shards left ends.
 *
 * <p>A shard answered {@code image_needed} leaves the loop's calls until an {@link ImageTransfer}
 * installed an image from the same primary (then the loop fetches the entries after it at once) or
 * failed (then the shard waits out {@link #RETRY_MAX} and fetches again, which asks for a new
 * image).
 *
 * <p>Thread-safe. Loop steps run on the executor.
 */
public final class ShardFollowing implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ShardFollowing.class);

  static final Duration RETRY_MIN = Duration.ofMillis(50);
  static final Duration RETRY_MAX = Duration.ofSeconds(1);

  /** Image transfers a node runs at once, so that images do not crowd out the fetch loops. */
  static final int MAX_IMAGE_TRANSFERS = 2;

  private final String nodeId;
  private final NodeReplicas replicas;
  private final Supplier<ShardMap> maps;
  private final PeerLinks peers;
  private final Executor executor;
  private final Executor installer;
  private final ScheduledExecutorService timer;
  private final Duration maxWait;
  private final Map<String, FetchLoop> loops = new ConcurrentHashMap<>();
  private final java.util.concurrent.Semaphore imageTransfers =
      new java.util.concurrent.Semaphore(MAX_IMAGE_TRANSFERS);
  private final java.util.concurrent.atomic.LongAdder bytesReceived =
      new java.util.concurrent.atomic.LongAdder();
  private volatile boolean closed;

  /**
   * @param maxWait how long a primary may hold a call with nothing new; below the peer call timeout
   * @param installer installs images (blocking for group commits): not {@code executor}, whose
   *     threads the fetch loops and acknowledgements need
   */
  public ShardFollowing(
      String nodeId,
      NodeReplicas replicas,
      Supplier<ShardMap> maps,
      PeerLinks peers,
      Executor executor,
      ScheduledExecutorService timer,
      Duration maxWait,
      Executor installer) {
    this.nodeId = nodeId;
    this.replicas = replicas;
    this.maps = maps;
    this.peers = peers;
    this.executor = executor;
    this.timer = timer;
    this.maxWait = maxWait;
    this.installer = installer;
  }

  /**
   * Starts a loop for every primary the current map has this node follow and has none yet, and
   * wakes the loops waiting out a backoff: after a new map their shards may be served again.
   */
  public void refresh() {
    if (closed) {
      return;
    }
    for (ReplicaSet set : maps.get().replicaSets()) {
      if (follows(set)) {
        FetchLoop loop = new FetchLoop(set.primary());
        FetchLoop running = loops.putIfAbsent(set.primary(), loop);
        if (running == null) {
          executor.execute(loop::step);
        }
      }
    }
    loops.values().forEach(FetchLoop::kick);
  }

  /** Entry payload bytes fetched from primaries since the node started. */
  public long bytesReceived() {
    return bytesReceived.sum();
  }

  @Override
  public void close() {
    closed = true;
  }

  private boolean follows(ReplicaSet set) {
    return !set.primary().equals(nodeId) && set.hasReplicaOn(nodeId);
  }

  /** Fetches every shard this node follows at one primary node. */
  private final class FetchLoop {
    final String primary;
    final Map<Integer, Long> refusedUntilNanos = new ConcurrentHashMap<>();
    final Set<Integer> imaging = ConcurrentHashMap.newKeySet();
    final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>>
        pendingRetry = new java.util.concurrent.atomic.AtomicReference<>();
    volatile long failures;

    FetchLoop(String primary) {
      this.primary = primary;
    }

    void step() {
      if (closed) {
        return;
      }
      List<Integer> shards = new ArrayList<>();
      for (ReplicaSet set : maps.get().replicaSets()) {
        if (set.primary().equals(primary) && follows(set)) {
          shards.add(set.shard());
        }
      }
      if (shards.isEmpty()) {
        loops.remove(primary, this);
        refresh();
        return;
      }
      ReplicaFetch.Builder fetch =
          ReplicaFetch.newBuilder().setReplicaId(nodeId).setMaxWaitMs((int) maxWait.toMillis());
      long now = System.nanoTime();
      for (int shard : shards) {
        Long refusedUntil = refusedUntilNanos.get(shard);
        if ((refusedUntil != null && refusedUntil - now > 0) || imaging.contains(shard)) {
          continue;
        }
        Optional<FetchRequest> next = replicas.nextFetch(shard);
        next.ifPresent(
            request ->
                fetch.addShards(ReplicationMessages.toProto(request, replicas.commitSeq(shard))));
      }
      if (fetch.getShardsCount() == 0) {
        retryLater();
        return;
      }
      peers
          .link(primary)
          .call(PeerRequest.newBuilder().setFetch(fetch))
          .whenCompleteAsync(
              (reply, failure) -> {
                if (failure != null || !reply.hasFetched()) {
                  log.debug(
                      "node {}: fetch from {} failed: {}",
                      nodeId,
                      primary,
                      failure != null ? failure.toString() : reply.getError().getMessage());
                  retryLater();
                } else {
                  apply(reply.getFetched());
                }
              },
              executor);
    }

    private void apply(ReplicaFetchReply reply) {
      List<CompletableFuture<?>> durable = new ArrayList<>();
      int refused = 0;
      for (ShardFetchResult result : reply.getShardsList()) {
        for (var entry : result.getEntries().getEntriesList()) {
          bytesReceived.add(entry.getPayload().size());
        }
        boolean shardRefused;
        try {
          NodeReplicas.FetchApplied applied =
              replicas.onFetchResponse(ReplicationMessages.fromProto(result));
          durable.add(applied.durable());
          shardRefused =
              applied.outcome() == FetchOutcome.NOT_PRIMARY
                  || applied.outcome() == FetchOutcome.STALE_EPOCH;
          if (applied.outcome() == FetchOutcome.IMAGE_NEEDED) {
            fetchImage(result.getShard(), result.getEpoch());
          }
        } catch (RuntimeException e) {
          log.warn(
              "node {}: cannot apply a fetch answer of shard {}", nodeId, result.getShard(), e);
          shardRefused = true;
        }
        if (shardRefused) {
          // Asked again after a pause, so that a refusing primary is not polled in a tight loop.
          refusedUntilNanos.put(result.getShard(), System.nanoTime() + RETRY_MAX.toNanos());
          refused++;
        } else {
          refusedUntilNanos.remove(result.getShard());
        }
      }
      boolean backOff = refused > 0 && refused == reply.getShardsCount();
      CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new))
          .whenCompleteAsync(
              (done, failure) -> {
                if (failure != null || backOff) {
                  retryLater();
                } else {
                  failures = 0;
                  step();
                }
              },
              executor);
    }

    private void fetchImage(int shard, long epoch) {
      if (imaging.contains(shard)) {
        return;
      }
      if (!imageTransfers.tryAcquire()) {
        // Every transfer slot is taken: ask again after a pause, which asks for an image again.
        refusedUntilNanos.put(shard, System.nanoTime() + RETRY_MAX.toNanos());
        return;
      }
      imaging.add(shard);
      log.info("node {}: shard {} fetches an image from {}", nodeId, shard, primary);
      ImageTransfer.run(nodeId, shard, epoch, peers.link(primary), replicas, installer)
          .whenCompleteAsync(
              (installed, failure) -> {
                if (failure != null || !installed) {
                  log.warn(
                      "node {}: shard {} did not install an image from {}: {}",
                      nodeId,
                      shard,
                      primary,
                      failure != null ? failure.toString() : "refused by the replica");
                  refusedUntilNanos.put(shard, System.nanoTime() + RETRY_MAX.toNanos());
                }
                imageTransfers.release();
                imaging.remove(shard);
                kick();
              },
              executor);
    }

    private void retryLater() {
      failures++;
      long delay =
          Math.min(RETRY_MAX.toMillis(), RETRY_MIN.toMillis() << Math.min(failures - 1, 10));
      java.util.concurrent.ScheduledFuture<?>[] retry =
          new java.util.concurrent.ScheduledFuture<?>[1];
      retry[0] =
          timer.schedule(
              () -> {
                if (pendingRetry.compareAndSet(retry[0], null)) {
                  executor.execute(this::step);
                }
              },
              delay,
              TimeUnit.MILLISECONDS);
      pendingRetry.set(retry[0]);
    }

    /**
     * Cuts a backoff short: forgets the refusals and failures, and steps now if a retry is pending
     * (a loop with a call in flight steps when it is answered).
     */
    void kick() {
      refusedUntilNanos.clear();
      failures = 0;
      java.util.concurrent.ScheduledFuture<?> retry = pendingRetry.getAndSet(null);
      if (retry != null && retry.cancel(false)) {
        executor.execute(this::step);
      }
    }
  }
}
