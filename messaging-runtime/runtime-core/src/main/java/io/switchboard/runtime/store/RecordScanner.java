package io.switchboard.runtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads the records of one segment in order, from a starting offset, through a buffer, checking
 * every record's length and checksum.
 *
 * <p>Algorithm for {@link #next(long)}:
 *
 * <ol>
 *   <li>No bytes left before the limit: the end, no record.
 *   <li>Fewer bytes left than a header: a torn header; stop.
 *   <li>Read the header. An announced payload length that is negative or runs past the limit: a
 *       torn or corrupt record; stop.
 *   <li>Read the whole record (the buffer grows to hold it when needed). A checksum mismatch: a
 *       corrupt record; stop.
 *   <li>Return the record and move past it.
 * </ol>
 *
 * <p>After a stop, {@link #invalidRecordReason()} says why and {@link #offset()} is where the
 * invalid record starts. Only bytes before the limit passed to a call are ever read. Not
 * thread-safe.
 */
final class RecordScanner {

  private final Segment segment;
  private ByteBuffer buffer;
  private long offset;
  private String invalidRecordReason;

  /**
   * @param fromOffset offset within the segment where a record starts
   * @param initialBufferBytes how much to read ahead at a time; grows to fit larger records
   */
  RecordScanner(Segment segment, long fromOffset, int initialBufferBytes) {
    this.segment = segment;
    this.offset = fromOffset;
    this.buffer = ByteBuffer.allocate(Math.max(initialBufferBytes, RecordFormat.HEADER_BYTES));
    buffer.limit(0);
  }

  Segment segment() {
    return segment;
  }

  /** Offset within the segment of the next record, or of the invalid record after a stop. */
  long offset() {
    return offset;
  }

  /** Why scanning stopped before the limit, or null if it did not. */
  String invalidRecordReason() {
    return invalidRecordReason;
  }

  /**
   * The next record if it ends at or before {@code limitOffset}, else null: at the limit, or at a
   * torn or corrupt record (then {@link #invalidRecordReason()} is set and every later call returns
   * null).
   *
   * @param limitOffset offset within the segment that no returned record crosses, at most the file
   *     size
   */
  LogRecord next(long limitOffset) throws IOException {
    if (invalidRecordReason != null) {
      return null;
    }
    long available = limitOffset - offset;
    if (available <= 0) {
      return null;
    }
    if (available < RecordFormat.HEADER_BYTES) {
      return stop("torn header: " + available + " bytes where a record starts");
    }
    if (!fill(RecordFormat.HEADER_BYTES, limitOffset)) {
      return stop("file ends before its expected size");
    }
    int payloadBytes = RecordFormat.announcedPayloadBytes(buffer, buffer.position());
    if (payloadBytes < 0 || payloadBytes > available - RecordFormat.HEADER_BYTES) {
      return stop(
          "record announces "
              + payloadBytes
              + " payload bytes but "
              + (available - RecordFormat.HEADER_BYTES)
              + " follow its header");
    }
    int size = RecordFormat.sizeOf(payloadBytes);
    if (!fill(size, limitOffset)) {
      return stop("file ends before its expected size");
    }
    if (!RecordFormat.checksumMatches(buffer, buffer.position(), payloadBytes)) {
      return stop("checksum mismatch");
    }
    LogEntry entry = RecordFormat.decode(buffer, buffer.position(), payloadBytes);
    LogRecord record = new LogRecord(new LogPosition(segment.base() + offset), entry);
    buffer.position(buffer.position() + size);
    offset += size;
    return record;
  }

  private LogRecord stop(String reason) {
    invalidRecordReason = reason;
    return null;
  }

  /**
   * Ensures the buffer holds at least {@code needed} bytes from {@link #offset}, reading ahead as
   * far as the buffer and {@code limitOffset} allow.
   *
   * @return false when the file ended first
   */
  private boolean fill(int needed, long limitOffset) throws IOException {
    if (buffer.remaining() >= needed) {
      return true;
    }
    if (buffer.capacity() < needed) {
      ByteBuffer larger = ByteBuffer.allocate(needed);
      larger.put(buffer);
      larger.flip();
      buffer = larger;
    }
    buffer.compact();
    long readOffset = offset + buffer.position();
    buffer.limit((int) Math.min(buffer.capacity(), limitOffset - offset));
    while (buffer.position() < needed) {
      int read = segment.file().read(buffer, readOffset);
      if (read < 0) {
        buffer.flip();
        return false;
      }
      readOffset += read;
    }
    buffer.flip();
    return true;
  }
}
