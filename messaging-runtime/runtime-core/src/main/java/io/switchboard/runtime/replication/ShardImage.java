package io.switchboard.runtime.replication;

import java.util.Arrays;

/**
 * A shard image: what a replica needs instead of the entries 1 to {@link #seq} to continue the
 * shard's log after them (snapshot catch-up, ADR 0008 step 4). The replication facts are here; the
 * shard's state at {@code seq} is {@link #state}, opaque to replication (the node stores its
 * messaging state and the records it names; the simulation, the entries).
 *
 * <p>Invariants: every entry up to {@code seq} was committed by the primary of {@code epoch} that
 * produced the image; {@code epochs} and {@code firstSeqs} are the epoch history of those entries
 * (empty when {@code seq} is 0), as {@link EpochHistory#of(long[], long[], long)} accepts them.
 *
 * @param shard the shard
 * @param epoch the epoch of the primary that produced it
 * @param seq the last entry it covers
 * @param epochs the epochs of entries 1 to {@code seq}, ascending
 * @param firstSeqs the first seq of each of those epochs
 * @param state the shard's state after entry {@code seq}, in the storage's own encoding
 */
public record ShardImage(
    int shard, long epoch, long seq, long[] epochs, long[] firstSeqs, byte[] state) {

  public ShardImage {
    if (epoch < 1 || seq < 0) {
      throw new IllegalArgumentException("invalid image: epoch " + epoch + ", seq " + seq);
    }
    epochs = epochs.clone();
    firstSeqs = firstSeqs.clone();
    EpochHistory history = EpochHistory.of(epochs, firstSeqs, seq);
    if (history.lastEpoch() > epoch) {
      throw new IllegalArgumentException(
          "an image of epoch " + epoch + " holds entries of epoch " + history.lastEpoch());
    }
  }

  /** The image's epoch history, ending at {@link #seq}. */
  public EpochHistory history() {
    return EpochHistory.of(epochs, firstSeqs, seq);
  }

  /** Epoch of its last entry, 0 when it covers none. */
  public long lastEpoch() {
    return epochs.length == 0 ? 0 : epochs[epochs.length - 1];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShardImage image
        && shard == image.shard
        && epoch == image.epoch
        && seq == image.seq
        && Arrays.equals(epochs, image.epochs)
        && Arrays.equals(firstSeqs, image.firstSeqs)
        && Arrays.equals(state, image.state);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new long[] {shard, epoch, seq}) * 31 + Arrays.hashCode(state);
  }

  @Override
  public String toString() {
    return "ShardImage[shard "
        + shard
        + ", epoch "
        + epoch
        + ", seq "
        + seq
        + ", "
        + state.length
        + " state bytes]";
  }
}
