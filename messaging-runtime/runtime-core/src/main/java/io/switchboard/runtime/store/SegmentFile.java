package io.switchboard.runtime.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One segment file of the log, as the log uses it: appended at its end, read at any offset, forced,
 * truncated. Implementations: {@link FileLogStorage}'s {@code FileChannel}-backed files, and fakes
 * that lose what was not forced when a test simulates a crash.
 *
 * <p>Durability contract: after {@link #force()} returns, every byte appended and every truncation
 * done before the call survives a machine crash. Before that, a crash may keep any prefix of the
 * appended bytes, including one that ends inside a record.
 *
 * <p>Thread-safety: one thread appends, forces and truncates; any thread may read concurrently.
 */
public interface SegmentFile extends Closeable {

  /** Current length in bytes, including appended bytes not yet forced. */
  long size() throws IOException;

  /** Writes every remaining byte of {@code source} at the end of the file. */
  void append(ByteBuffer source) throws IOException;

  /**
   * Reads bytes starting at {@code offset} into the remaining space of {@code target}, without
   * moving any shared file position.
   *
   * @return the number of bytes read, possibly zero, or -1 when {@code offset} is at or past the
   *     end of the file
   */
  int read(ByteBuffer target, long offset) throws IOException;

  /** Makes every preceding append and truncation durable (an fsync of the file's data). */
  void force() throws IOException;

  /** Shortens the file to {@code size} bytes; durable after the next {@link #force()}. */
  void truncate(long size) throws IOException;
}
