package io.switchboard.runtime.store;

import static io.switchboard.runtime.store.TestLogs.appendAll;
import static io.switchboard.runtime.store.TestLogs.entry;
import static io.switchboard.runtime.store.TestLogs.readAll;
import static io.switchboard.runtime.store.TestLogs.smallSegments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DurableLogTest {

  @TempDir Path node;

  @Test
  void readsBackEveryRecordAcrossSegmentRolls() throws IOException {
    try (DurableLog log = DurableLog.open(node, smallSegments(), new RecordingStateMachine())) {
      List<LogRecord> written = appendAll(log, 0, 60);

      assertThat(segmentFiles()).hasSizeGreaterThan(10);
      assertThat(written.get(0).position()).isEqualTo(LogPosition.START);
      for (int i = 1; i < written.size(); i++) {
        assertThat(written.get(i).position()).isEqualTo(written.get(i - 1).nextPosition());
      }
      for (LogRecord record : written) {
        assertThat(log.read(record.position())).isEqualTo(record);
      }
      assertThat(readAll(log)).isEqualTo(written);
      assertThat(log.endPosition()).isEqualTo(written.get(59).nextPosition());
    }
  }

  @Test
  void keepsPositionsAndRecordsAcrossReopen() throws IOException {
    List<LogRecord> written;
    try (DurableLog log = DurableLog.open(node, smallSegments(), new RecordingStateMachine())) {
      written = appendAll(log, 0, 25);
    }

    try (DurableLog log = DurableLog.open(node, smallSegments(), new RecordingStateMachine())) {
      assertThat(readAll(log)).isEqualTo(written);
      assertThat(log.append(entry(25)).join()).isEqualTo(written.get(24).nextPosition());
    }
  }

  @Test
  void appliesEveryRecordToTheStateMachineBeforeAcknowledgingIt() throws IOException {
    RecordingStateMachine stateMachine = new RecordingStateMachine();
    try (DurableLog log = DurableLog.open(node, smallSegments(), stateMachine)) {
      for (int i = 0; i < 10; i++) {
        LogPosition position = log.append(entry(i)).join();

        assertThat(stateMachine.applied()).hasSize(i + 1);
        assertThat(stateMachine.applied().get(i)).isEqualTo(new LogRecord(position, entry(i)));
      }
    }
  }

  @Test
  void iteratesFromAnyRecordAndSeesRecordsAcknowledgedWhileIterating() throws IOException {
    try (DurableLog log = DurableLog.open(node, smallSegments(), new RecordingStateMachine())) {
      List<LogRecord> written = appendAll(log, 0, 20);
      Iterator<LogRecord> fromMiddle = log.readFrom(written.get(12).position());
      for (int i = 12; i < 20; i++) {
        assertThat(fromMiddle.next()).isEqualTo(written.get(i));
      }
      assertThat(fromMiddle.hasNext()).isFalse();

      LogPosition appended = log.append(entry(20)).join();

      assertThat(fromMiddle.hasNext()).isTrue();
      assertThat(fromMiddle.next()).isEqualTo(new LogRecord(appended, entry(20)));
      assertThat(log.readFrom(log.endPosition()).hasNext()).isFalse();
    }
  }

  @Test
  void refusesReadsOutsideTheLogAndWhereNoRecordStarts() throws IOException {
    try (DurableLog log = DurableLog.open(node, smallSegments(), new RecordingStateMachine())) {
      List<LogRecord> written = appendAll(log, 0, 3);

      assertThatThrownBy(() -> log.read(log.endPosition()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> log.readFrom(new LogPosition(log.endPosition().offset() + 1)))
          .isInstanceOf(IllegalArgumentException.class);
      LogPosition insideARecord = new LogPosition(written.get(1).position().offset() + 3);
      assertThatThrownBy(() -> log.read(insideARecord))
          .isInstanceOfSatisfying(
              CorruptRecordException.class, e -> assertThat(e.position()).isEqualTo(insideARecord));
    }
  }

  @Test
  void rejectsAPayloadAboveTheLimitBeforeQueueingIt() throws IOException {
    LogOptions options = smallSegments().withMaxPayloadBytes(10);
    try (DurableLog log = DurableLog.open(node, options, new RecordingStateMachine())) {
      assertThatThrownBy(() -> log.append(new LogEntry(1, 0, 0, new byte[11])))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("11 bytes");
      assertThat(log.append(new LogEntry(1, 0, 0, new byte[10])).join())
          .isEqualTo(LogPosition.START);
    }
  }

  @Test
  void truncateAfterDropsTheSuffixDurablyAndAppendsContinueAtTheNewEnd() throws IOException {
    RecordingStateMachine stateMachine = new RecordingStateMachine();
    List<LogRecord> kept;
    LogRecord appendedAfter;
    try (DurableLog log = DurableLog.open(node, smallSegments(), stateMachine)) {
      List<LogRecord> written = appendAll(log, 0, 30);
      int segmentsBefore = segmentFiles().size();
      kept = written.subList(0, 10);

      LogPosition newEnd = log.truncateAfter(written.get(9).position()).join();

      assertThat(newEnd).isEqualTo(written.get(9).nextPosition());
      assertThat(log.endPosition()).isEqualTo(newEnd);
      assertThat(readAll(log)).isEqualTo(kept);
      assertThat(stateMachine.applied()).isEqualTo(kept);
      assertThat(segmentFiles()).hasSizeLessThan(segmentsBefore);
      assertThatThrownBy(() -> log.read(written.get(10).position()))
          .isInstanceOf(IllegalArgumentException.class);
      appendedAfter = new LogRecord(log.append(entry(99)).join(), entry(99));
      assertThat(appendedAfter.position()).isEqualTo(newEnd);
    }

    try (DurableLog log = DurableLog.open(node, smallSegments(), new RecordingStateMachine())) {
      assertThat(readAll(log))
          .isEqualTo(Stream.concat(kept.stream(), Stream.of(appendedAfter)).toList());
    }
  }

  @Test
  void recordsDroppedByATruncationNeverComeBackAfterACrash() throws IOException {
    List<LogRecord> kept;
    LogRecord shorter;
    try (DurableLog log =
        DurableLog.open(node, LogOptions.defaults(), new RecordingStateMachine())) {
      List<LogRecord> written = appendAll(log, 0, 10);
      kept = written.subList(0, 3);
      log.truncateAfter(written.get(2).position()).join();
      // Shorter than the dropped record it replaces, so a dropped record's bytes would follow it
      // if the truncation had only moved the end within space written ahead.
      LogEntry small = new LogEntry(1, 0, 0, new byte[] {1});
      shorter = new LogRecord(log.append(small).join(), small);
      log.halt();
    }

    try (DurableLog log =
        DurableLog.open(node, LogOptions.defaults(), new RecordingStateMachine())) {
      assertThat(readAll(log)).isEqualTo(Stream.concat(kept.stream(), Stream.of(shorter)).toList());
      assertThat(log.recoveryReport().truncated()).isFalse();
    }
  }

  @Test
  void truncateAfterTheLastRecordChangesNothing() throws IOException {
    try (DurableLog log = DurableLog.open(node, smallSegments(), new RecordingStateMachine())) {
      List<LogRecord> written = appendAll(log, 0, 5);

      assertThat(log.truncateAfter(written.get(4).position()).join())
          .isEqualTo(written.get(4).nextPosition());
      assertThat(readAll(log)).isEqualTo(written);
    }
  }

  @Test
  void truncateAfterAPositionWhereNoRecordStartsFailsAndChangesNothing() throws IOException {
    try (DurableLog log = DurableLog.open(node, smallSegments(), new RecordingStateMachine())) {
      List<LogRecord> written = appendAll(log, 0, 5);
      LogPosition insideARecord = new LogPosition(written.get(2).position().offset() + 1);

      assertThatThrownBy(() -> log.truncateAfter(insideARecord).join())
          .hasCauseInstanceOf(CorruptRecordException.class);
      assertThatThrownBy(() -> log.truncateAfter(log.endPosition()).join())
          .hasCauseInstanceOf(IllegalArgumentException.class);
      assertThat(readAll(log)).isEqualTo(written);
      assertThat(log.append(entry(5)).join()).isEqualTo(written.get(4).nextPosition());
    }
  }

  @Test
  void aCursorCreatedBeforeATruncationRefusesToContinue() throws IOException {
    try (DurableLog log = DurableLog.open(node, smallSegments(), new RecordingStateMachine())) {
      List<LogRecord> written = appendAll(log, 0, 10);
      Iterator<LogRecord> cursor = log.readFrom(LogPosition.START);
      cursor.next();

      log.truncateAfter(written.get(3).position()).join();

      assertThatThrownBy(cursor::hasNext).isInstanceOf(ConcurrentModificationException.class);
    }
  }

  @Test
  void countsRecordsBytesAndFsyncs() throws IOException {
    try (DurableLog log = DurableLog.open(node, smallSegments(), new RecordingStateMachine())) {
      for (int i = 0; i < 10; i++) {
        log.append(entry(i)).join();
      }

      LogStats stats = log.stats();
      assertThat(stats.records()).isEqualTo(10);
      assertThat(stats.bytes()).isEqualTo(log.endPosition().offset());
      assertThat(stats.fsyncs()).isEqualTo(10);
      assertThat(stats.recordsPerFsync()).isEqualTo(1.0);
    }
  }

  @Test
  void intervalPolicyAcknowledgesWrittenRecordsAndSyncsOnlyWhenTheIntervalIsDue()
      throws IOException {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
    LogOptions options = smallSegments().withFsyncPolicy(FsyncPolicy.interval(Duration.ofHours(1)));
    try (DurableLog log =
        DurableLog.open(FileLogStorage.open(node), options, clock, new RecordingStateMachine())) {
      for (int i = 0; i < 5; i++) {
        log.append(entry(i)).join();
      }
      assertThat(log.stats().records()).isEqualTo(5);
      assertThat(log.stats().fsyncs()).isZero();

      clock.advance(Duration.ofHours(1));
      log.append(entry(5)).join();

      assertThat(log.stats().fsyncs()).isEqualTo(1);
    }
  }

  @Test
  void aFailedFsyncFailsItsAppendsAndStopsTheLog() throws IOException {
    ControlledFsyncStorage storage = new ControlledFsyncStorage(FileLogStorage.open(node));
    DurableLog log =
        DurableLog.open(storage, smallSegments(), Clock.systemUTC(), new RecordingStateMachine());
    log.append(entry(0)).join();
    storage.beforeEveryForce(
        () -> {
          throw new IOException("disk on fire");
        });

    CompletableFuture<LogPosition> failed = log.append(entry(1));

    assertThatThrownBy(failed::join).hasRootCauseMessage("disk on fire");
    assertThatThrownBy(() -> log.append(entry(2)).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(log::close)
        .isInstanceOf(IOException.class)
        .hasRootCauseMessage("disk on fire");
  }

  @Test
  void refusesAppendsAfterCloseAndClosesOnlyOnce() throws IOException {
    DurableLog log = DurableLog.open(node, smallSegments(), new RecordingStateMachine());
    log.append(entry(0)).join();

    log.close();
    log.close();

    assertThatThrownBy(() -> log.append(entry(1)).join())
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(node.resolve("log"))) {
      return files.filter(file -> file.toString().endsWith(".seg")).toList();
    }
  }
}
