package io.switchboard.runtime.messaging;

import io.switchboard.runtime.replication.node.CapturedShardState;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * One shard's messaging state as {@link MessagingState#captureShard} copied it, for a shard image:
 * the log positions it names, and its bytes. Independent of the live state (a {@link
 * ShardState#copy()}, which shares only the never-overwritten prefixes of append-only arrays), so
 * it may be read on any thread once handed over (all fields are final), and from several threads at
 * once: both methods only read the copy, and compute their result on each call.
 */
public final class ShardCapture implements CapturedShardState {

  private final ShardState state;

  ShardCapture(ShardState state) {
    this.state = state;
  }

  /** The shard captured. */
  @Override
  public int shard() {
    return state.shard();
  }

  /**
   * Every log position the state names (mailbox messages, channel posts, the senders' and authors'
   * idempotency windows, the sources of pending outbox entries), ascending and distinct. The
   * records there are what a shard image must carry along with {@link #stateBytes()}.
   */
  @Override
  public long[] positions() {
    LongStream.Builder all = LongStream.builder();
    state.forEachPosition(all);
    long[] positions = all.build().toArray();
    Arrays.sort(positions);
    return dedupSorted(positions);
  }

  /**
   * The state as a checkpoint writes a shard ({@link ShardState#writeTo}), positions as they are in
   * this node's log: {@link MessagingState#remapShardState} rewrites them for another log, and
   * {@link MessagingState#installShard} installs the result.
   */
  @Override
  public byte[] stateBytes() {
    return ShardStateBytes.encode(state);
  }

  private static long[] dedupSorted(long[] sorted) {
    int size = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (size == 0 || sorted[i] != sorted[size - 1]) {
        sorted[size++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, size);
  }
}
