package io.switchboard.runtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Encodes appended entries into a write buffer and writes them to the last segment, rolling to a
 * new segment when the next record would not fit; {@link #force()} makes everything written durable
 * with as few fsyncs as possible. Writer thread only.
 *
 * <p>Invariants: a record never spans two segments; {@link #end()} is the position after the last
 * appended record, buffered or written; after {@link #force()} every appended record is durable,
 * including the directory entries of segments created since the previous force.
 */
final class SegmentAppender {

  private static final int MIN_WRITE_BUFFER_BYTES = 1 << 20;

  private final LogStorage storage;
  private final Segments segments;
  private final long maxSegmentBytes;
  private final ByteBuffer writeBuffer;
  private final Set<Segment> unforced = new LinkedHashSet<>();
  private boolean directoryUnforced;
  private long end;

  SegmentAppender(LogStorage storage, Segments segments, LogOptions options) {
    this.storage = storage;
    this.segments = segments;
    this.maxSegmentBytes = options.maxSegmentBytes();
    this.writeBuffer =
        ByteBuffer.allocateDirect(
            Math.max(MIN_WRITE_BUFFER_BYTES, RecordFormat.sizeOf(options.maxPayloadBytes())));
    this.end = segments.end();
  }

  /** Position after the last appended record. */
  long end() {
    return end;
  }

  /** Whether records were appended since the last {@link #force()}. */
  boolean hasUnforcedRecords() {
    return writeBuffer.position() > 0 || !unforced.isEmpty();
  }

  /**
   * Buffers {@code entry} as the next record; the payload must fit {@link LogOptions}.
   *
   * @return the record's position
   */
  LogPosition append(LogEntry entry) throws IOException {
    int size = RecordFormat.sizeOf(entry.payload().length);
    long segmentBytes = end - segments.last().base();
    if (segmentBytes > 0 && segmentBytes + size > maxSegmentBytes) {
      flush();
      segments.last().file().trimToSize();
      segments.create();
      directoryUnforced = true;
    }
    if (writeBuffer.remaining() < size) {
      flush();
    }
    LogPosition position = new LogPosition(end);
    RecordFormat.encode(entry, writeBuffer);
    end += size;
    return position;
  }

  /** Writes the buffered records to the last segment, without forcing them. */
  void flush() throws IOException {
    if (writeBuffer.position() == 0) {
      return;
    }
    writeBuffer.flip();
    Segment last = segments.last();
    last.append(writeBuffer);
    writeBuffer.clear();
    unforced.add(last);
  }

  /** Writes the buffered records and forces every segment written since the last force. */
  void force() throws IOException {
    flush();
    for (Segment segment : unforced) {
      segment.file().force();
    }
    unforced.clear();
    if (directoryUnforced) {
      storage.syncDirectory();
      directoryUnforced = false;
    }
  }

  /** Continues after the segments were truncated: the next record goes to their new end. */
  void continueAtEnd() {
    writeBuffer.clear();
    unforced.clear();
    end = segments.end();
  }
}
