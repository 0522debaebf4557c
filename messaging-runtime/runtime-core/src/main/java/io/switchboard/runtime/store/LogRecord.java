package io.switchboard.runtime.store;

/**
 * An entry as stored in the log, at its position.
 *
 * @param position where the record starts
 * @param entry what was appended
 */
public record LogRecord(LogPosition position, LogEntry entry) {

  /** Where the record after this one starts: this position plus the record's size on disk. */
  public LogPosition nextPosition() {
    return new LogPosition(position.offset() + RecordFormat.sizeOf(entry.payload().length));
  }
}
