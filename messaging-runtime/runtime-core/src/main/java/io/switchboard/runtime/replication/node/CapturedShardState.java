package io.switchboard.runtime.replication.node;

/**
 * One shard's committed state, captured for a shard image: its encoding and the log positions of
 * the records it names (message bodies live only in the log, so an image carries them too).
 */
public interface CapturedShardState {

  /** The shard. */
  int shard();

  /** Every log position the state names, ascending and distinct. */
  long[] positions();

  /** The state's encoding, with positions as they are in this node's log. */
  byte[] stateBytes();
}
