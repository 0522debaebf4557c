package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.replication.EpochRecord;
import io.switchboard.runtime.replication.NotPrimaryException;
import io.switchboard.runtime.replication.PrimaryReplication;
import io.switchboard.runtime.replication.ReplicaGroup;
import io.switchboard.runtime.replication.ReplicationLimits;
import io.switchboard.runtime.replication.ReplicationListener;
import io.switchboard.runtime.replication.ShardReplica;
import io.switchboard.runtime.replication.StaleEpochException;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogPosition;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The node's replica of every shard it stores (ADR 0008, step 2): a {@link ShardReplica} per shard
 * over a {@link NodeShardLog}, created on first use, each guarded by its own lock (replicas are not
 * thread-safe).
 *
 * <p>In this step every shard this node leads has a single voter, the node itself, as the
 * single-copy shard maps say. {@link #propose} makes the replica the primary of the map's epoch
 * first when it is not: it resumes that epoch if its durable {@link EpochRecord} says it was
 * promoted at it (after a restart), and promotes it otherwise (the EPOCH_RECORD is awaited: one
 * group commit, once per shard and epoch). A single-voter primary commits an entry once the entry
 * is durable locally, with a COMMIT record; the proposal's future completes once that COMMIT is
 * acknowledged, when the entry is applied.
 *
 * <p>A primary stepping down (a promotion at a higher map epoch) keeps its waiting proposals: the
 * new primary is this same node, whose first commit commits them. They fail only when the log fails
 * ({@link NodeShardLog.Listener#failed}).
 */
public final class NodeReplicas {

  private static final System.Logger LOG = System.getLogger(NodeReplicas.class.getName());

  private final String nodeId;
  private final DurableLog log;
  private final ReplicatedShards shards;
  private final Executor executor;
  private final Clock clock;
  private final Consumer<LogPosition> unclaimed;
  private final Map<Integer, Shard> byShard = new ConcurrentHashMap<>();

  /**
   * @param log the node's log, opened with {@code shards} as its state machine
   * @param executor handles acknowledgements; never the log's writer thread
   * @param unclaimed gets the position of every committed entry that no proposal of this instance
   *     waits for (entries recommitted after a restart, EPOCH_START entries), once applied
   */
  public NodeReplicas(
      String nodeId,
      DurableLog log,
      ReplicatedShards shards,
      Executor executor,
      Clock clock,
      Consumer<LogPosition> unclaimed) {
    this.nodeId = nodeId;
    this.log = log;
    this.shards = shards;
    this.executor = executor;
    this.clock = clock;
    this.unclaimed = unclaimed;
  }

  /**
   * Proposes an entry on {@code shard}, which this node leads at {@code epoch} by its shard map.
   *
   * @return completes with the entry's position once it is committed and applied, or fails when the
   *     log does not acknowledge it
   * @throws NotPrimaryException when the replica cannot be the primary of {@code epoch}
   * @throws StaleEpochException when the replica has seen a higher epoch than {@code epoch}
   * @throws IllegalArgumentException when {@code epoch} does not fit the node log's records
   * @throws RuntimeException when the log refuses the record (closed, failed, queue full)
   */
  public CompletableFuture<LogPosition> propose(int shard, long epoch, int kind, byte[] payload) {
    ReplicationRecords.recordEpoch(epoch);
    Shard replica = shard(shard);
    synchronized (replica.lock) {
      replica.requirePrimaryOf(epoch);
      long seq = replica.replica.propose(kind, payload);
      CompletableFuture<LogPosition> applied = new CompletableFuture<>();
      replica.waiters.put(seq, new Waiter(replica.storage.acknowledgementOf(seq), applied));
      return applied;
    }
  }

  /**
   * After the log was recovered, before serving: makes the replica of every shard this node leads
   * (by {@code ledEpochs}: shard to the map's epoch) the primary of that epoch. A replica already
   * promoted at it (the durable epoch record says so) resumes at once, and its first commit commits
   * the entries a crash left uncommitted. The others are promoted together: their EPOCH_RECORDs are
   * appended at once and awaited together (one or a few group commits for all the shards, instead
   * of one each), then each replica resumes at the recorded epoch, which for a single voter is the
   * promotion (an EPOCH_START entry first). A shard that cannot serve its epoch (it has seen a
   * higher one) is logged and left to refuse its proposals.
   */
  public void serveLedShards(Map<Integer, Long> ledEpochs) {
    Map<Shard, EpochRecord> promoting = new java.util.LinkedHashMap<>();
    Map<Shard, CompletableFuture<LogPosition>> recorded = new java.util.HashMap<>();
    for (Map.Entry<Integer, Long> led : new TreeMap<>(ledEpochs).entrySet()) {
      long epoch = led.getValue();
      Shard replica = shard(led.getKey());
      try {
        ReplicationRecords.recordEpoch(epoch);
        synchronized (replica.lock) {
          EpochRecord record = replica.storage.epochRecord();
          if (replica.servesEpoch(epoch) || record.promoted() == epoch) {
            replica.requirePrimaryOf(epoch);
          } else if (epoch > record.seen()) {
            EpochRecord promoted = new EpochRecord(epoch, epoch);
            recorded.put(replica, replica.storage.appendEpochRecord(promoted));
            promoting.put(replica, promoted);
          } else {
            throw new StaleEpochException(led.getKey(), epoch, record.seen(), "serve");
          }
        }
      } catch (RuntimeException e) {
        warnCannotServe(led.getKey(), epoch, e);
      }
    }
    promoting.forEach(
        (replica, record) -> {
          try {
            recorded.get(replica).join();
            synchronized (replica.lock) {
              replica.storage.epochRecordStored(record);
              replica.requirePrimaryOf(record.promoted());
            }
          } catch (RuntimeException e) {
            warnCannotServe(replica.id, record.promoted(), e);
          }
        });
  }

  private static void warnCannotServe(int shard, long epoch, RuntimeException e) {
    LOG.log(
        System.Logger.Level.WARNING,
        "shard " + shard + ": cannot serve epoch " + epoch + " now: " + e.getMessage());
  }

  /** The replica of {@code shard}, for inspection; call its methods under no other lock. */
  public ShardReplica.Role role(int shard) {
    Shard replica = shard(shard);
    synchronized (replica.lock) {
      return replica.replica.role();
    }
  }

  /** The commit seq of {@code shard}'s replica. */
  public long commitSeq(int shard) {
    Shard replica = shard(shard);
    synchronized (replica.lock) {
      return replica.replica.commitSeq();
    }
  }

  private Shard shard(int shard) {
    return byShard.computeIfAbsent(shard, Shard::new);
  }

  private record Waiter(
      CompletableFuture<LogPosition> acknowledged, CompletableFuture<LogPosition> applied) {}

  /** One shard's replica, its storage and the proposals waiting for their commit. */
  private final class Shard implements NodeShardLog.Listener {
    final Object lock = new Object();
    final int id;
    final NodeShardLog storage;
    final ShardReplica replica;
    final TreeMap<Long, Waiter> waiters = new TreeMap<>();
    long handledThrough;

    Shard(int id) {
      this.id = id;
      this.storage = new NodeShardLog(id, log, shards, executor, lock, this);
      this.replica =
          ShardReplica.open(
              id, nodeId, storage, clock, ReplicationListener.NONE, ReplicationLimits.defaults());
      this.handledThrough = storage.commitSeq();
    }

    boolean servesEpoch(long epoch) {
      Optional<PrimaryReplication> primary = replica.primary();
      return primary.isPresent() && primary.get().epoch() == epoch && primary.get().serving();
    }

    /**
     * Makes the replica the primary of {@code epoch}; caller holds the lock. A promotion here (the
     * map's epoch rose while the node runs) waits for the EPOCH_RECORD's group commit.
     */
    void requirePrimaryOf(long epoch) {
      if (servesEpoch(epoch)) {
        return;
      }
      ReplicaGroup alone = new ReplicaGroup(Set.of(nodeId), Set.of());
      EpochRecord record = storage.epochRecord();
      if (record.promoted() == epoch) {
        replica.resume(epoch, alone);
      } else {
        replica.promote(epoch, alone);
      }
    }

    @Override
    public void durable() {
      replica.onDurable();
    }

    @Override
    public void commitDurable(long seq) {
      for (long next = handledThrough + 1; next <= seq; next++) {
        Waiter waiter = waiters.remove(next);
        if (waiter != null) {
          waiter.applied().complete(waiter.acknowledged().join());
        } else {
          unclaimed.accept(shards.positionOf(id, next));
        }
      }
      handledThrough = Math.max(handledThrough, seq);
    }

    @Override
    public void failed(Throwable cause) {
      LOG.log(
          waiters.isEmpty() ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
          "shard "
              + id
              + ": the node log stopped; "
              + waiters.size()
              + " proposals fail: "
              + cause);
      waiters.values().forEach(waiter -> waiter.applied().completeExceptionally(cause));
      waiters.clear();
    }
  }
}
