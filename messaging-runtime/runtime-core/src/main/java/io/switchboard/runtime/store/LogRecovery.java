package io.switchboard.runtime.store;

import io.switchboard.runtime.store.RecoveryReport.CheckpointOutcome;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings a log directory to a consistent state on open and rebuilds the state machine.
 *
 * <p>Algorithm:
 *
 * <ol>
 *   <li>Open the segments in position order (create segment 0 if there is none). The first segment
 *       that does not start where the previous one ends, and every one after it, is deleted: its
 *       predecessor lost its tail, so it holds no acknowledged record.
 *   <li>Read the checkpoint: verify its checksum over the whole file, then its header. If it covers
 *       a position inside the log, restore the state machine from it; otherwise ignore it (absent,
 *       corrupt, or beyond the end).
 *   <li>Scan from the checkpoint's position (or the start of the log without one), checking each
 *       record's length and checksum, and apply every intact record to the state machine.
 *   <li>At the first torn or corrupt record, truncate the log there durably: it and everything
 *       after it go. Zeros there, up to the end of the segment, are the normal end of a log that
 *       was not closed cleanly (segment files write zeros ahead of their appends, see {@link
 *       FileLogStorage}): they go too, but only bytes up to the last one that is not zero count as
 *       truncated in the report.
 * </ol>
 *
 * <p>Why no acknowledged record is lost: an append is acknowledged only after an fsync covering it
 * and every byte before it; such bytes read back intact, so the first invalid record lies after
 * every acknowledged one. Records before the checkpoint are not re-verified here (that is what
 * keeps restarts fast); a later read of a damaged one fails with {@link CorruptRecordException}.
 */
final class LogRecovery {

  private static final int SCAN_BUFFER_BYTES = 1 << 20;
  private static final int ZERO_SCAN_BYTES = 64 << 10;

  private final LogStorage storage;
  private final LogStateMachine stateMachine;
  private long truncatedBytes;
  private final List<String> truncationReasons = new ArrayList<>();

  private LogRecovery(LogStorage storage, LogStateMachine stateMachine) {
    this.storage = storage;
    this.stateMachine = stateMachine;
  }

  /** The recovered segments, ready for appends, and what recovery did. */
  record Recovered(Segments segments, RecoveryReport report) {}

  /** Runs the algorithm of the class Javadoc; the state machine must be fresh. */
  static Recovered recover(LogStorage storage, LogStateMachine stateMachine) throws IOException {
    return new LogRecovery(storage, stateMachine).run();
  }

  private Recovered run() throws IOException {
    Segments segments = new Segments(storage, openContiguousSegments());
    try {
      Checkpoint checkpoint = restoreCheckpoint(segments.start(), segments.end());
      LogPosition replayedFrom =
          checkpoint.outcome() == CheckpointOutcome.USED
              ? checkpoint.covered()
              : new LogPosition(segments.start());
      long replayed = replayAndTruncateTail(segments, replayedFrom.offset());
      RecoveryReport report =
          new RecoveryReport(
              checkpoint.outcome(),
              replayedFrom,
              replayed,
              new LogPosition(segments.end()),
              truncatedBytes,
              truncationReasons.isEmpty()
                  ? Optional.empty()
                  : Optional.of(String.join("; ", truncationReasons)));
      return new Recovered(segments, report);
    } catch (IOException | RuntimeException e) {
      segments.close();
      throw e;
    }
  }

  private List<Segment> openContiguousSegments() throws IOException {
    List<Long> bases = storage.segmentBases();
    if (bases.isEmpty()) {
      SegmentFile first = storage.createSegment(0);
      storage.syncDirectory();
      return List.of(new Segment(0, first, 0));
    }
    List<Segment> contiguous = new ArrayList<>();
    for (long base : bases) {
      SegmentFile file = storage.openSegment(base);
      Segment segment = new Segment(base, file, file.size());
      if (contiguous.isEmpty() || contiguous.get(contiguous.size() - 1).end() == base) {
        contiguous.add(segment);
      } else {
        deleteFromGap(contiguous.get(contiguous.size() - 1), segment, bases);
        break;
      }
    }
    return contiguous;
  }

  private void deleteFromGap(Segment lastKept, Segment firstOrphan, List<Long> bases)
      throws IOException {
    truncationReasons.add(
        "segment "
            + firstOrphan.base()
            + " does not start where the previous one ends ("
            + lastKept.end()
            + "): it and every later segment were deleted");
    firstOrphan.file().close();
    List<Long> orphans = bases.subList(bases.indexOf(firstOrphan.base()), bases.size());
    for (int i = orphans.size() - 1; i >= 0; i--) {
      long base = orphans.get(i);
      try (SegmentFile orphan = storage.openSegment(base)) {
        truncatedBytes += orphan.size();
      }
      storage.deleteSegment(base);
    }
    storage.syncDirectory();
  }

  private record Checkpoint(CheckpointOutcome outcome, LogPosition covered) {}

  private Checkpoint restoreCheckpoint(long logStart, long logEnd) throws IOException {
    Optional<InputStream> verifying = storage.openCheckpoint();
    if (verifying.isEmpty()) {
      return new Checkpoint(CheckpointOutcome.ABSENT, null);
    }
    try (InputStream in = verifying.get()) {
      if (!CheckpointFormat.checksumMatches(in)) {
        return new Checkpoint(CheckpointOutcome.CORRUPT, null);
      }
    }
    try (DataInputStream in = CheckpointFormat.reader(storage.openCheckpoint().orElseThrow())) {
      LogPosition covered = CheckpointFormat.readCovered(in);
      if (covered.offset() < logStart || covered.offset() > logEnd) {
        return new Checkpoint(CheckpointOutcome.OUTSIDE_LOG, covered);
      }
      stateMachine.restore(in);
      return new Checkpoint(CheckpointOutcome.USED, covered);
    } catch (IOException | RuntimeException unreadable) {
      return new Checkpoint(CheckpointOutcome.CORRUPT, null);
    }
  }

  private long replayAndTruncateTail(Segments segments, long from) throws IOException {
    long replayed = 0;
    long position = from;
    while (position < segments.end()) {
      Segment segment = segments.containing(position);
      RecordScanner scanner =
          new RecordScanner(segment, position - segment.base(), SCAN_BUFFER_BYTES);
      LogRecord record;
      while ((record = scanner.next(segment.size())) != null) {
        stateMachine.apply(record);
        replayed++;
      }
      position = segment.base() + scanner.offset();
      if (scanner.invalidRecordReason() != null) {
        long written = writtenBytesFrom(segments, position);
        if (written > 0) {
          truncatedBytes += written;
          truncationReasons.add(scanner.invalidRecordReason() + " at position " + position);
        }
        segments.truncateTo(position);
      }
    }
    return replayed;
  }

  /**
   * Bytes that were written from {@code position} to the end of the log: per segment, up to its
   * last byte that is not zero. Zeros at the end of a segment are space the file wrote ahead of its
   * appends, not records, so a log whose records end where such zeros start has lost nothing.
   */
  private static long writtenBytesFrom(Segments segments, long position) throws IOException {
    long written = 0;
    long from = position;
    while (from < segments.end()) {
      Segment segment = segments.containing(from);
      long start = from - segment.base();
      written += Math.max(0, lastNonZeroByte(segment.file(), start, segment.size()) + 1 - start);
      from = segment.end();
    }
    return written;
  }

  /** Offset of the last byte in {@code [start, end)} of {@code file} that is not zero, or -1. */
  private static long lastNonZeroByte(SegmentFile file, long start, long end) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(ZERO_SCAN_BYTES);
    long chunkEnd = end;
    while (chunkEnd > start) {
      long chunkStart = Math.max(start, chunkEnd - ZERO_SCAN_BYTES);
      chunk.clear().limit((int) (chunkEnd - chunkStart));
      long offset = chunkStart;
      while (chunk.hasRemaining()) {
        int read = file.read(chunk, offset);
        if (read < 0) {
          break;
        }
        offset += read;
      }
      for (int i = chunk.position() - 1; i >= 0; i--) {
        if (chunk.get(i) != 0) {
          return chunkStart + i;
        }
      }
      chunkEnd = chunkStart;
    }
    return -1;
  }
}
