package io.switchboard.runtime.node.replication;

import io.switchboard.runtime.peer.ReplicaFetch;
import io.switchboard.runtime.peer.ReplicaFetchReply;
import io.switchboard.runtime.peer.ShardFetch;
import io.switchboard.runtime.replication.FetchResponse;
import io.switchboard.runtime.replication.node.NodeReplicas;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The primary side of replication on a node: answers other nodes' {@link ReplicaFetch} calls with
 * the node's replicas ({@link NodeReplicas#onFetch}), holding a call while none of its shards has
 * anything new (long polling).
 *
 * <p>A call is answered as soon as one of its shards has entries to ship, a commit seq above what
 * the fetching replica knows, or anything but entries to say (divergence, stale epoch, not the
 * primary); otherwise after its {@code max_wait_ms}. A held call is registered under each of its
 * shards before it is evaluated, and {@link #changed} (the replicas' change listener) evaluates it
 * again, so no change between an evaluation and the registration is missed. Evaluating again is
 * harmless: answering a fetch only records, as a maximum, what the replica holds.
 *
 * <p>An answer lists only the shards with something to say: a shard left out had nothing new for
 * the fetching replica (no entries, no newer commit seq), or did not fit: an answer carries at most
 * {@code maxReplyBytes} of entry payload (at least one shard's worth), and the shards beyond it are
 * fetched again by the next call.
 */
public final class FetchServer {

  private final NodeReplicas replicas;
  private final Executor executor;
  private final ScheduledExecutorService timer;
  private final long maxReplyBytes;
  private final Map<Integer, Set<HeldFetch>> heldByShard = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.LongAdder bytesSent =
      new java.util.concurrent.atomic.LongAdder();

  public FetchServer(
      NodeReplicas replicas,
      Executor executor,
      ScheduledExecutorService timer,
      long maxReplyBytes) {
    this.replicas = replicas;
    this.executor = executor;
    this.timer = timer;
    this.maxReplyBytes = maxReplyBytes;
  }

  /**
   * Answers a fetch call; the future completes on the executor.
   *
   * @throws IllegalArgumentException for a malformed fetch (before anything changed)
   */
  public CompletableFuture<ReplicaFetchReply> fetch(ReplicaFetch request) {
    for (ShardFetch shard : request.getShardsList()) {
      ReplicationMessages.fromProto(request.getReplicaId(), shard);
    }
    HeldFetch held = new HeldFetch(request);
    if (request.getMaxWaitMs() > 0) {
      for (ShardFetch shard : request.getShardsList()) {
        heldByShard.computeIfAbsent(shard.getShard(), k -> ConcurrentHashMap.newKeySet()).add(held);
      }
      timer.schedule(
          () -> executor.execute(() -> held.answer(true)),
          request.getMaxWaitMs(),
          TimeUnit.MILLISECONDS);
    }
    executor.execute(() -> held.answer(request.getMaxWaitMs() == 0));
    return held.reply;
  }

  /** Something changed on {@code shard}: the calls held on it are evaluated again. */
  public void changed(int shard) {
    Set<HeldFetch> held = heldByShard.get(shard);
    if (held == null || held.isEmpty()) {
      return;
    }
    for (HeldFetch fetch : held) {
      if (fetch.wake()) {
        executor.execute(() -> fetch.answer(false));
      }
    }
  }

  /**
   * Answers every held call now, with what it has: after a new shard map the fetching nodes may
   * have new shards to ask for here, which their next call carries.
   */
  public void answerHeldCalls() {
    heldByShard.values().stream()
        .flatMap(Set::stream)
        .distinct()
        .forEach(held -> executor.execute(() -> held.answer(true)));
  }

  /** Entry payload bytes shipped to other replicas since the node started. */
  public long bytesSent() {
    return bytesSent.sum();
  }

  private final class HeldFetch {
    final ReplicaFetch request;
    final CompletableFuture<ReplicaFetchReply> reply = new CompletableFuture<>();
    final AtomicBoolean wakeQueued = new AtomicBoolean();

    HeldFetch(ReplicaFetch request) {
      this.request = request;
    }

    /** Whether the caller should queue an evaluation (none is queued yet). */
    boolean wake() {
      return !reply.isDone() && wakeQueued.compareAndSet(false, true);
    }

    /** Evaluates the call; answers it when there is news or {@code regardless}. */
    void answer(boolean regardless) {
      wakeQueued.set(false);
      if (reply.isDone()) {
        return;
      }
      ReplicaFetchReply.Builder answer = ReplicaFetchReply.newBuilder();
      boolean news = false;
      long bytes = 0;
      try {
        for (ShardFetch shard : request.getShardsList()) {
          FetchResponse response =
              replicas.onFetch(ReplicationMessages.fromProto(request.getReplicaId(), shard));
          if (response instanceof FetchResponse.Entries entries) {
            boolean shardNews =
                !entries.entries().isEmpty() || entries.commitSeq() > shard.getKnownCommitSeq();
            if (!shardNews || bytes > maxReplyBytes) {
              continue;
            }
            for (var entry : entries.entries()) {
              bytes += entry.payload().length;
            }
          }
          news = true;
          answer.addShards(ReplicationMessages.toProto(response));
        }
      } catch (RuntimeException e) {
        release();
        reply.completeExceptionally(e);
        return;
      }
      if (news || regardless) {
        release();
        if (reply.complete(answer.build())) {
          bytesSent.add(bytes);
        }
      }
    }

    private void release() {
      for (ShardFetch shard : request.getShardsList()) {
        Set<HeldFetch> held = heldByShard.get(shard.getShard());
        if (held != null) {
          held.remove(this);
        }
      }
    }
  }
}
