package io.switchboard.runtime.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * State derived from a {@link DurableLog} by applying its records in order (for example an index of
 * mailboxes), which the log keeps consistent with itself across restarts, truncations and
 * checkpoints.
 *
 * <p>Contract: the state after {@code restore(snapshot of S)} and then {@code apply} of records
 * r1..rn equals S after applying r1..rn; {@link #truncateAfter} leaves exactly the state of the
 * records up to the kept one. The log calls {@link #apply}, {@link #truncateAfter} and {@link
 * #snapshot} from its writer thread only; other threads may read the state concurrently, so
 * implementations guard their own reads.
 */
public interface LogStateMachine {

  /**
   * Applies the next record. Called once per record, in log order, before the record's append is
   * acknowledged: an acknowledged record is visible in the state.
   */
  void apply(LogRecord record);

  /** Forgets every record after {@code lastKept}, as if they had never been applied. */
  void truncateAfter(LogPosition lastKept);

  /**
   * Captures the current state cheaply. The log writes the snapshot from another thread while
   * {@link #apply} and {@link #truncateAfter} continue, so the snapshot must not change with them.
   */
  Snapshot snapshot();

  /**
   * Replaces the state with one written by {@link Snapshot#writeTo}. Called at most once, before
   * any {@link #apply}. On failure the state is unchanged.
   */
  void restore(DataInput in) throws IOException;

  /** A captured state, written into a checkpoint. */
  @FunctionalInterface
  interface Snapshot {
    void writeTo(DataOutput out) throws IOException;
  }
}
