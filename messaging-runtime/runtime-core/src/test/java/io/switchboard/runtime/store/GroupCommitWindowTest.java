package io.switchboard.runtime.store;

import static io.switchboard.runtime.store.TestLogs.entry;
import static io.switchboard.runtime.store.TestLogs.readAll;
import static io.switchboard.runtime.store.TestLogs.smallSegments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit with a commit window: appends that arrive within the window after a sync started
 * share the next fsync, and a command that is not an append ends the wait at once. The windows here
 * are long (seconds, an hour) and the appends close together (tens of milliseconds), so the outcome
 * does not depend on the machine's speed.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GroupCommitWindowTest {

  @TempDir Path node;

  @Test
  void appendsWithinTheWindowWaitAndShareOneFsync() throws Exception {
    try (DurableLog log =
        DurableLog.open(node, windowOf(Duration.ofHours(1)), new RecordingStateMachine())) {
      log.append(entry(0)).join();
      long fsyncsBefore = log.stats().fsyncs();

      List<CompletableFuture<LogPosition>> gathered = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        gathered.add(log.append(entry(i)));
      }
      assertThat(gathered).as("waiting for the window").noneMatch(CompletableFuture::isDone);
      log.checkpoint().join();

      assertThat(gathered)
          .allMatch(appended -> appended.isDone() && !appended.isCompletedExceptionally());
      assertThat(log.stats().fsyncs() - fsyncsBefore)
          .as("the three appends of the window, in one fsync")
          .isEqualTo(1);
    }
  }

  @Test
  void aFullQueueEndsTheWait() throws Exception {
    LogOptions smallQueue = windowOf(Duration.ofHours(1)).withMaxQueuedCommands(8);
    // Five appends: the writer may have taken the first, leaving four queued, half of eight.
    try (DurableLog log = DurableLog.open(node, smallQueue, new RecordingStateMachine())) {
      log.append(entry(0)).join();

      List<CompletableFuture<LogPosition>> appended = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        appended.add(log.append(entry(i)));
      }

      CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).join();
      assertThat(appended).noneMatch(CompletableFuture::isCompletedExceptionally);
    }
  }

  @Test
  void withoutAWindowEachAppendWaitedForIsSyncedAtOnce() throws Exception {
    try (DurableLog log =
        DurableLog.open(node, windowOf(Duration.ZERO), new RecordingStateMachine())) {
      log.append(entry(0)).join();
      long fsyncsBefore = log.stats().fsyncs();

      for (int i = 1; i <= 3; i++) {
        log.append(entry(i)).join();
      }

      assertThat(log.stats().fsyncs() - fsyncsBefore).isEqualTo(3);
    }
  }

  @Test
  void aCheckpointEndsTheWaitAndTheGatheredAppendIsDurable() throws Exception {
    try (DurableLog log =
        DurableLog.open(node, windowOf(Duration.ofHours(1)), new RecordingStateMachine())) {
      log.append(entry(0)).join();
      CompletableFuture<LogPosition> gathered = log.append(entry(1));

      LogPosition covered = log.checkpoint().join();

      assertThat(gathered)
          .isCompletedWithValueMatching(position -> position.compareTo(covered) < 0);
    }
  }

  @Test
  void closingEndsTheWaitAndKeepsTheGatheredAppend() throws Exception {
    List<LogRecord> written;
    CompletableFuture<LogPosition> gathered;
    try (DurableLog log =
        DurableLog.open(node, windowOf(Duration.ofHours(1)), new RecordingStateMachine())) {
      log.append(entry(0)).join();
      gathered = log.append(entry(1));
    }

    assertThat(gathered).isCompleted();
    try (DurableLog log =
        DurableLog.open(node, windowOf(Duration.ofHours(1)), new RecordingStateMachine())) {
      written = readAll(log);
    }
    assertThat(written).extracting(LogRecord::entry).containsExactly(entry(0), entry(1));
  }

  @Test
  void refusesANegativeWindow() {
    assertThatThrownBy(() -> FsyncPolicy.groupCommit(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static LogOptions windowOf(Duration window) {
    return smallSegments().withFsyncPolicy(FsyncPolicy.groupCommit(window));
  }
}
