package io.switchboard.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;

/**
 * Iterates the committed records of a log from a position, in order, reading each segment
 * sequentially through a buffer. Records committed while iterating are included: {@link #hasNext()}
 * looks at the committed end every time it runs out.
 *
 * <p>Failures surface as unchecked exceptions: {@link UncheckedIOException} for I/O errors and
 * damaged records (cause {@link CorruptRecordException}), {@link ConcurrentModificationException}
 * when the log was truncated after the cursor was created. Not thread-safe.
 */
final class LogCursor implements Iterator<LogRecord> {

  private static final int READ_AHEAD_BYTES = 1 << 16;
  private static final int SINGLE_READ_BYTES = 512;

  private final Segments segments;
  private final LongSupplier committedEnd;
  private final long generation;
  private long position;
  private RecordScanner scanner;
  private LogRecord next;

  /**
   * @param from where a record starts, or the committed end
   */
  LogCursor(Segments segments, LongSupplier committedEnd, LogPosition from) {
    this.segments = segments;
    this.committedEnd = committedEnd;
    this.generation = segments.generation();
    this.position = from.offset();
  }

  /**
   * Reads the one committed record at {@code position}, with a buffer sized for that record only.
   *
   * @throws IllegalArgumentException when {@code position} is outside {@code [start, committedEnd)}
   * @throws CorruptRecordException when no intact record starts at {@code position}
   */
  static LogRecord readOne(Segments segments, long committedEnd, LogPosition position)
      throws IOException {
    if (position.offset() < segments.start() || position.offset() >= committedEnd) {
      throw new IllegalArgumentException(
          "no committed record at "
              + position
              + ": the log holds ["
              + segments.start()
              + ", "
              + committedEnd
              + ")");
    }
    return segments.read(
        locked -> {
          Segment segment = locked.containing(position.offset());
          RecordScanner scanner =
              new RecordScanner(segment, position.offset() - segment.base(), SINGLE_READ_BYTES);
          LogRecord record = scanner.next(Math.min(segment.size(), committedEnd - segment.base()));
          if (record == null) {
            throw new CorruptRecordException(position, scanner.invalidRecordReason());
          }
          return record;
        });
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = segments.read(this::readNext);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return next != null;
  }

  @Override
  public LogRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no committed record at or after @" + position);
    }
    LogRecord record = next;
    next = null;
    position = record.nextPosition().offset();
    return record;
  }

  private LogRecord readNext(Segments locked) throws IOException {
    if (locked.generation() != generation) {
      throw new ConcurrentModificationException("the log was truncated while a cursor read it");
    }
    long end = committedEnd.getAsLong();
    if (position >= end) {
      return null;
    }
    if (scanner == null || position >= scanner.segment().end()) {
      Segment segment = locked.containing(position);
      scanner = new RecordScanner(segment, position - segment.base(), READ_AHEAD_BYTES);
    }
    Segment segment = scanner.segment();
    LogRecord record = scanner.next(Math.min(segment.size(), end - segment.base()));
    if (record == null) {
      throw new CorruptRecordException(new LogPosition(position), scanner.invalidRecordReason());
    }
    return record;
  }
}
