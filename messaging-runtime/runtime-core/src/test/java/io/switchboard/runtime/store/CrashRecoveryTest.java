package io.switchboard.runtime.store;

import static io.switchboard.runtime.store.TestLogs.appendAll;
import static io.switchboard.runtime.store.TestLogs.copyNode;
import static io.switchboard.runtime.store.TestLogs.cutLogAt;
import static io.switchboard.runtime.store.TestLogs.flipBit;
import static io.switchboard.runtime.store.TestLogs.readAll;
import static io.switchboard.runtime.store.TestLogs.smallSegments;
import static io.switchboard.runtime.store.TestLogs.writtenBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.store.RecoveryReport.CheckpointOutcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes simulated on the files of a halted log: a checkpoint after 15 of 20 acknowledged records,
 * then the files cut or damaged in every way a crash or a bad disk can, then reopened.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CrashRecoveryTest {

  private static final int RECORDS = 20;
  private static final int CHECKPOINTED = 15;

  @TempDir Path temp;

  private Path crashed;
  private List<LogRecord> written;

  @BeforeEach
  void writeAndHalt() throws IOException {
    crashed = temp.resolve("crashed");
    DurableLog log = DurableLog.open(crashed, smallSegments(), new RecordingStateMachine());
    written = new ArrayList<>(appendAll(log, 0, CHECKPOINTED));
    log.checkpoint().join();
    written.addAll(appendAll(log, CHECKPOINTED, RECORDS));
    log.halt();
  }

  @Test
  void aCutAtEveryByteOfTheLastRecordsKeepsExactlyTheRecordsBeforeIt() throws IOException {
    long from = written.get(RECORDS - 3).position().offset();
    long end = written.get(RECORDS - 1).nextPosition().offset();

    for (long cut = from; cut <= end; cut++) {
      Path node = copyNode(crashed, temp.resolve("cut-" + cut));
      cutLogAt(node, cut);
      List<LogRecord> survivors = recordsEndingBy(cut);
      long survivingEnd = survivors.get(survivors.size() - 1).nextPosition().offset();

      RecordingStateMachine rebuilt = new RecordingStateMachine();
      try (DurableLog log = DurableLog.open(node, smallSegments(), rebuilt)) {
        RecoveryReport report = log.recoveryReport();
        assertThat(rebuilt.applied()).as("cut at %d", cut).isEqualTo(survivors);
        assertThat(readAll(log)).as("cut at %d", cut).isEqualTo(survivors);
        assertThat(report.checkpoint()).isEqualTo(CheckpointOutcome.USED);
        assertThat(report.end().offset()).isEqualTo(survivingEnd);
        // A torn record whose last bytes are zeros looks like written-ahead space there.
        long written = writtenBytes(crashed, survivingEnd, cut);
        assertThat(report.truncatedBytes()).as("cut at %d", cut).isEqualTo(written);
        assertThat(report.truncationReason().isPresent()).isEqualTo(written > 0);
        assertThat(logFileBytes(node))
            .as("nothing of a torn record stays on disk after a cut at %d", cut)
            .isEqualTo(survivingEnd);
      }
    }
  }

  @Test
  void aFlippedBitAnywhereInTheLastRecordDropsExactlyThatRecord() throws IOException {
    LogRecord last = written.get(RECORDS - 1);
    long from = last.position().offset();
    long end = last.nextPosition().offset();

    for (long bit = from * 8; bit < end * 8; bit++) {
      Path node = copyNode(crashed, temp.resolve("bit-" + bit));
      flipBit(node, bit / 8, (int) (bit % 8));

      RecordingStateMachine rebuilt = new RecordingStateMachine();
      try (DurableLog log = DurableLog.open(node, smallSegments(), rebuilt)) {
        assertThat(rebuilt.applied()).as("bit %d", bit).isEqualTo(written.subList(0, RECORDS - 1));
        assertThat(log.recoveryReport().truncatedBytes()).isEqualTo(end - from);
        assertThat(log.endPosition()).isEqualTo(last.position());
      }
    }
  }

  @Test
  void aFlippedBitInAnEarlierRecordDropsItAndEverythingAfterIt() throws IOException {
    LogRecord damaged = written.get(RECORDS - 4);
    long from = damaged.position().offset();
    long end = damaged.nextPosition().offset();
    long logEnd = written.get(RECORDS - 1).nextPosition().offset();

    for (long bit = from * 8; bit < end * 8; bit += 5) {
      Path node = copyNode(crashed, temp.resolve("bit-" + bit));
      flipBit(node, bit / 8, (int) (bit % 8));

      RecordingStateMachine rebuilt = new RecordingStateMachine();
      try (DurableLog log = DurableLog.open(node, smallSegments(), rebuilt)) {
        assertThat(rebuilt.applied()).as("bit %d", bit).isEqualTo(written.subList(0, RECORDS - 4));
        assertThat(log.recoveryReport().truncatedBytes()).isEqualTo(logEnd - from);
      }
    }
  }

  @Test
  void theHaltedLogsLastSegmentEndsInZerosWrittenAheadAndTheOthersEndAtTheirRecords()
      throws IOException {
    FileLogStorage files = FileLogStorage.open(crashed);
    List<Long> bases = files.segmentBases();
    assertThat(bases).hasSizeGreaterThan(2);
    for (int i = 0; i < bases.size() - 1; i++) {
      assertThat(Files.size(files.segmentPath(bases.get(i))))
          .as("segment %d, followed by segment %d", bases.get(i), bases.get(i + 1))
          .isEqualTo(bases.get(i + 1) - bases.get(i));
    }
    long end = written.get(RECORDS - 1).nextPosition().offset();
    long lastBase = bases.get(bases.size() - 1);
    long lastFileEnd = lastBase + Files.size(files.segmentPath(lastBase));
    assertThat(lastFileEnd).isGreaterThan(end);
    assertThat(TestLogs.logBytes(crashed, end, lastFileEnd)).containsOnly(0);
  }

  @Test
  void zerosAfterTheLastRecordAreTheLogsEndNotDamage() throws IOException {
    long end = written.get(RECORDS - 1).nextPosition().offset();

    try (DurableLog log = DurableLog.open(crashed, smallSegments(), new RecordingStateMachine())) {
      assertThat(readAll(log)).isEqualTo(written);
      assertThat(log.recoveryReport().truncated()).isFalse();
      assertThat(log.recoveryReport().truncationReason()).isEmpty();
      assertThat(log.endPosition().offset()).isEqualTo(end);
    }
    assertThat(logFileBytes(crashed)).as("the zeros were given back").isEqualTo(end);
  }

  @Test
  void zerosFollowedByWrittenBytesAreDamageUpToTheLastOfThem() throws IOException {
    long end = written.get(RECORDS - 1).nextPosition().offset();
    Path lastSegment = lastSegment(crashed);
    long lastBase = FileLogStorage.open(crashed).segmentBases().stream().reduce((a, b) -> b).get();
    try (FileChannel channel = FileChannel.open(lastSegment, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {7}), end - lastBase + 40);
    }

    try (DurableLog log = DurableLog.open(crashed, smallSegments(), new RecordingStateMachine())) {
      assertThat(readAll(log)).isEqualTo(written);
      assertThat(log.recoveryReport().truncatedBytes()).isEqualTo(41);
      assertThat(log.recoveryReport().truncationReason()).isPresent();
    }
    assertThat(logFileBytes(crashed)).isEqualTo(end);
  }

  @Test
  void segmentsAfterAGapAreDropped() throws IOException {
    LogRecord firstLost = written.get(RECORDS - 8);
    FileLogStorage files = FileLogStorage.open(crashed);
    long lostSegment =
        files.segmentBases().stream()
            .filter(base -> base <= firstLost.position().offset())
            .reduce((a, b) -> b)
            .orElseThrow();
    Files.delete(files.segmentPath(lostSegment));

    try (DurableLog log = DurableLog.open(crashed, smallSegments(), new RecordingStateMachine())) {
      assertThat(readAll(log)).isEqualTo(recordsEndingBy(lostSegment));
      assertThat(log.recoveryReport().truncationReason())
          .hasValueSatisfying(
              reason -> assertThat(reason).contains("does not start where the previous one ends"));
      assertThat(files.segmentBases()).allMatch(base -> base < lostSegment);
    }
  }

  @Test
  void acknowledgedRecordsSurviveAHaltAndTheRepairedLogTakesNewAppends() throws IOException {
    cutLogAt(crashed, written.get(RECORDS - 1).position().offset() + 5);

    List<LogRecord> afterRepair;
    try (DurableLog log = DurableLog.open(crashed, smallSegments(), new RecordingStateMachine())) {
      afterRepair = appendAll(log, 100, 103);
    }

    try (DurableLog log = DurableLog.open(crashed, smallSegments(), new RecordingStateMachine())) {
      assertThat(readAll(log))
          .isEqualTo(
              Stream.concat(written.subList(0, RECORDS - 1).stream(), afterRepair.stream())
                  .toList());
      assertThat(log.recoveryReport().truncated()).isFalse();
    }
  }

  private List<LogRecord> recordsEndingBy(long position) {
    return written.stream().filter(record -> record.nextPosition().offset() <= position).toList();
  }

  /** The log's length on disk: where its last segment file ends. */
  private static long logFileBytes(Path node) throws IOException {
    FileLogStorage files = FileLogStorage.open(node);
    List<Long> bases = files.segmentBases();
    long lastBase = bases.get(bases.size() - 1);
    return lastBase + Files.size(files.segmentPath(lastBase));
  }

  private static Path lastSegment(Path node) throws IOException {
    FileLogStorage files = FileLogStorage.open(node);
    List<Long> bases = files.segmentBases();
    return files.segmentPath(bases.get(bases.size() - 1));
  }
}
