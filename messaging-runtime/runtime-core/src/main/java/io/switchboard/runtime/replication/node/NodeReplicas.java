package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.replication.EpochRecord;
import io.switchboard.runtime.replication.FenceReport;
import io.switchboard.runtime.replication.FetchOutcome;
import io.switchboard.runtime.replication.FetchRequest;
import io.switchboard.runtime.replication.FetchResponse;
import io.switchboard.runtime.replication.NotPrimaryException;
import io.switchboard.runtime.replication.PrimaryReplication;
import io.switchboard.runtime.replication.ReplicaGroup;
import io.switchboard.runtime.replication.ReplicaLag;
import io.switchboard.runtime.replication.ReplicationLimits;
import io.switchboard.runtime.replication.ReplicationListener;
import io.switchboard.runtime.replication.ShardImage;
import io.switchboard.runtime.replication.ShardReplica;
import io.switchboard.runtime.replication.StaleEpochException;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogPosition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The node's replica of every shard it stores (ADR 0008): a {@link ShardReplica} per shard over a
 * {@link NodeShardLog}, created on first use, each guarded by its own lock (replicas are not
 * thread-safe). The node drives them with its shard map ({@link #serve}), client proposals ({@link
 * #propose}), fetches from and answers to other replicas ({@link #onFetch}, {@link #nextFetch},
 * {@link #onFetchResponse}) and the control plane's admin commands ({@link #fence}, {@link
 * #promote}).
 *
 * <p>Roles come from the shard map. A shard whose replica set is this node alone (the standalone
 * node, single-copy clusters) is served as before replication: its replica becomes the primary of
 * the map's epoch on first use, resuming that epoch after a restart when its durable {@link
 * EpochRecord} says it was promoted at it. A replicated shard's primary is promoted by {@link
 * #serve} when the map names it at an epoch it was never promoted at (a new cluster), or by the
 * control plane's {@link #promote}; a replicated primary that restarts is not resumed (another
 * replica may hold entries of its epoch that it lost with its unsynced tail) and refuses proposals
 * until promoted at a higher epoch. Followers and asynchronous replicas follow the primary the map
 * names.
 *
 * <p>A primary commits an entry once a majority of the voters hold it durably, with a COMMIT
 * record; the proposal's future completes once that COMMIT is acknowledged, when the entry is
 * applied. A primary stepping down keeps its waiting proposals: they complete if a later primary on
 * this node commits them, and fail when the log fails ({@link NodeShardLog.Listener#failed}).
 *
 * <p>The {@link #onChanged} listener hears of every shard whose log grew or whose commit seq
 * advanced, with the shard's lock held: it must only schedule work (the node wakes the fetches
 * parked on the shard).
 */
public final class NodeReplicas {

  private static final System.Logger LOG = System.getLogger(NodeReplicas.class.getName());

  private final String nodeId;
  private final DurableLog log;
  private final ReplicatedShards shards;
  private final Executor executor;
  private final Clock clock;
  private final Consumer<LogPosition> unclaimed;
  private volatile IntConsumer changed = shard -> {};
  private final ReplicationLimits limits;
  private final java.util.concurrent.atomic.LongAdder imagesInstalled =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder truncations =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.AtomicReferenceArray<Shard> byShard =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(
          io.switchboard.runtime.sharding.Shards.COUNT);

  /**
   * @param log the node's log, opened with {@code shards} as its state machine
   * @param executor handles acknowledgements (a {@link LoopAffineExecutor} lets the event loop that
   *     proposed handle them); never the log's writer thread
   * @param limits the bounds of every replica (fetch size, when a replica gets an image)
   * @param unclaimed gets the position of every committed entry that no proposal of this instance
   *     waits for (entries recommitted after a restart, EPOCH_START entries, entries committed
   *     while following), once applied
   */
  public NodeReplicas(
      String nodeId,
      DurableLog log,
      ReplicatedShards shards,
      Executor executor,
      Clock clock,
      ReplicationLimits limits,
      Consumer<LogPosition> unclaimed) {
    this.nodeId = nodeId;
    this.limits = limits;
    this.log = log;
    this.shards = shards;
    this.executor = executor;
    this.clock = clock;
    this.unclaimed = unclaimed;
  }

  /**
   * An image of {@code shard} at its commit seq, which this node's replica serves as the primary of
   * {@code epoch} (ADR 0008, step 4): the replication facts and the messaging state are captured on
   * the log's writer thread, then the records the state names are read back from the log, off that
   * thread. Fails with {@link NotPrimaryException} when the replica is not that primary.
   */
  public CompletableFuture<ShardImage> produceImage(int shard, long epoch) {
    if (!serves(shard, epoch)) {
      return CompletableFuture.failedFuture(
          new NotPrimaryException(shard, nodeId + " is not the primary of epoch " + epoch));
    }
    return shards
        .captureImage(shard)
        .thenApplyAsync(capture -> ShardImages.of(capture, epoch, log), executor);
  }

  /**
   * Installs {@code image}, which the primary this node's replica of its shard follows produced:
   * blocks for the group commits that write it (see {@link NodeShardLog#installImage}), under the
   * shard's lock.
   *
   * @return whether it was installed; a refused image (see {@link ShardReplica#installImage})
   *     changes nothing
   */
  public boolean installImage(ShardImage image) {
    Shard replica = shard(image.shard());
    synchronized (replica.lock) {
      if (!replica.replica.installImage(image)) {
        return false;
      }
      replica.handledThrough = Math.max(replica.handledThrough, image.seq());
      imagesInstalled.increment();
    }
    changed.accept(image.shard());
    return true;
  }

  /** Images this node's replicas installed since the node started. */
  public long imagesInstalled() {
    return imagesInstalled.sum();
  }

  /** Sets who hears of shards whose log grew or commit advanced; see the class documentation. */
  public void onChanged(IntConsumer listener) {
    this.changed = listener;
  }

  /**
   * Proposes an entry on {@code shard}, whose replica set {@code set} (by the node's shard map) has
   * this node as its primary.
   *
   * @return completes with the entry's position once it is committed and applied, on the executor
   *     and outside the shard's lock (its dependents may propose on other shards), or fails when
   *     the log does not acknowledge it
   * @throws NotPrimaryException when the replica cannot be the primary of the set's epoch
   * @throws StaleEpochException when the replica has seen a higher epoch than the set's
   * @throws IllegalArgumentException when the epoch does not fit the node log's records
   * @throws RuntimeException when the log refuses the record (closed, failed, queue full)
   */
  public CompletableFuture<LogPosition> propose(
      int shard, ReplicaSet set, int kind, byte[] payload) {
    ReplicationRecords.recordEpoch(set.epoch());
    Shard replica = shard(shard);
    synchronized (replica.lock) {
      replica.requirePrimaryOf(set);
      long seq = replica.replica.propose(kind, payload);
      CompletableFuture<LogPosition> applied = new CompletableFuture<>();
      replica.waiters.put(
          seq, new Waiter(replica.storage.acknowledgementOf(seq), applied, System.nanoTime()));
      changed.accept(shard);
      return applied;
    }
  }

  /**
   * Takes the roles {@code map} gives this node's replicas: after the log was recovered, before
   * serving, and again for every newer map the node installs.
   *
   * <ul>
   *   <li>Single-copy shards this node leads: the replica becomes the primary of the map's epoch. A
   *       replica already promoted at it (the durable epoch record says so) resumes at once, and
   *       its first commit commits the entries a crash left uncommitted. The others are promoted
   *       together: their EPOCH_RECORDs are appended at once and awaited together (one or a few
   *       group commits for all the shards, instead of one each).
   *   <li>Replicated shards this node leads: promoted at the map's epoch unless already serving it;
   *       one the replica was already promoted at (it restarted) is left to the control plane.
   *   <li>Shards this node follows (in-DC follower or asynchronous replica): the map's epoch is
   *       recorded as seen for all of them together, then each follows the map's primary.
   * </ul>
   *
   * A shard that cannot take its role (it has seen a higher epoch, its log failed) is logged and
   * left to refuse proposals and fetches.
   */
  public void serve(ShardMap map) {
    Map<Shard, EpochRecord> recording = new java.util.LinkedHashMap<>();
    Map<Shard, CompletableFuture<LogPosition>> recorded = new java.util.HashMap<>();
    List<ReplicaSet> promoting = new ArrayList<>();
    List<ReplicaSet> following = new ArrayList<>();
    for (ReplicaSet set : map.replicaSets()) {
      if (!set.hasReplicaOn(nodeId)) {
        continue;
      }
      Shard replica = shard(set.shard());
      try {
        ReplicationRecords.recordEpoch(set.epoch());
        synchronized (replica.lock) {
          EpochRecord record = replica.storage.epochRecord();
          if (set.epoch() < record.seen()) {
            throw new StaleEpochException(set.shard(), set.epoch(), record.seen(), "serve");
          }
          if (!set.primary().equals(nodeId)) {
            if (set.epoch() > record.seen()) {
              EpochRecord seen = record.withSeen(set.epoch());
              recorded.put(replica, replica.storage.appendEpochRecord(seen));
              recording.put(replica, seen);
            }
            following.add(set);
          } else if (replica.servesEpoch(set.epoch())) {
            continue;
          } else if (!isSingleCopy(set)) {
            promoting.add(set);
          } else if (record.promoted() == set.epoch()) {
            replica.requirePrimaryOf(set);
          } else {
            EpochRecord promoted = new EpochRecord(set.epoch(), set.epoch());
            recorded.put(replica, replica.storage.appendEpochRecord(promoted));
            recording.put(replica, promoted);
            promoting.add(set);
          }
        }
      } catch (RuntimeException e) {
        warnCannotServe(set.shard(), set.epoch(), e);
      }
    }
    recording.forEach(
        (replica, record) -> {
          try {
            recorded.get(replica).join();
            synchronized (replica.lock) {
              replica.storage.epochRecordStored(record);
            }
          } catch (RuntimeException e) {
            warnCannotServe(replica.id, record.seen(), e);
          }
        });
    List<Integer> awaitingPromotion = new ArrayList<>();
    for (ReplicaSet set : promoting) {
      Shard replica = shard(set.shard());
      try {
        synchronized (replica.lock) {
          if (isSingleCopy(set) || replica.storage.epochRecord().promoted() < set.epoch()) {
            replica.requirePrimaryOf(set);
          } else {
            awaitingPromotion.add(set.shard());
          }
        }
      } catch (RuntimeException e) {
        warnCannotServe(set.shard(), set.epoch(), e);
      }
    }
    if (!awaitingPromotion.isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO,
          awaitingPromotion.size()
              + " replicated shards this node led before a restart wait for a promotion at a"
              + " higher epoch: "
              + ranges(awaitingPromotion));
    }
    for (ReplicaSet set : following) {
      Shard replica = shard(set.shard());
      try {
        synchronized (replica.lock) {
          replica.replica.follow(set.primary(), set.epoch());
        }
      } catch (RuntimeException e) {
        warnCannotServe(set.shard(), set.epoch(), e);
      }
    }
  }

  /**
   * Fences this node's replica of {@code shard} at {@code epoch} (the first step of a promotion):
   * see {@link ShardReplica#fence}. Blocks for a group commit when the epoch is new to it.
   *
   * @throws StaleEpochException if the replica has seen a higher epoch
   */
  public FenceReport fence(int shard, long epoch) {
    ReplicationRecords.recordEpoch(epoch);
    Shard replica = shard(shard);
    synchronized (replica.lock) {
      return replica.replica.fence(epoch);
    }
  }

  /**
   * Makes this node's replica of {@code shard} its primary at {@code epoch}, counting {@code
   * group}: see {@link ShardReplica#promote}. Idempotent while it serves that epoch. Blocks for a
   * group commit.
   *
   * @return the seq of the epoch's first entry
   * @throws StaleEpochException if the replica has seen a higher epoch or was promoted at it before
   * @throws IllegalArgumentException if this node is not one of the group's voters
   */
  public long promote(int shard, long epoch, ReplicaGroup group) {
    ReplicationRecords.recordEpoch(epoch);
    Shard replica = shard(shard);
    synchronized (replica.lock) {
      long start = replica.replica.promote(epoch, group).epochStartSeq();
      changed.accept(shard);
      return start;
    }
  }

  /**
   * Answers another replica's fetch of {@code request.shard()}; see {@link ShardReplica#onFetch}.
   */
  public FetchResponse onFetch(FetchRequest request) {
    Shard replica = shard(request.shard());
    synchronized (replica.lock) {
      return replica.replica.onFetch(request);
    }
  }

  /** The fetch this node's follower of {@code shard} sends now; empty if none (see there). */
  public Optional<FetchRequest> nextFetch(int shard) {
    Shard replica = shard(shard);
    synchronized (replica.lock) {
      return replica.replica.nextFetch();
    }
  }

  /**
   * Applies the answer to one of this node's fetches.
   *
   * @return what happened, and a future that completes once every entry the replica of the shard
   *     holds is durable (at once when nothing was appended), outside the shard's lock: the next
   *     fetch waits for it
   */
  public FetchApplied onFetchResponse(FetchResponse response) {
    Shard replica = shard(response.shard());
    synchronized (replica.lock) {
      FetchOutcome outcome = replica.replica.onFetchResponse(response);
      if (outcome == FetchOutcome.TRUNCATED) {
        truncations.increment();
      }
      return new FetchApplied(outcome, replica.storage.whenDurable(replica.storage.lastSeq()));
    }
  }

  /** What {@link #onFetchResponse} did, and when the shard's log is durable again. */
  public record FetchApplied(FetchOutcome outcome, CompletableFuture<?> durable) {}

  /**
   * How many times a replica of this node dropped a divergent suffix of its log (entries of an
   * older epoch that were never committed), since the node started.
   */
  public long truncations() {
    return truncations.sum();
  }

  /** Replication figures of this node's replica of {@code shard}, for metrics. */
  public ReplicaStatus status(int shard) {
    Shard replica = shard(shard);
    synchronized (replica.lock) {
      ShardReplica r = replica.replica;
      Map<String, ReplicaLag> lags = new TreeMap<>();
      r.primary()
          .ifPresent(
              primary -> {
                for (String other : primary.group().voters()) {
                  if (!other.equals(nodeId)) {
                    lags.put(other, primary.lag(other));
                  }
                }
                lags.putAll(primary.asyncLags());
              });
      return new ReplicaStatus(
          shard,
          r.role(),
          r.highestEpoch(),
          r.lastSeq(),
          replica.storage.durableSeq(),
          r.commitSeq(),
          lags);
    }
  }

  /** Shards in ascending order as ranges, e.g. "0-84, 90, 256-340". */
  static String ranges(List<Integer> ascendingShards) {
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < ascendingShards.size()) {
      int first = ascendingShards.get(i);
      int last = first;
      while (i + 1 < ascendingShards.size() && ascendingShards.get(i + 1) == last + 1) {
        last = ascendingShards.get(++i);
      }
      text.append(text.length() == 0 ? "" : ", ").append(first);
      if (last != first) {
        text.append('-').append(last);
      }
      i++;
    }
    return text.toString();
  }

  private static boolean isSingleCopy(ReplicaSet set) {
    return set.followers().isEmpty() && set.asyncReplicas().isEmpty();
  }

  static ReplicaGroup groupOf(ReplicaSet set) {
    return new ReplicaGroup(new java.util.HashSet<>(set.voters()), Set.copyOf(set.asyncReplicas()));
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

  /** Whether this node's replica of {@code shard} is the primary of {@code epoch} and serving. */
  public boolean serves(int shard, long epoch) {
    Shard replica = shard(shard);
    synchronized (replica.lock) {
      return replica.servesEpoch(epoch);
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
    Shard existing = byShard.get(shard);
    if (existing != null) {
      return existing;
    }
    Shard created = new Shard(shard);
    return byShard.compareAndSet(shard, null, created) ? created : byShard.get(shard);
  }

  /**
   * A proposal waiting for its commit. {@code late} is set once it was counted as a quorum failure,
   * so that it is counted at most once.
   */
  private static final class Waiter {
    final CompletableFuture<LogPosition> acknowledged;
    final CompletableFuture<LogPosition> applied;
    final long proposedNanos;
    boolean late;

    Waiter(
        CompletableFuture<LogPosition> acknowledged,
        CompletableFuture<LogPosition> applied,
        long proposedNanos) {
      this.acknowledged = acknowledged;
      this.applied = applied;
      this.proposedNanos = proposedNanos;
    }

    CompletableFuture<LogPosition> acknowledged() {
      return acknowledged;
    }

    CompletableFuture<LogPosition> applied() {
      return applied;
    }
  }

  /** What a node measures of its primaries' commits; called with the shard's lock held. */
  public interface CommitObserver {
    /** A proposal on {@code shard} committed and was applied {@code nanos} after it was made. */
    void committed(int shard, long nanos);

    /**
     * A proposal on {@code shard} was not committed within {@link #QUORUM_TIMEOUT} (counted once,
     * when noticed: at its late commit, at {@link #sweepLateProposals}, or when it failed).
     */
    void quorumFailure(int shard);
  }

  /** How long a proposal may wait for its quorum before it counts as a quorum failure. */
  public static final java.time.Duration QUORUM_TIMEOUT = java.time.Duration.ofSeconds(1);

  private volatile CommitObserver observer =
      new CommitObserver() {
        @Override
        public void committed(int shard, long nanos) {}

        @Override
        public void quorumFailure(int shard) {}
      };

  /** Sets who measures commits; see {@link CommitObserver}. */
  public void observeCommits(CommitObserver observer) {
    this.observer = observer;
  }

  /**
   * Counts every proposal waiting longer than {@link #QUORUM_TIMEOUT} that was not counted yet as a
   * quorum failure; the metrics call it at scrape time.
   */
  public void sweepLateProposals() {
    long now = System.nanoTime();
    for (int shard = 0; shard < byShard.length(); shard++) {
      Shard replica = byShard.get(shard);
      if (replica == null) {
        continue;
      }
      synchronized (replica.lock) {
        for (Waiter waiter : replica.waiters.values()) {
          replica.countIfLate(waiter, now);
        }
      }
    }
  }

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
      ReplicationListener commits =
          new ReplicationListener() {
            @Override
            public void committed(long commitSeq) {
              changed.accept(id);
            }

            @Override
            public void steppedDown(long epoch, long higherEpoch) {
              storage.adoptPipelinedCommits();
            }
          };
      this.replica = ShardReplica.open(id, nodeId, storage, clock, commits, limits);
      this.handledThrough = storage.commitSeq();
    }

    boolean servesEpoch(long epoch) {
      Optional<PrimaryReplication> primary = replica.primary();
      return primary.isPresent() && primary.get().epoch() == epoch && primary.get().serving();
    }

    /**
     * Makes the replica the primary of {@code set}'s epoch; caller holds the lock. A promotion here
     * (the map's epoch rose while the node runs) waits for the EPOCH_RECORD's group commit. Only a
     * single-copy shard resumes an epoch it was promoted at before a restart.
     *
     * @throws NotPrimaryException when a replicated shard's replica was promoted at the epoch
     *     before a restart: it waits for the control plane's promotion at a higher epoch
     */
    void requirePrimaryOf(ReplicaSet set) {
      long epoch = set.epoch();
      if (servesEpoch(epoch)) {
        return;
      }
      EpochRecord record = storage.epochRecord();
      if (!isSingleCopy(set)) {
        if (record.promoted() >= epoch) {
          throw new NotPrimaryException(
              id, "the primary of epoch " + epoch + " restarted and awaits a new promotion");
        }
        replica.promote(epoch, groupOf(set));
      } else if (record.promoted() == epoch) {
        replica.resume(epoch, groupOf(set));
      } else {
        replica.promote(epoch, groupOf(set));
      }
      changed.accept(id);
    }

    @Override
    public void durable() {
      replica.onDurable();
    }

    @Override
    public void commitDurable(long seq, List<Runnable> outsideLock) {
      for (long next = handledThrough + 1; next <= seq; next++) {
        Waiter waiter = waiters.remove(next);
        if (waiter != null) {
          long now = System.nanoTime();
          countIfLate(waiter, now);
          observer.committed(id, now - waiter.proposedNanos);
          LogPosition position = waiter.acknowledged().join();
          outsideLock.add(() -> waiter.applied().complete(position));
        } else {
          unclaimed.accept(shards.positionOf(id, next));
        }
      }
      handledThrough = Math.max(handledThrough, seq);
    }

    void countIfLate(Waiter waiter, long now) {
      if (!waiter.late && now - waiter.proposedNanos > QUORUM_TIMEOUT.toNanos()) {
        waiter.late = true;
        observer.quorumFailure(id);
      }
    }

    /**
     * Fails the proposals waiting for the dropped entries: their entries will never commit, so
     * their clients retry (with the same random id, deduplicated) at the shard's new primary.
     */
    @Override
    public void truncated(long afterSeq) {
      var dropped = waiters.tailMap(afterSeq, false);
      long now = System.nanoTime();
      for (var waiting : dropped.entrySet()) {
        countIfLate(waiting.getValue(), now);
        waiting
            .getValue()
            .applied()
            .completeExceptionally(
                new NotPrimaryException(
                    id,
                    "entry "
                        + waiting.getKey()
                        + " of shard "
                        + id
                        + " was dropped: the shard's primary changed before it committed"));
      }
      dropped.clear();
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
      for (Waiter waiter : waiters.values()) {
        if (!waiter.late) {
          waiter.late = true;
          observer.quorumFailure(id);
        }
        waiter.applied().completeExceptionally(cause);
      }
      waiters.clear();
    }
  }
}
