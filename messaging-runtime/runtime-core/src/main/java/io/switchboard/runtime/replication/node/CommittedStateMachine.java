package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.store.LogRecord;
import io.switchboard.runtime.store.LogStateMachine;
import java.util.Iterator;

/**
 * The state that {@link ReplicatedShards} applies committed entries to (the messaging state).
 * {@link #apply} receives committed entries, each once, in seq order per shard, with their original
 * records (so positions it indexes are the entries' own), and records of types that are not
 * replication's, in log order. {@link #snapshot} and {@link #restore} are as in {@link
 * LogStateMachine}; {@link #truncateAfter} is never called: {@link ReplicatedShards} uses {@link
 * #rebuild} instead.
 */
public interface CommittedStateMachine extends LogStateMachine {

  /**
   * Replaces the state with the one {@code records} (committed entries and non-replication records,
   * in log order) produce from empty, recording nothing for the callers waiting on results; on the
   * log's writer thread.
   */
  void rebuild(Iterator<LogRecord> records);
}
