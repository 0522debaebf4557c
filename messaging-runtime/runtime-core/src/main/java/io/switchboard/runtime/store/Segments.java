package io.switchboard.runtime.store;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The ordered segment files of one log.
 *
 * <p>Invariants: there is at least one segment; segments are contiguous (each starts where the
 * previous one ends), so positions {@code [start(), end())} all belong to exactly one segment; the
 * first segment is never deleted, so {@link #start()} never changes.
 *
 * <p>Thread-safety: the writer thread alone changes the set (create, truncate), under the write
 * lock; readers look segments up and read them under the read lock ({@link #read}). Every
 * truncation increments {@link #generation()}, so a reader holding buffered bytes can tell that
 * they may be stale.
 */
final class Segments implements Closeable {

  private final LogStorage storage;
  private final long start;
  private final TreeMap<Long, Segment> byBase = new TreeMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile long generation;

  /**
   * @param contiguous at least one segment, ascending and contiguous
   */
  Segments(LogStorage storage, List<Segment> contiguous) {
    this.storage = storage;
    this.start = contiguous.get(0).base();
    for (Segment segment : contiguous) {
      byBase.put(segment.base(), segment);
    }
  }

  /** Position of the first byte of the log. */
  long start() {
    return start;
  }

  /** Position after the last written byte, forced or not; writer thread or read lock only. */
  long end() {
    return last().end();
  }

  /** The segment that appends go to; writer thread or read lock only. */
  Segment last() {
    return byBase.lastEntry().getValue();
  }

  /** Incremented by every truncation. */
  long generation() {
    return generation;
  }

  /**
   * Creates the segment that starts at the current end and makes it the last one. The creation is
   * durable after {@link LogStorage#syncDirectory()}.
   */
  Segment create() throws IOException {
    long base = end();
    Segment segment = new Segment(base, storage.createSegment(base), 0);
    lock.writeLock().lock();
    try {
      byBase.put(base, segment);
    } finally {
      lock.writeLock().unlock();
    }
    return segment;
  }

  /**
   * Makes {@code newEnd} the end of the log, durably: deletes every segment that starts at or after
   * it (except the first, which is emptied instead), from the last one backwards, then truncates
   * the segment that contains it, forces that segment and the directory. A crash midway leaves a
   * contiguous prefix of the old log that is at least {@code newEnd} long.
   *
   * @param newEnd from {@link #start()} to {@link #end()}
   */
  void truncateTo(long newEnd) throws IOException {
    lock.writeLock().lock();
    try {
      generation++;
      while (byBase.size() > 1 && byBase.lastKey() >= newEnd) {
        Segment dropped = byBase.pollLastEntry().getValue();
        dropped.file().close();
        storage.deleteSegment(dropped.base());
      }
      Segment last = last();
      if (last.end() > newEnd) {
        last.truncate(newEnd - last.base());
      }
      last.file().force();
      storage.syncDirectory();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code reading} under the read lock, so that no segment is closed meanwhile. */
  <T> T read(ReadAction<T> reading) throws IOException {
    lock.readLock().lock();
    try {
      return reading.readFrom(this);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The segment that covers {@code position}; call inside {@link #read}.
   *
   * @param position from {@link #start()} to before {@link #end()}
   */
  Segment containing(long position) {
    Map.Entry<Long, Segment> entry = byBase.floorEntry(position);
    if (entry == null || position >= entry.getValue().end()) {
      throw new IllegalArgumentException(
          "position " + position + " is outside the log [" + start() + ", " + end() + ")");
    }
    return entry.getValue();
  }

  /** Closes every segment file. */
  @Override
  public void close() throws IOException {
    lock.writeLock().lock();
    try {
      IOException failure = null;
      for (Segment segment : new ArrayList<>(byBase.values())) {
        try {
          segment.file().close();
        } catch (IOException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Something done with the segments while none of them can be closed. */
  @FunctionalInterface
  interface ReadAction<T> {
    T readFrom(Segments segments) throws IOException;
  }
}
