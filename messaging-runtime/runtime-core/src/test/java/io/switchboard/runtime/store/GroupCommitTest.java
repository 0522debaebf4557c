package io.switchboard.runtime.store;

import static io.switchboard.runtime.store.TestLogs.entry;
import static io.switchboard.runtime.store.TestLogs.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GroupCommitTest {

  private static final LogOptions OPTIONS =
      LogOptions.defaults().withCheckpointEveryBytes(Long.MAX_VALUE);

  @TempDir Path node;

  private final CountDownLatch insideFirstFsync = new CountDownLatch(1);
  private final CountDownLatch releaseFirstFsync = new CountDownLatch(1);
  private ControlledFsyncStorage storage;
  private DurableLog log;

  /** The first segment fsync waits until the test releases it; later ones run freely. */
  @BeforeEach
  void holdTheFirstFsync() throws IOException {
    storage = new ControlledFsyncStorage(FileLogStorage.open(node));
    AtomicBoolean first = new AtomicBoolean(true);
    storage.beforeEveryForce(
        () -> {
          if (first.getAndSet(false)) {
            insideFirstFsync.countDown();
            try {
              releaseFirstFsync.await();
            } catch (InterruptedException e) {
              throw new InterruptedIOException("fsync interrupted");
            }
          }
        });
    log = DurableLog.open(storage, OPTIONS, Clock.systemUTC(), new RecordingStateMachine());
  }

  @AfterEach
  void closeLog() throws IOException {
    releaseFirstFsync.countDown();
    log.close();
  }

  @Test
  void appendsQueuedDuringAnFsyncShareTheNextFsync() throws Exception {
    CompletableFuture<LogPosition> first = log.append(entry(0));
    awaitFirstFsync();
    List<CompletableFuture<LogPosition>> queued = appendConcurrently(16, 4);

    assertThat(first).isNotDone();
    assertThat(queued).noneMatch(CompletableFuture::isDone);
    releaseFirstFsync.countDown();
    CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).join();

    LogStats stats = log.stats();
    assertThat(stats.records()).isEqualTo(65);
    assertThat(stats.fsyncs()).isEqualTo(2);
    assertThat(stats.recordsPerFsync()).isEqualTo(32.5);
    assertThat(first.join()).isEqualTo(LogPosition.START);
    assertThat(readAll(log)).hasSize(65);
  }

  @Test
  void acknowledgesInPositionOrder() throws Exception {
    List<LogPosition> acknowledgements = Collections.synchronizedList(new ArrayList<>());
    log.append(entry(0)).thenAccept(acknowledgements::add);
    awaitFirstFsync();
    List<CompletableFuture<LogPosition>> queued = appendConcurrently(8, 8);
    // Wait for the recording callbacks, not the appends: a callback may still be running when
    // allOf over the appends has completed.
    CompletableFuture<?>[] recorded =
        queued.stream()
            .map(future -> future.thenAccept(acknowledgements::add))
            .toArray(CompletableFuture[]::new);

    releaseFirstFsync.countDown();
    CompletableFuture.allOf(recorded).join();

    assertThat(acknowledgements).hasSize(65).isSorted();
  }

  @Test
  void rejectsAppendsBeyondTheQueueBound() throws Exception {
    log.close();
    log =
        DurableLog.open(
            storage,
            OPTIONS.withMaxQueuedCommands(2),
            Clock.systemUTC(),
            new RecordingStateMachine());
    CompletableFuture<LogPosition> inFsync = log.append(entry(0));
    awaitFirstFsync();

    CompletableFuture<LogPosition> second = log.append(entry(1));
    CompletableFuture<LogPosition> third = log.append(entry(2));
    CompletableFuture<LogPosition> rejected = log.append(entry(3));

    assertThatThrownBy(rejected::join).hasCauseInstanceOf(RejectedExecutionException.class);
    releaseFirstFsync.countDown();
    assertThat(List.of(inFsync.join(), second.join(), third.join())).isSorted();
  }

  @Test
  void appendersWaitingForTheirAcknowledgementsShareFsyncs() throws Exception {
    releaseFirstFsync.countDown();
    List<LogPosition> acknowledged = Collections.synchronizedList(new ArrayList<>());
    List<Thread> appenders = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int first = t * 50;
      Thread appender =
          new Thread(
              () -> {
                for (int i = first; i < first + 50; i++) {
                  acknowledged.add(log.append(entry(i)).join());
                }
              });
      appender.start();
      appenders.add(appender);
    }
    for (Thread appender : appenders) {
      appender.join();
    }

    LogStats stats = log.stats();
    assertThat(stats.records()).isEqualTo(400);
    assertThat(stats.recordsPerFsync()).isGreaterThan(1.0);
    assertThat(acknowledged).doesNotHaveDuplicates().hasSize(400);
  }

  @Test
  void haltFailsAppendsThatWereNotAcknowledged() throws Exception {
    CompletableFuture<LogPosition> inFsync = log.append(entry(0));
    awaitFirstFsync();
    CompletableFuture<LogPosition> queued = log.append(entry(1));

    log.halt();

    assertThatThrownBy(inFsync::join).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(queued::join).hasMessageContaining("halted");
    assertThatThrownBy(() -> log.append(entry(2)).join()).hasMessageContaining("halted");
  }

  private void awaitFirstFsync() throws InterruptedException {
    assertThat(insideFirstFsync.await(10, TimeUnit.SECONDS))
        .as("the writer reached its first fsync")
        .isTrue();
  }

  /** Starts {@code threads} threads appending {@code each} entries; returns once all are queued. */
  private List<CompletableFuture<LogPosition>> appendConcurrently(int threads, int each)
      throws InterruptedException {
    List<CompletableFuture<LogPosition>> futures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> appenders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = 1 + t * each;
      Thread appender =
          new Thread(
              () -> {
                for (int i = first; i < first + each; i++) {
                  futures.add(log.append(entry(i)));
                }
              });
      appender.start();
      appenders.add(appender);
    }
    for (Thread appender : appenders) {
      appender.join();
    }
    return new ArrayList<>(futures);
  }
}
