package io.switchboard.runtime.store;

/**
 * How a {@link DurableLog} is laid out and when it syncs and checkpoints.
 *
 * @param maxSegmentBytes a segment file is closed for appends once the next record would make it
 *     larger than this; from {@link #MIN_SEGMENT_BYTES} to {@link #MAX_SEGMENT_BYTES}
 * @param maxPayloadBytes largest payload an append accepts; a record (payload plus header) must fit
 *     in one segment
 * @param fsyncPolicy when records are forced to disk and acknowledged
 * @param checkpointEveryBytes a checkpoint starts when this many bytes were committed since the
 *     previous one; bounds what a restart replays
 * @param maxQueuedCommands appends beyond this many waiting for the writer are rejected
 *     (backpressure instead of unbounded memory)
 * @param checkpointBytesPerSecond the highest rate a checkpoint started by the log's schedule or on
 *     request is written at, so that it takes a bounded share of the disk and the CPU from the
 *     appends (checkpoints taken on close, truncation or recovery are written at full speed)
 */
public record LogOptions(
    long maxSegmentBytes,
    int maxPayloadBytes,
    FsyncPolicy fsyncPolicy,
    long checkpointEveryBytes,
    int maxQueuedCommands,
    long checkpointBytesPerSecond) {

  /** Smallest segment size, for tests that roll segments often. */
  public static final long MIN_SEGMENT_BYTES = 64;

  /** Largest segment size: offsets within a segment stay far below {@code Integer.MAX_VALUE}. */
  public static final long MAX_SEGMENT_BYTES = 1L << 30;

  public LogOptions {
    if (maxSegmentBytes < MIN_SEGMENT_BYTES || maxSegmentBytes > MAX_SEGMENT_BYTES) {
      throw new IllegalArgumentException(
          "maxSegmentBytes must be "
              + MIN_SEGMENT_BYTES
              + " to "
              + MAX_SEGMENT_BYTES
              + ": "
              + maxSegmentBytes);
    }
    if (maxPayloadBytes < 0 || RecordFormat.sizeOf(maxPayloadBytes) > maxSegmentBytes) {
      throw new IllegalArgumentException(
          "maxPayloadBytes must be zero or more and a record of that size must fit in a segment: "
              + maxPayloadBytes);
    }
    if (fsyncPolicy == null) {
      throw new NullPointerException("fsyncPolicy");
    }
    if (checkpointEveryBytes < 1) {
      throw new IllegalArgumentException(
          "checkpointEveryBytes must be positive: " + checkpointEveryBytes);
    }
    if (maxQueuedCommands < 1) {
      throw new IllegalArgumentException(
          "maxQueuedCommands must be positive: " + maxQueuedCommands);
    }
    if (checkpointBytesPerSecond < 1) {
      throw new IllegalArgumentException(
          "checkpointBytesPerSecond must be positive: " + checkpointBytesPerSecond);
    }
  }

  /**
   * 64 MiB segments, payloads up to 1 MiB, {@link FsyncPolicy#GROUP_COMMIT}, a checkpoint every 512
   * MiB of log written at no more than 16 MiB/s, at most 65,536 queued appends.
   */
  public static LogOptions defaults() {
    return new LogOptions(
        64L << 20, 1 << 20, FsyncPolicy.GROUP_COMMIT, 512L << 20, 65_536, 16L << 20);
  }

  /**
   * These options with another segment size; {@code maxPayloadBytes} is lowered to the largest
   * payload a record in such a segment can carry when it is larger.
   */
  public LogOptions withMaxSegmentBytes(long bytes) {
    return new LogOptions(
        bytes,
        Math.min(maxPayloadBytes, (int) Math.max(0, bytes - RecordFormat.HEADER_BYTES)),
        fsyncPolicy,
        checkpointEveryBytes,
        maxQueuedCommands,
        checkpointBytesPerSecond);
  }

  /** These options with another payload limit. */
  public LogOptions withMaxPayloadBytes(int bytes) {
    return new LogOptions(
        maxSegmentBytes,
        bytes,
        fsyncPolicy,
        checkpointEveryBytes,
        maxQueuedCommands,
        checkpointBytesPerSecond);
  }

  /** These options with another fsync policy. */
  public LogOptions withFsyncPolicy(FsyncPolicy policy) {
    return new LogOptions(
        maxSegmentBytes,
        maxPayloadBytes,
        policy,
        checkpointEveryBytes,
        maxQueuedCommands,
        checkpointBytesPerSecond);
  }

  /** These options with another checkpoint distance. */
  public LogOptions withCheckpointEveryBytes(long bytes) {
    return new LogOptions(
        maxSegmentBytes,
        maxPayloadBytes,
        fsyncPolicy,
        bytes,
        maxQueuedCommands,
        checkpointBytesPerSecond);
  }

  /** These options with another queue bound. */
  public LogOptions withMaxQueuedCommands(int commands) {
    return new LogOptions(
        maxSegmentBytes,
        maxPayloadBytes,
        fsyncPolicy,
        checkpointEveryBytes,
        commands,
        checkpointBytesPerSecond);
  }

  /** These options with another checkpoint writing rate. */
  public LogOptions withCheckpointBytesPerSecond(long bytesPerSecond) {
    return new LogOptions(
        maxSegmentBytes,
        maxPayloadBytes,
        fsyncPolicy,
        checkpointEveryBytes,
        maxQueuedCommands,
        bytesPerSecond);
  }
}
