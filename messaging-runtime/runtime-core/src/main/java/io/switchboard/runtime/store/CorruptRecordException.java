package io.switchboard.runtime.store;

import java.io.IOException;

/**
 * There is no intact record where one was expected: the bytes at a position fail the length or
 * checksum check. Either the position is not where a record starts, or the disk corrupted data the
 * log had forced (recovery only repairs the tail; a read never repairs anything).
 */
public final class CorruptRecordException extends IOException {

  private static final long serialVersionUID = 1L;

  private final LogPosition position;

  public CorruptRecordException(LogPosition position, String reason) {
    super("no intact record at " + position + ": " + reason);
    this.position = position;
  }

  /** Where the record was expected. */
  public LogPosition position() {
    return position;
  }
}
