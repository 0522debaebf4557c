package io.switchboard.runtime.replication.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.replication.EpochRecord;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One shard's log over a real node log, with acknowledgements handled when the test says. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NodeShardLogTest {

  private static final int SHARD = 3;

  @TempDir Path directory;

  private final ManualExecutor executor = new ManualExecutor();
  private final Object lock = new Object();
  private final List<String> events = new ArrayList<>();
  private RecordingState state = new RecordingState();
  private ReplicatedShards shards = new ReplicatedShards(state);
  private DurableLog log;
  private NodeShardLog shardLog;

  /** The listener commits what became durable, as a sole voter's replica does. */
  private boolean commitWhenDurable;

  @AfterEach
  void close() {
    if (log != null) {
      log.halt();
    }
  }

  private void open() throws IOException {
    openWith(executor);
  }

  private void openWith(Executor acknowledgements) throws IOException {
    state = new RecordingState();
    shards = new ReplicatedShards(state);
    log = DurableLog.open(directory, LogOptions.defaults(), shards);
    shardLog = new NodeShardLog(SHARD, log, shards, acknowledgements, lock, listener());
  }

  private NodeShardLog.Listener listener() {
    return new NodeShardLog.Listener() {
      @Override
      public void durable() {
        events.add("durable " + shardLog.durableSeq());
        if (commitWhenDurable) {
          shardLog.commit(shardLog.durableSeq());
        }
      }

      @Override
      public void commitDurable(long seq, List<Runnable> outsideLock) {
        events.add("commit " + seq);
        if (commitWhenDurable) {
          outsideLock.add(
              () ->
                  events.add(
                      "after commit " + seq + (Thread.holdsLock(lock) ? " in the lock" : "")));
        }
      }

      @Override
      public void failed(Throwable cause) {
        events.add("failed");
      }
    };
  }

  @Test
  void entriesAreReadableAtOnceAndBecomeDurableInSeqOrderWhenAcknowledged() throws Exception {
    open();
    List<ShardEntry> entries = entries(1, 3, 1);
    synchronized (lock) {
      shardLog.append(entries);
      assertThat(shardLog.lastSeq()).isEqualTo(3);
      assertThat(shardLog.read(1, 1 << 20)).as("in flight, from memory").isEqualTo(entries);
    }
    awaitAcknowledged(3);
    synchronized (lock) {
      assertThat(shardLog.durableSeq()).as("acknowledgements not handled yet").isZero();
      assertThat(shardLog.read(2, 1 << 20)).isEqualTo(entries.subList(1, 3));
    }

    executor.runAll();

    assertThat(events).containsExactly("durable 3");
    synchronized (lock) {
      assertThat(shardLog.durableSeq()).isEqualTo(3);
      assertThat(shardLog.read(1, 1 << 20)).as("now from the log").isEqualTo(entries);
      assertThat(shardLog.read(1, 1)).as("at least one entry, then within the bytes").hasSize(1);
      assertThat(shardLog.epochOf(2)).isEqualTo(1);
      shardLog.append(entries(4, 4, 2));
      assertThat(shardLog.read(3, 1 << 20))
          .extracting(ShardEntry::seq)
          .as("durable and in-flight entries together")
          .containsExactly(3L, 4L);
      assertThat(shardLog.epochOf(4)).isEqualTo(2);
    }
    assertThat(state.seen()).as("nothing committed, nothing applied").isEmpty();
  }

  @Test
  void aCommitIsRecordedAndReportedOnceAcknowledgedWithItsEntriesApplied() throws Exception {
    open();
    synchronized (lock) {
      shardLog.append(entries(1, 3, 1));
    }
    awaitAcknowledged(3);
    executor.runAll();
    synchronized (lock) {
      shardLog.commit(2);
      assertThat(shardLog.commitSeq()).isEqualTo(2);
    }
    awaitCondition(() -> shards.commitSeq(SHARD) == 2);
    awaitCondition(() -> executor.pending() > 0);
    executor.runAll();

    assertThat(events).containsExactly("durable 3", "commit 2");
    assertThat(state.seen()).hasSize(2);
  }

  @Test
  void aSoleVotersEntriesAreCommittedByTheCommitWrittenBehindThemInTheSameGroupCommit()
      throws Exception {
    open();
    synchronized (lock) {
      shardLog.appendCommittedOnceDurable(entries(1, 1, 1));
      shardLog.appendCommittedOnceDurable(entries(2, 2, 1));
      assertThat(shardLog.commitSeq()).as("recorded only through commit()").isZero();
    }
    awaitCondition(() -> shards.commitSeq(SHARD) == 2);
    assertThat(state.seen()).as("applied by the COMMITs behind them").hasSize(2);
    assertThat(log.stats().records()).as("two entries, two COMMITs").isEqualTo(4);
    awaitAcknowledged(2);
    executor.runAll();
    assertThat(events).containsExactly("durable 2");

    synchronized (lock) {
      shardLog.commit(1);
      shardLog.commit(2);
      assertThat(shardLog.commitSeq()).isEqualTo(2);
    }
    awaitCondition(() -> executor.pending() == 2);
    executor.runAll();

    assertThat(events).containsExactly("durable 2", "commit 1", "commit 2");
    assertThat(log.stats().records()).as("the commits wrote nothing more").isEqualTo(4);
    synchronized (lock) {
      shardLog.appendCommittedOnceDurable(entries(3, 4, 1));
      shardLog.adoptPipelinedCommits();
      assertThat(shardLog.commitSeq())
          .as("a primary that stepped down leaves its COMMIT behind: recorded, not truncatable")
          .isEqualTo(4);
    }
    awaitCondition(() -> shards.commitSeq(SHARD) == 4);
    awaitCondition(() -> executor.pending() == 1);
    executor.runAll();
    assertThat(events)
        .as("durable, but not reported committed: a primary that stepped down acknowledges nothing")
        .containsExactly("durable 2", "commit 1", "commit 2", "durable 4");
    log.halt();

    open();

    synchronized (lock) {
      assertThat(shardLog.commitSeq()).isEqualTo(4);
      assertThat(shardLog.read(1, 1 << 20)).isEqualTo(entries(1, 4, 1));
    }
  }

  @Test
  void appendsWhileAnAcknowledgementIsAwaitedShareItsHandler() throws Exception {
    open();
    synchronized (lock) {
      for (long seq = 1; seq <= 5; seq++) {
        shardLog.append(entries(seq, seq, 1));
      }
    }
    awaitAcknowledged(5);

    executor.runAll();

    assertThat(events).containsExactly("durable 5");
    assertThat(executor.executed()).as("one handler for five appends").isEqualTo(1);
  }

  @Test
  void anEntryAppendedWhileTheHandlerWasDueBecomesDurableWithoutAnotherAppend() throws Exception {
    open();
    synchronized (lock) {
      shardLog.append(entries(1, 1, 1));
    }
    awaitAcknowledged(1);
    synchronized (lock) {
      shardLog.append(entries(2, 2, 1));
    }

    executor.runAll();
    awaitCondition(() -> events.contains("durable 2") || executor.pending() > 0);
    executor.runAll();

    assertThat(events).last().isEqualTo("durable 2");
    synchronized (lock) {
      assertThat(shardLog.durableSeq()).isEqualTo(2);
    }
  }

  @Test
  void aCommitAcknowledgedWithItsEntriesIsReportedInTheirTaskAndItsFollowUpRunsOutsideTheLock()
      throws Exception {
    open();
    commitWhenDurable = true;
    synchronized (lock) {
      shardLog.appendCommittedOnceDurable(entries(1, 2, 1));
    }
    // The log acknowledges in order: once a later record is, the entries and their COMMIT are.
    log.append(ReplicationRecords.entry(SHARD + 1, entries(1, 1, 1).get(0))).join();
    awaitCondition(() -> executor.pending() == 1);

    executor.runAll();

    assertThat(events).containsExactly("durable 2", "commit 2", "after commit 2");
    assertThat(executor.executed())
        .as("the entries' acknowledgement reported the commit: no task of its own")
        .isEqualTo(1);
  }

  @Test
  void theEpochRecordIsDurableWhenStoreReturnsAndEverythingSurvivesACrash() throws Exception {
    open();
    synchronized (lock) {
      shardLog.storeEpochRecord(new EpochRecord(5, 5));
      shardLog.append(entries(1, 3, 5));
    }
    awaitAcknowledged(3);
    executor.runAll();
    synchronized (lock) {
      shardLog.truncateAfter(2);
      assertThat(shardLog.lastSeq()).isEqualTo(2);
      assertThat(shardLog.durableSeq()).isEqualTo(2);
      shardLog.commit(1);
    }
    awaitCondition(() -> shards.commitSeq(SHARD) == 1);
    log.halt();

    open();

    assertThat(shards.epochRecord(SHARD)).isEqualTo(new EpochRecord(5, 5));
    synchronized (lock) {
      assertThat(shardLog.epochRecord()).isEqualTo(new EpochRecord(5, 5));
      assertThat(shardLog.lastSeq()).isEqualTo(2);
      assertThat(shardLog.durableSeq()).isEqualTo(2);
      assertThat(shardLog.commitSeq()).isEqualTo(1);
      assertThat(shardLog.read(1, 1 << 20)).isEqualTo(entries(1, 2, 5));
    }
    assertThat(state.seen()).hasSize(1);
  }

  /** Whether the test thread plays an event loop, for {@link #loopAffine}. */
  private volatile boolean onTheLoop;

  /** Tasks handed to the loop the test thread plays. */
  private final ManualExecutor loop = new ManualExecutor();

  /** Hands work off to {@link #loop} while the test thread plays it, else to the workers. */
  private final LoopAffineExecutor loopAffine =
      new LoopAffineExecutor() {
        @Override
        public void execute(Runnable task) {
          executor.execute(task);
        }

        @Override
        public Executor forCaller() {
          return onTheLoop ? loop : executor;
        }
      };

  @Test
  void anAcknowledgementIsHandledOnTheExecutorTheAppendingThreadIsGiven() throws Exception {
    openWith(loopAffine);
    commitWhenDurable = true;
    onTheLoop = true;
    synchronized (lock) {
      shardLog.appendCommittedOnceDurable(entries(1, 1, 1));
    }
    runUntilEvent(loop, "after commit 1");

    assertThat(events).containsExactly("durable 1", "commit 1", "after commit 1");
    assertThat(executor.executed()).as("nothing handed to the workers").isZero();
    int loopTasks = loop.executed();

    onTheLoop = false;
    synchronized (lock) {
      shardLog.appendCommittedOnceDurable(entries(2, 2, 1));
    }
    runUntilEvent(executor, "after commit 2");

    assertThat(events)
        .containsExactly(
            "durable 1", "commit 1", "after commit 1", "durable 2", "commit 2", "after commit 2");
    assertThat(loop.executed())
        .as("an append made off the loop is handled on the workers")
        .isEqualTo(loopTasks);
  }

  /** Runs what {@code tasks} gets until {@code event} happened. */
  private void runUntilEvent(ManualExecutor tasks, String event) {
    awaitCondition(
        () -> {
          tasks.runAll();
          return events.contains(event);
        });
  }

  private void awaitAcknowledged(long seq) {
    awaitCondition(() -> shards.lastSeq(SHARD) >= seq);
    // The log applies a batch just before acknowledging it.
    awaitCondition(() -> executor.pending() > 0);
    awaitCondition(
        () -> {
          synchronized (lock) {
            return shardLog.acknowledgementOf(seq).isDone();
          }
        });
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(1))
        .until(condition::getAsBoolean);
  }

  private static List<ShardEntry> entries(long from, long to, long epoch) {
    List<ShardEntry> entries = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      entries.add(new ShardEntry(seq, epoch, 2, new byte[] {(byte) seq, 42}));
    }
    return entries;
  }

  /** Runs tasks only when the test says so. */
  private static final class ManualExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private int executed;

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(task);
    }

    synchronized int pending() {
      return tasks.size();
    }

    void runAll() {
      Runnable task;
      while ((task = next()) != null) {
        task.run();
      }
    }

    synchronized int executed() {
      return executed;
    }

    private synchronized Runnable next() {
      Runnable task = tasks.poll();
      if (task != null) {
        executed++;
      }
      return task;
    }
  }
}
