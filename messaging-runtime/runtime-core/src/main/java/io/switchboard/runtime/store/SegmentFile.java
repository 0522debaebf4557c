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

  /**
   * Length of what was appended, in bytes, including appended bytes not yet forced. For a file just
   * opened: its whole length, which after a crash may end in zeros the file wrote ahead of its
   * appends ({@link LogRecovery} truncates them).
   */
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

  /**
   * Shortens the file to {@code size} bytes, and drops anything written ahead of the appends;
   * durable after the next {@link #force()}.
   */
  void truncate(long size) throws IOException;

  /**
   * Gives back space written ahead of the appends (zeros), durably: afterwards the file is exactly
   * {@link #size()} long on disk. The log calls it before it starts the next segment, since a
   * segment that is not the last must end where its successor starts. Files that write nothing
   * ahead do nothing; wrappers must pass it on.
   */
  void trimToSize() throws IOException;
}
