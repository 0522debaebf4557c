package io.switchboard.runtime.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The directory a {@link DurableLog} lives in: its segment files, named by the log position they
 * start at, and its checkpoint. The real implementation is {@link FileLogStorage}; tests and
 * simulations substitute fakes (for example a disk that loses unsynced writes on a crash).
 *
 * <p>Durability contract: creating and deleting segments is durable only after {@link
 * #syncDirectory()}; {@link #replaceCheckpoint} is atomic and durable when it returns (a crash
 * leaves either the old or the new checkpoint, never a mix).
 *
 * <p>Thread-safety: the log calls segment operations from its writer thread and checkpoint
 * operations from its checkpoint thread, concurrently; implementations must allow that.
 */
public interface LogStorage {

  /** Base positions of the existing segment files, ascending. */
  List<Long> segmentBases() throws IOException;

  /** Opens the existing segment that starts at {@code basePosition}. */
  SegmentFile openSegment(long basePosition) throws IOException;

  /** Creates an empty segment starting at {@code basePosition}; fails if it exists. */
  SegmentFile createSegment(long basePosition) throws IOException;

  /** Deletes the segment starting at {@code basePosition}; it must be closed. */
  void deleteSegment(long basePosition) throws IOException;

  /** Makes preceding segment creations and deletions durable. */
  void syncDirectory() throws IOException;

  /**
   * Atomically and durably replaces the checkpoint with what {@code content} writes. When this
   * throws, the previous checkpoint is still in place.
   */
  void replaceCheckpoint(CheckpointContent content) throws IOException;

  /** Opens the current checkpoint for reading, if there is one. */
  Optional<InputStream> openCheckpoint() throws IOException;

  /** Writes the bytes of one checkpoint. */
  @FunctionalInterface
  interface CheckpointContent {
    /** Writes the whole checkpoint to {@code out}; the caller flushes, forces and closes it. */
    void writeTo(OutputStream out) throws IOException;
  }
}
