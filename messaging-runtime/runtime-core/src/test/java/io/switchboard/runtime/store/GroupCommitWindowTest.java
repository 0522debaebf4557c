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

  private static final long SPACING_MILLIS = 40;

  @TempDir Path node;

  @Test
  void appendsArrivingApartWithinTheWindowShareOneFsync() throws Exception {
    try (DurableLog log =
        DurableLog.open(node, windowOf(Duration.ofSeconds(2)), new RecordingStateMachine())) {
      log.append(entry(0)).join();
      long fsyncsBefore = log.stats().fsyncs();

      List<CompletableFuture<LogPosition>> spaced = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        spaced.add(log.append(entry(i)));
        Thread.sleep(SPACING_MILLIS);
      }
      CompletableFuture.allOf(spaced.toArray(CompletableFuture[]::new)).join();

      assertThat(log.stats().fsyncs() - fsyncsBefore)
          .as(
              "three appends %d ms apart, all within the window after the first sync",
              SPACING_MILLIS)
          .isEqualTo(1);
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
