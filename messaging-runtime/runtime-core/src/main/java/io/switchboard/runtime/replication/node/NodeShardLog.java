package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.replication.EpochRecord;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.replication.ShardImage;
import io.switchboard.runtime.replication.ShardLog;
import io.switchboard.runtime.replication.ShardReplica;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * One shard's {@link ShardLog} over the node's {@link DurableLog}, whose state machine is the
 * {@link ReplicatedShards} that tracks the shard's durable records ({@link ReplicationRecords}).
 *
 * <ul>
 *   <li>{@link #append}: one {@link DurableLog#append} per entry; the entries wait in an in-memory
 *       tail until acknowledged. Acknowledgements are handled on {@code executor}, or on the
 *       appending event loop when {@code executor} is a {@link LoopAffineExecutor} (never on the
 *       log's writer thread), under {@code lock}: the acknowledged prefix of the tail leaves it,
 *       {@link #durableSeq()} advances in seq order, and {@link Listener#durable()} runs (the owner
 *       calls {@link ShardReplica#onDurable()} there).
 *   <li>{@link #read}: entries up to the tail from the log by the positions {@link
 *       ReplicatedShards} holds, the tail from memory.
 *   <li>{@link #truncateAfter}: a TRUNCATE record. {@link #commit}: a COMMIT record, one per call;
 *       several commits of one group commit land in the same fsync, so they follow each other
 *       cheaply. Once a COMMIT is acknowledged (the entries it covers are then applied), {@link
 *       Listener#commitDurable} runs under {@code lock}: at the end of the handler of the entries'
 *       acknowledgement when the COMMIT was acknowledged with them, else in a task of its own. A
 *       COMMIT the log refuses because its queue is full is retried shortly, on {@code executor}.
 *       COMMITs are appended unforced ({@link DurableLog#appendUnforced}): the entries they cover
 *       are durable before them, so a COMMIT needs no fsync of its own; one lost in a crash leaves
 *       durable entries uncommitted, which the shard's next primary commits again (a resumed sole
 *       voter at its first commit).
 *   <li>{@link #appendCommittedOnceDurable} (a sole voter's proposal): the entry and, right behind
 *       it, a COMMIT of its seq, so both are durable after one group commit (or the COMMIT, which
 *       needs no fsync of its own, is written with the next batch). The log applies the entry at
 *       that COMMIT, after the fsync, as for any COMMIT. A later {@link #commit} of a seq such a
 *       COMMIT covers appends nothing: it waits for that COMMIT's acknowledgement instead, which
 *       saves a second group commit per proposal.
 *   <li>{@link #storeEpochRecord}: an EPOCH_RECORD record, awaited: durable when it returns. It
 *       blocks the caller for a group commit; never call it on the log's writer thread.
 *   <li>{@link #installImage}: the image's bodies as IMAGE_ITEM records, its state (naming them by
 *       their new positions) as IMAGE_PART records, then IMAGE_INSTALL, awaited: blocks for a few
 *       group commits. A crash before the IMAGE_INSTALL is durable leaves the old log and some
 *       records nothing names.
 * </ul>
 *
 * <p>A record the log fails to acknowledge (it was halted, closed or failed) breaks the shard:
 * {@link Listener#failed} runs and later calls fail. Not thread-safe: callers hold {@code lock},
 * which the acknowledgement handlers take too.
 */
public final class NodeShardLog implements ShardLog {

  /** What the shard's owner learns from the log; called on the executor with the lock held. */
  public interface Listener {
    /** {@link #durableSeq()} advanced. */
    void durable();

    /**
     * A COMMIT of {@code seq} is acknowledged: the entries up to {@code seq} are applied. What the
     * owner adds to {@code outsideLock} runs on the same thread right after the lock is released
     * (completing futures there keeps their dependents out of the lock).
     */
    void commitDurable(long seq, List<Runnable> outsideLock);

    /** A record of the shard was not acknowledged; the shard accepts nothing more. */
    void failed(Throwable cause);

    /**
     * The entries after {@code afterSeq} were dropped (a divergent suffix, or the whole log for an
     * image): proposals waiting for them will never commit as they were.
     */
    default void truncated(long afterSeq) {}
  }

  private static final long AWAIT_TIMEOUT_SECONDS = 60;
  private static final int IMAGE_PART_BYTES = 64 << 10;
  private static final int IMAGE_ITEMS_PER_WAIT = 4096;
  private static final long COMMIT_RETRY_MILLIS = 10;

  private record InFlight(ShardEntry entry, CompletableFuture<LogPosition> acknowledged) {}

  /** A COMMIT appended behind the entry it covers, by {@link #appendCommittedOnceDurable}. */
  private record PipelinedCommit(long seq, CompletableFuture<LogPosition> acknowledged) {}

  private final int shard;
  private final DurableLog log;
  private final ReplicatedShards shards;
  private final Executor executor;
  private final Object lock;
  private final Listener listener;
  private final ArrayDeque<InFlight> tail = new ArrayDeque<>();
  private final java.util.TreeMap<Long, CompletableFuture<Void>> durableWaiters =
      new java.util.TreeMap<>();

  /**
   * COMMIT records of {@link #appendCommittedOnceDurable} that no {@link #commit} has used yet, in
   * seq order: a commit of a seq up to one of them waits for that record instead of writing one.
   */
  private final ArrayDeque<PipelinedCommit> pipelinedCommits = new ArrayDeque<>();

  /**
   * Seqs of COMMITs {@link #commit} found acknowledged while {@link #onAcknowledged} runs the
   * listener (the usual case: a sole voter's COMMIT is acknowledged with its entry): handled at the
   * end of that same handler instead of by one more task on the executor each. Guarded by {@code
   * lock}, like {@link #handlingAcknowledgement}.
   */
  private final ArrayDeque<Long> acknowledgedCommits = new ArrayDeque<>();

  private boolean handlingAcknowledgement;

  /**
   * Whether an {@link #onAcknowledged} handler waits for the acknowledgement of a tail entry: at
   * most one does, and it awaits the entries appended meanwhile when it runs. Guarded by {@code
   * lock}.
   */
  private boolean acknowledgementAwaited;

  private long lastSeq;
  private long durableSeq;
  private long commitSeq;
  private EpochRecord epochRecord;
  private Throwable broken;

  /**
   * Opens the shard's log as {@code shards} holds it: everything there is durable (after recovery
   * or as written by an earlier instance); this instance must then be the shard's only writer.
   */
  public NodeShardLog(
      int shard,
      DurableLog log,
      ReplicatedShards shards,
      Executor executor,
      Object lock,
      Listener listener) {
    this.shard = shard;
    this.log = log;
    this.shards = shards;
    this.executor = executor;
    this.lock = lock;
    this.listener = listener;
    this.lastSeq = shards.lastSeq(shard);
    this.durableSeq = lastSeq;
    this.commitSeq = shards.commitSeq(shard);
    this.epochRecord = shards.epochRecord(shard);
  }

  @Override
  public long lastSeq() {
    return lastSeq;
  }

  @Override
  public long epochOf(long seq) {
    if (seq < 1 || seq > lastSeq) {
      throw new IllegalArgumentException("seq " + seq + " is outside 1.." + lastSeq);
    }
    long firstInTail = firstInTail();
    if (seq >= firstInTail) {
      return inTail(seq, firstInTail).epoch();
    }
    return shards.epochOf(shard, seq);
  }

  @Override
  public long imageSeq() {
    return shards.imageSeq(shard);
  }

  @Override
  public void installImage(ShardImage image) {
    requireUsable();
    if (image.shard() != shard) {
      throw new IllegalArgumentException("an image of shard " + image.shard() + " for " + shard);
    }
    ShardImageState decoded;
    byte[] state;
    try {
      decoded = ShardImageState.decode(image.state());
      long[] oldPositions = decoded.positions();
      long[] newPositions = appendItems(decoded.items());
      state =
          shards
              .committedState()
              .remapShardState(
                  decoded.state(),
                  old -> {
                    int index = java.util.Arrays.binarySearch(oldPositions, old);
                    if (index < 0) {
                      throw new IllegalArgumentException(
                          "the image's state names position " + old + " but carries no record");
                    }
                    return newPositions[index];
                  });
    } catch (IOException e) {
      throw new UncheckedIOException("shard " + shard + ": the image does not decode", e);
    }
    CRC32C crc = new CRC32C();
    crc.update(state);
    List<CompletableFuture<LogPosition>> written = new ArrayList<>();
    for (int from = 0; from < state.length; from += IMAGE_PART_BYTES) {
      byte[] part =
          java.util.Arrays.copyOfRange(
              state, from, Math.min(state.length, from + IMAGE_PART_BYTES));
      written.add(log.append(new LogEntry(ReplicationRecords.IMAGE_PART, shard, 0, part)));
    }
    ShardImageInstall install =
        new ShardImageInstall(
            image.seq(), image.epochs(), image.firstSeqs(), state.length, (int) crc.getValue());
    written.add(log.append(install.toRecord(shard)));
    await(written.get(written.size() - 1), "the image install");
    listener.truncated(0);
    tail.clear();
    pipelinedCommits.clear();
    lastSeq = image.seq();
    durableSeq = lastSeq;
    commitSeq = lastSeq;
    List<CompletableFuture<Void>> moot = new ArrayList<>(durableWaiters.values());
    durableWaiters.clear();
    executor.execute(() -> moot.forEach(waiter -> waiter.complete(null)));
  }

  /** Appends the items as IMAGE_ITEM records in order; returns their positions, once durable. */
  private long[] appendItems(List<ShardImageState.Item> items) {
    long[] positions = new long[items.size()];
    List<CompletableFuture<LogPosition>> window = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ShardImageState.Item item = items.get(i);
      window.add(
          log.append(
              ReplicationRecords.imageItem(shard, item.type(), item.epoch(), item.payload())));
      if (window.size() == IMAGE_ITEMS_PER_WAIT || i == items.size() - 1) {
        await(window.get(window.size() - 1), "the image's records");
        for (int j = 0; j < window.size(); j++) {
          positions[i - window.size() + 1 + j] = window.get(j).join().offset();
        }
        window.clear();
      }
    }
    return positions;
  }

  /** Waits for a record the log acknowledges in order: those before it are then too. */
  private void await(CompletableFuture<LogPosition> acknowledged, String what) {
    try {
      acknowledged.get(AWAIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + what, e);
    } catch (ExecutionException e) {
      throw asRuntime(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      breakWith(e);
      throw new IllegalStateException(what + " of shard " + shard + " timed out", e);
    }
  }

  @Override
  public List<ShardEntry> read(long fromSeq, int maxBytes) {
    List<ShardEntry> read = new ArrayList<>();
    long firstInTail = firstInTail();
    long bytes = 0;
    for (long seq = Math.max(1, fromSeq); seq <= lastSeq; seq++) {
      ShardEntry entry = seq >= firstInTail ? inTail(seq, firstInTail) : readDurable(seq);
      bytes += entry.payload().length;
      if (!read.isEmpty() && bytes > maxBytes) {
        break;
      }
      read.add(entry);
    }
    return read;
  }

  private long firstInTail() {
    return tail.isEmpty() ? lastSeq + 1 : tail.peekFirst().entry().seq();
  }

  private ShardEntry inTail(long seq, long firstInTail) {
    Iterator<InFlight> entries = tail.iterator();
    for (long skip = seq - firstInTail; skip > 0; skip--) {
      entries.next();
    }
    return entries.next().entry();
  }

  private ShardEntry readDurable(long seq) {
    LogPosition position = shards.positionOf(shard, seq);
    LogRecord record;
    try {
      record = log.read(position);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read shard " + shard + " entry " + seq, e);
    }
    LogEntry entry = record.entry();
    if (entry.shardId() != shard || !ReplicationRecords.isEntry(entry.type())) {
      throw new IllegalStateException(
          "no entry of shard " + shard + " at " + position + " for seq " + seq);
    }
    return new ShardEntry(seq, entry.epoch(), entry.type(), entry.payload());
  }

  @Override
  public void append(List<ShardEntry> entries) {
    requireUsable();
    List<LogEntry> records = new ArrayList<>(entries.size());
    long seq = lastSeq;
    for (ShardEntry entry : entries) {
      if (entry.seq() != ++seq) {
        throw new IllegalArgumentException(
            "entry " + entry + " does not continue shard " + shard + " at " + (seq - 1));
      }
      records.add(ReplicationRecords.entry(shard, entry));
    }
    for (int i = 0; i < records.size(); i++) {
      CompletableFuture<LogPosition> acknowledged = log.append(records.get(i));
      if (acknowledged.isCompletedExceptionally()) {
        // Refused at once (queue full, log closed): nothing of this entry was queued. Entries
        // before it in this call were, and the seq numbering cannot skip it: break the shard.
        Throwable cause = causeOf(acknowledged);
        if (i > 0) {
          broken = cause;
        }
        throw asRuntime(cause);
      }
      ShardEntry entry = entries.get(i);
      tail.addLast(new InFlight(entry, acknowledged));
      lastSeq = entry.seq();
      if (i == records.size() - 1 && !acknowledgementAwaited) {
        // The log acknowledges in order: once the last entry of the call is acknowledged, so are
        // the others, and one handler takes them all off the tail. While one handler is awaited,
        // entries appended meanwhile wait for it (it awaits the rest when it runs).
        awaitAcknowledgement(acknowledged);
      }
    }
  }

  @Override
  public void appendCommittedOnceDurable(List<ShardEntry> entries) {
    append(entries);
    if (entries.isEmpty()) {
      return;
    }
    CompletableFuture<LogPosition> acknowledged =
        log.appendUnforced(ReplicationRecords.commit(shard, lastSeq));
    if (!acknowledged.isCompletedExceptionally()) {
      pipelinedCommits.addLast(new PipelinedCommit(lastSeq, acknowledged));
    }
    // Refused (queue full): the commit() that follows the entries' durability writes the COMMIT.
  }

  /** The acknowledgement of the tail entry {@code seq}, while it is in the tail. */
  public CompletableFuture<LogPosition> acknowledgementOf(long seq) {
    long firstInTail = firstInTail();
    if (seq < firstInTail || seq > lastSeq) {
      return CompletableFuture.completedFuture(shards.positionOf(shard, seq));
    }
    // A proposal asks for the entry it just appended: walk from whichever end is nearer.
    boolean fromTheEnd = lastSeq - seq < seq - firstInTail;
    Iterator<InFlight> entries = fromTheEnd ? tail.descendingIterator() : tail.iterator();
    for (long skip = fromTheEnd ? lastSeq - seq : seq - firstInTail; skip > 0; skip--) {
      entries.next();
    }
    return entries.next().acknowledged();
  }

  /**
   * Handles {@code acknowledged} on the executor {@link LoopAffineExecutor#forCaller} picks for the
   * appending thread: a proposal made on an event loop that is not busy is acknowledged on that
   * loop, which then writes its answer without a further hand-off.
   */
  private void awaitAcknowledgement(CompletableFuture<LogPosition> acknowledged) {
    acknowledgementAwaited = true;
    acknowledged.whenCompleteAsync(
        (position, failure) -> onAcknowledged(), LoopAffineExecutor.forCaller(executor));
  }

  private void onAcknowledged() {
    List<CompletableFuture<Void>> released = new ArrayList<>();
    List<Runnable> outsideLock = new ArrayList<>();
    synchronized (lock) {
      acknowledgementAwaited = false;
      try {
        takeAcknowledgedOffTheTail(released, outsideLock);
      } finally {
        if (broken == null && !tail.isEmpty() && !acknowledgementAwaited) {
          awaitAcknowledgement(tail.peekLast().acknowledged());
        }
      }
    }
    released.forEach(waiter -> waiter.complete(null));
    outsideLock.forEach(Runnable::run);
  }

  /** The body of {@link #onAcknowledged}, under the lock. */
  private void takeAcknowledgedOffTheTail(
      List<CompletableFuture<Void>> released, List<Runnable> outsideLock) {
    if (broken != null) {
      return;
    }
    long before = durableSeq;
    while (!tail.isEmpty() && tail.peekFirst().acknowledged().isDone()) {
      InFlight head = tail.peekFirst();
      if (head.acknowledged().isCompletedExceptionally()) {
        breakWith(causeOf(head.acknowledged()));
        return;
      }
      tail.pollFirst();
      durableSeq = head.entry().seq();
    }
    if (durableSeq > before) {
      handlingAcknowledgement = true;
      try {
        listener.durable();
      } finally {
        handlingAcknowledgement = false;
      }
      releaseDurableWaiters(durableSeq, released);
      while (!acknowledgedCommits.isEmpty()) {
        long seq = acknowledgedCommits.pollFirst();
        if (broken == null) {
          listener.commitDurable(seq, outsideLock);
        }
      }
    }
  }

  /**
   * Completes once {@link #durableSeq()} reached {@code seq}, or once the log no longer holds entry
   * {@code seq} (it was truncated); fails when the shard breaks. Completes outside the lock.
   */
  public CompletableFuture<Void> whenDurable(long seq) {
    if (broken != null) {
      return CompletableFuture.failedFuture(broken);
    }
    if (durableSeq >= seq || seq > lastSeq) {
      return CompletableFuture.completedFuture(null);
    }
    return durableWaiters.computeIfAbsent(seq, unused -> new CompletableFuture<>());
  }

  private void releaseDurableWaiters(long throughSeq, List<CompletableFuture<Void>> released) {
    var due = durableWaiters.headMap(throughSeq, true);
    released.addAll(due.values());
    due.clear();
  }

  @Override
  public void truncateAfter(long seq) {
    requireUsable();
    if (seq >= lastSeq) {
      return;
    }
    CompletableFuture<LogPosition> acknowledged =
        log.append(ReplicationRecords.truncate(shard, seq));
    if (acknowledged.isCompletedExceptionally()) {
      throw asRuntime(causeOf(acknowledged));
    }
    acknowledged.whenCompleteAsync(
        (position, failure) -> {
          if (failure != null) {
            synchronized (lock) {
              breakWith(failure);
            }
          }
        },
        executor);
    while (!tail.isEmpty() && tail.peekLast().entry().seq() > seq) {
      tail.pollLast();
    }
    pipelinedCommits.removeIf(pipelined -> pipelined.seq() > seq);
    lastSeq = seq;
    durableSeq = Math.min(durableSeq, seq);
    listener.truncated(seq);
    List<CompletableFuture<Void>> moot =
        new ArrayList<>(durableWaiters.tailMap(seq, false).values());
    durableWaiters.tailMap(seq, false).clear();
    executor.execute(() -> moot.forEach(waiter -> waiter.complete(null)));
  }

  @Override
  public long durableSeq() {
    return durableSeq;
  }

  @Override
  public long commitSeq() {
    return commitSeq;
  }

  @Override
  public void commit(long seq) {
    requireUsable();
    commitSeq = seq;
    PipelinedCommit covering = pipelinedCommitCovering(seq);
    if (covering != null) {
      whenCommitAcknowledged(seq, covering.acknowledged());
    } else {
      appendCommit(seq);
    }
  }

  /**
   * The primary that appended entries with {@link #appendCommittedOnceDurable} stopped serving
   * before committing them all. The COMMITs written behind them precede anything appended next, so
   * from now on they are this log's recorded commit seq: no truncation may go below it, which the
   * log's state would refuse. They are not reported to {@link Listener#commitDurable}: a primary
   * that stepped down acknowledges nothing more, so its waiting proposals stay as they are (a later
   * commit of this replica completes them, a truncation or an image fails them, and their clients
   * retry). Caller holds the lock.
   */
  public void adoptPipelinedCommits() {
    PipelinedCommit last = pipelinedCommits.peekLast();
    pipelinedCommits.clear();
    if (last != null && last.seq() > commitSeq && broken == null) {
      commitSeq = last.seq();
    }
  }

  /**
   * The first pipelined COMMIT of a seq at or above {@code seq}, or null; forgets those below it (a
   * commit of {@code seq} makes them moot) and the one returned if it is exactly {@code seq}.
   */
  private PipelinedCommit pipelinedCommitCovering(long seq) {
    while (!pipelinedCommits.isEmpty() && pipelinedCommits.peekFirst().seq() < seq) {
      pipelinedCommits.pollFirst();
    }
    PipelinedCommit first = pipelinedCommits.peekFirst();
    if (first != null && first.seq() == seq) {
      pipelinedCommits.pollFirst();
    }
    return first;
  }

  private void appendCommit(long seq) {
    CompletableFuture<LogPosition> acknowledged =
        log.appendUnforced(ReplicationRecords.commit(shard, seq));
    if (acknowledged.isCompletedExceptionally()
        && causeOf(acknowledged) instanceof java.util.concurrent.RejectedExecutionException) {
      // The log's queue is full: the commit seq stands, its record follows a little later.
      CompletableFuture.delayedExecutor(COMMIT_RETRY_MILLIS, TimeUnit.MILLISECONDS, executor)
          .execute(
              () -> {
                synchronized (lock) {
                  if (broken == null && commitSeq == seq) {
                    appendCommit(seq);
                  }
                }
              });
      return;
    }
    whenCommitAcknowledged(seq, acknowledged);
  }

  /** Once {@code acknowledged}, the record of a COMMIT at or above {@code seq}, is durable. */
  private void whenCommitAcknowledged(long seq, CompletableFuture<LogPosition> acknowledged) {
    if (handlingAcknowledgement
        && acknowledged.isDone()
        && !acknowledged.isCompletedExceptionally()) {
      acknowledgedCommits.addLast(seq);
      return;
    }
    acknowledged.whenCompleteAsync(
        (position, failure) -> {
          List<Runnable> outsideLock = new ArrayList<>();
          synchronized (lock) {
            if (failure != null) {
              breakWith(failure);
            } else if (broken == null) {
              listener.commitDurable(seq, outsideLock);
            }
          }
          outsideLock.forEach(Runnable::run);
        },
        LoopAffineExecutor.forCaller(executor));
  }

  @Override
  public EpochRecord epochRecord() {
    return epochRecord;
  }

  @Override
  public void storeEpochRecord(EpochRecord record) {
    requireUsable();
    await(log.append(ReplicationRecords.epochRecord(shard, record)), "the epoch record");
    epochRecord = record;
  }

  /**
   * Appends an EPOCH_RECORD without waiting, for promotions of many shards in one group commit:
   * once the returned future completed, the caller (holding the lock again) calls {@link
   * #epochRecordStored}. {@link #storeEpochRecord} is this plus the wait.
   */
  public CompletableFuture<LogPosition> appendEpochRecord(EpochRecord record) {
    requireUsable();
    return log.append(ReplicationRecords.epochRecord(shard, record));
  }

  /** The record of {@link #appendEpochRecord} is durable: it is the epoch record from now on. */
  public void epochRecordStored(EpochRecord record) {
    epochRecord = record;
  }

  private void breakWith(Throwable cause) {
    if (broken == null) {
      broken = cause;
      listener.failed(cause);
      List<CompletableFuture<Void>> failed = new ArrayList<>(durableWaiters.values());
      durableWaiters.clear();
      executor.execute(() -> failed.forEach(waiter -> waiter.completeExceptionally(cause)));
    }
  }

  private void requireUsable() {
    if (broken != null) {
      throw new IllegalStateException("the log of shard " + shard + " failed", broken);
    }
  }

  private static Throwable causeOf(CompletableFuture<?> failed) {
    try {
      failed.join();
      throw new IllegalStateException("not failed");
    } catch (CompletionException e) {
      return e.getCause() == null ? e : e.getCause();
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    }
  }

  private static RuntimeException asRuntime(Throwable cause) {
    return cause instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException("the node log refused a record", cause);
  }
}
