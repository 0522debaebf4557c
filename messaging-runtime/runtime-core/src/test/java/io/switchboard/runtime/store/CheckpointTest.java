package io.switchboard.runtime.store;

import static io.switchboard.runtime.store.TestLogs.appendAll;
import static io.switchboard.runtime.store.TestLogs.assertIndexes;
import static io.switchboard.runtime.store.TestLogs.copyNode;
import static io.switchboard.runtime.store.TestLogs.cutLogAt;
import static io.switchboard.runtime.store.TestLogs.newIndexer;
import static io.switchboard.runtime.store.TestLogs.smallSegments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.store.RecoveryReport.CheckpointOutcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CheckpointTest {

  @TempDir Path temp;

  private Path node;

  @BeforeEach
  void nodeDirectory() {
    node = temp.resolve("node");
  }

  @Test
  void aCheckpointPlusTheReplayOfTheTailRebuildsTheSameIndexAsAFullReplay() throws IOException {
    List<LogRecord> written = writeCheckpointAt(200, 300);
    Path withoutCheckpoint = copyNode(node, temp.resolve("without-checkpoint"));
    Files.delete(withoutCheckpoint.resolve("log").resolve("checkpoint"));

    MailboxIndexer fromCheckpoint = newIndexer();
    try (DurableLog log = DurableLog.open(node, smallSegments(), fromCheckpoint)) {
      RecoveryReport report = log.recoveryReport();
      assertThat(report.checkpoint()).isEqualTo(CheckpointOutcome.USED);
      assertThat(report.replayedFrom()).isEqualTo(written.get(200).position());
      assertThat(report.recordsReplayed()).isEqualTo(100);
    }
    MailboxIndexer fullReplay = newIndexer();
    try (DurableLog log = DurableLog.open(withoutCheckpoint, smallSegments(), fullReplay)) {
      assertThat(log.recoveryReport().checkpoint()).isEqualTo(CheckpointOutcome.ABSENT);
      assertThat(log.recoveryReport().recordsReplayed()).isEqualTo(300);
    }
    assertIndexes(fromCheckpoint, written);
    assertIndexes(fullReplay, written);
  }

  @Test
  void aCorruptCheckpointFallsBackToAFullReplayAndIsReplaced() throws IOException {
    List<LogRecord> written = writeCheckpointAt(50, 80);
    Path checkpoint = node.resolve("log").resolve("checkpoint");
    try (FileChannel channel = FileChannel.open(checkpoint, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), Files.size(checkpoint) / 2);
    }

    MailboxIndexer rebuilt = newIndexer();
    try (DurableLog log = DurableLog.open(node, smallSegments(), rebuilt)) {
      assertThat(log.recoveryReport().checkpoint()).isEqualTo(CheckpointOutcome.CORRUPT);
      assertThat(log.recoveryReport().recordsReplayed()).isEqualTo(80);
      assertIndexes(rebuilt, written);
      log.halt();
    }

    try (DurableLog log = DurableLog.open(node, smallSegments(), newIndexer())) {
      assertThat(log.recoveryReport().checkpoint()).isEqualTo(CheckpointOutcome.USED);
      assertThat(log.recoveryReport().recordsReplayed()).isZero();
    }
  }

  @Test
  void aCheckpointBeyondTheRecoveredEndIsNeverApplied() throws IOException {
    List<LogRecord> written = writeCheckpointAt(50, 50);
    cutLogAt(node, written.get(40).position().offset());

    List<LogRecord> rewritten;
    MailboxIndexer rebuilt = newIndexer();
    try (DurableLog log = DurableLog.open(node, smallSegments(), rebuilt)) {
      assertThat(log.recoveryReport().checkpoint()).isEqualTo(CheckpointOutcome.OUTSIDE_LOG);
      assertIndexes(rebuilt, written.subList(0, 40));
      rewritten = appendAll(log, 1000, 1020);
      log.halt();
    }

    MailboxIndexer afterCrash = newIndexer();
    try (DurableLog log = DurableLog.open(node, smallSegments(), afterCrash)) {
      assertIndexes(
          afterCrash, Stream.concat(written.subList(0, 40).stream(), rewritten.stream()).toList());
    }
  }

  @Test
  void truncatingBelowTheCheckpointReplacesItBeforeCuttingTheFiles() throws IOException {
    List<LogRecord> kept;
    List<LogRecord> appended;
    try (DurableLog log = DurableLog.open(node, smallSegments(), newIndexer())) {
      List<LogRecord> written = appendAll(log, 0, 40);
      log.checkpoint().join();
      log.truncateAfter(written.get(19).position()).join();
      kept = written.subList(0, 20);
      appended = appendAll(log, 500, 540);
      log.halt();
    }

    MailboxIndexer rebuilt = newIndexer();
    try (DurableLog log = DurableLog.open(node, smallSegments(), rebuilt)) {
      assertThat(log.recoveryReport().checkpoint()).isEqualTo(CheckpointOutcome.USED);
      assertThat(log.recoveryReport().replayedFrom()).isEqualTo(kept.get(19).nextPosition());
      assertIndexes(rebuilt, Stream.concat(kept.stream(), appended.stream()).toList());
    }
  }

  @Test
  void checkpointsStartOnTheirOwnEveryConfiguredNumberOfBytes() throws IOException {
    LogOptions options = smallSegments().withCheckpointEveryBytes(500);
    try (DurableLog log = DurableLog.open(node, options, newIndexer())) {
      appendAll(log, 0, 40);

      log.checkpoint().join();

      assertThat(log.stats().checkpoints()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void closingPublishesAFinalCheckpointSoTheNextOpenReplaysNothing() throws IOException {
    List<LogRecord> written;
    try (DurableLog log = DurableLog.open(node, smallSegments(), newIndexer())) {
      written = appendAll(log, 0, 30);
    }

    MailboxIndexer restored = newIndexer();
    try (DurableLog log = DurableLog.open(node, smallSegments(), restored)) {
      assertThat(log.recoveryReport().checkpoint()).isEqualTo(CheckpointOutcome.USED);
      assertThat(log.recoveryReport().replayedFrom()).isEqualTo(log.endPosition());
      assertThat(log.recoveryReport().recordsReplayed()).isZero();
      assertIndexes(restored, written);
    }
  }

  @Test
  void aRequestedCheckpointIsPacedUntilClosingFinishesItAtFullSpeed() throws Exception {
    // One byte a second: the checkpoint's first check interval alone would take three days, so
    // only the hurry that close gives it lets this test end within its timeout.
    LogOptions crawling = LogOptions.defaults().withCheckpointBytesPerSecond(1);
    List<LogRecord> written = new ArrayList<>();
    CompletableFuture<LogPosition> checkpoint;
    LogPosition end;
    try (DurableLog log = DurableLog.open(node, crawling, new RecordingStateMachine())) {
      for (int i = 0; i < 65; i++) {
        LogEntry entry = new LogEntry(TestLogs.MAILBOX_RECORD, i, 1, new byte[16 << 10]);
        written.add(new LogRecord(log.append(entry).join(), entry));
      }
      // A truncation waits for checkpoints at full speed; the pace must come back after it.
      log.truncateAfter(written.get(63).position()).join();
      written.remove(64);
      end = log.endPosition();
      checkpoint = log.checkpoint();

      assertThatThrownBy(() -> checkpoint.get(300, TimeUnit.MILLISECONDS))
          .isInstanceOf(TimeoutException.class);
    }

    assertThat(checkpoint).isCompletedWithValue(end);
    RecordingStateMachine restored = new RecordingStateMachine();
    try (DurableLog log = DurableLog.open(node, crawling, restored)) {
      assertThat(log.recoveryReport().checkpoint()).isEqualTo(CheckpointOutcome.USED);
      assertThat(log.recoveryReport().recordsReplayed()).isZero();
    }
    assertThat(restored.applied()).isEqualTo(written);
  }

  /**
   * Writes {@code total} records with a checkpoint after the first {@code checkpointed}, then halts
   * the log: the files are what a crash would leave.
   */
  private List<LogRecord> writeCheckpointAt(int checkpointed, int total) throws IOException {
    DurableLog log = DurableLog.open(node, smallSegments(), newIndexer());
    List<LogRecord> written = new ArrayList<>(appendAll(log, 0, checkpointed));
    log.checkpoint().join();
    written.addAll(appendAll(log, checkpointed, total));
    log.halt();
    return written;
  }
}
