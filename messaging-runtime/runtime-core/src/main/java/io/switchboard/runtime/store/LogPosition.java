package io.switchboard.runtime.store;

/**
 * Where a record starts in a {@link DurableLog}: its byte offset from the beginning of the log.
 *
 * <p>Invariants: a position never changes once its record is acknowledged (segment files keep their
 * base offset in their name, so positions survive restarts); positions of later records are
 * greater; the position after a record is {@link LogRecord#nextPosition()}. Positions of different
 * nodes' logs are not comparable: each node writes its own log.
 *
 * @param offset byte offset from the start of the log, zero or more
 */
public record LogPosition(long offset) implements Comparable<LogPosition> {

  /** Position of the first record of a log. */
  public static final LogPosition START = new LogPosition(0);

  public LogPosition {
    if (offset < 0) {
      throw new IllegalArgumentException("a log position is never negative: " + offset);
    }
  }

  @Override
  public int compareTo(LogPosition other) {
    return Long.compare(offset, other.offset);
  }

  @Override
  public String toString() {
    return "@" + offset;
  }
}
