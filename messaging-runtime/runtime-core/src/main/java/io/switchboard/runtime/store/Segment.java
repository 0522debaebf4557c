package io.switchboard.runtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One segment file and the log position it starts at. Covers positions {@code [base, end())}.
 *
 * <p>Only the writer thread changes the size; readers see it through a volatile field.
 */
final class Segment {

  private final long base;
  private final SegmentFile file;
  private volatile long size;

  Segment(long base, SegmentFile file, long size) {
    this.base = base;
    this.file = file;
    this.size = size;
  }

  long base() {
    return base;
  }

  SegmentFile file() {
    return file;
  }

  /** Bytes written to the file, forced or not. */
  long size() {
    return size;
  }

  /** The position after the last byte of this segment. */
  long end() {
    return base + size;
  }

  void append(ByteBuffer source) throws IOException {
    int bytes = source.remaining();
    file.append(source);
    size += bytes;
  }

  void truncate(long newSize) throws IOException {
    file.truncate(newSize);
    size = newSize;
  }
}
