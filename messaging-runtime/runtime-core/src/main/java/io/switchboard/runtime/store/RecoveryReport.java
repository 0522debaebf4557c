package io.switchboard.runtime.store;

import java.util.Optional;

/**
 * What opening a log found and repaired.
 *
 * @param checkpoint what became of the checkpoint on disk
 * @param replayedFrom where replay into the state machine started: the checkpoint's position when
 *     it was used, else the start of the log
 * @param recordsReplayed records applied to the state machine during the open
 * @param end the end of the log after recovery, where the next append goes
 * @param truncatedBytes bytes removed from the tail: a torn or corrupt record and everything after
 *     it up to the last byte that is not zero (the zeros a segment wrote ahead of its appends are
 *     not data), and segments after a gap
 * @param truncationReason why bytes were removed, present exactly when {@code truncatedBytes > 0}
 */
public record RecoveryReport(
    CheckpointOutcome checkpoint,
    LogPosition replayedFrom,
    long recordsReplayed,
    LogPosition end,
    long truncatedBytes,
    Optional<String> truncationReason) {

  /** Whether recovery removed anything. */
  public boolean truncated() {
    return truncatedBytes > 0;
  }

  /** What recovery did with the checkpoint it found. */
  public enum CheckpointOutcome {
    /** There was no checkpoint: the whole log was replayed. */
    ABSENT,
    /** The checkpoint was restored and only the log after it replayed. */
    USED,
    /**
     * The checkpoint failed its checksum or format check: the whole log was replayed and a fresh
     * checkpoint written.
     */
    CORRUPT,
    /**
     * The checkpoint covers a position the log does not reach (the log lost its tail): the whole
     * log was replayed and a fresh checkpoint written, so that the stale one is never applied to a
     * log that grew past that position again with different records.
     */
    OUTSIDE_LOG
  }
}
