package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.store.LogRecord;
import io.switchboard.runtime.store.LogStateMachine;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.LongUnaryOperator;

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

  /**
   * Replaces one shard's state with {@code state}, a shard image's messaging state whose positions
   * name records of this node's log (ADR 0008, step 4); on the log's writer thread, when the
   * IMAGE_INSTALL record is applied (also in replays).
   *
   * @throws java.io.UncheckedIOException when {@code state} does not decode as a state of {@code
   *     shard}
   */
  void installShard(int shard, byte[] state);

  /**
   * An independent copy of one shard's state for a shard image; on the log's writer thread, where
   * it is consistent with the shard's commit seq.
   */
  CapturedShardState captureShard(int shard);

  /**
   * {@code state} (as {@link CapturedShardState#stateBytes()} wrote it) with every record position
   * {@code p} it names replaced by {@code newPosition.applyAsLong(p)}, which grows with {@code p}.
   *
   * @throws IOException when {@code state} does not decode
   */
  byte[] remapShardState(byte[] state, LongUnaryOperator newPosition) throws IOException;
}
