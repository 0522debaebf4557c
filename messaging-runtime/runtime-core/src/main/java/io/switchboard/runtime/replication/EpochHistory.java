package io.switchboard.runtime.replication;

import java.util.Arrays;

/**
 * A replica's epoch history of one shard: for each epoch present in its log, the seq of the epoch's
 * first entry (Kafka's leader epoch cache). It answers which epoch an entry has and where an epoch
 * ends without reading the log.
 *
 * <p>Invariants: epochs strictly increase with their first seqs; the first start is seq 1; every
 * start is at most {@link #lastSeq()}. Memory grows with the number of epochs in the log, not with
 * its length. Not thread-safe.
 */
public final class EpochHistory {

  private long[] epochs = new long[4];
  private long[] firstSeqs = new long[4];
  private int size;
  private long lastSeq;

  private EpochHistory() {}

  /** The history of an empty log. */
  public static EpochHistory empty() {
    return new EpochHistory();
  }

  /**
   * Rebuilds the history of {@code log}. Epochs never decrease with the seq, so each epoch's end is
   * found by a binary search: {@code O(epochs * log(length))} reads of {@link ShardLog#epochOf}.
   */
  public static EpochHistory of(ShardLog log) {
    EpochHistory history = new EpochHistory();
    long last = log.lastSeq();
    long first = 1;
    while (first <= last) {
      long epoch = log.epochOf(first);
      long low = first;
      long high = last;
      while (low < high) {
        long middle = low + (high - low + 1) / 2;
        if (log.epochOf(middle) == epoch) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      history.startEpoch(epoch, first);
      first = low + 1;
    }
    history.lastSeq = last;
    return history;
  }

  /** Seq of the last entry, 0 when the log is empty. */
  public long lastSeq() {
    return lastSeq;
  }

  /** Epoch of the last entry, 0 when the log is empty. */
  public long lastEpoch() {
    return size == 0 ? 0 : epochs[size - 1];
  }

  /** Epoch of entry {@code seq}; 0 for seq 0 (before the first entry). */
  public long epochOf(long seq) {
    if (seq < 0 || seq > lastSeq) {
      throw new IllegalArgumentException("seq " + seq + " is outside 0.." + lastSeq);
    }
    if (seq == 0) {
      return 0;
    }
    int index = Arrays.binarySearch(firstSeqs, 0, size, seq);
    return epochs[index >= 0 ? index : -index - 2];
  }

  /**
   * The largest seq whose entry's epoch is at most {@code epoch}, 0 if none (Kafka's
   * OffsetsForLeaderEpoch): where a log that agrees with this one up to {@code epoch} ends it.
   */
  public long endOfEpoch(long epoch) {
    for (int i = 0; i < size; i++) {
      if (epochs[i] > epoch) {
        return firstSeqs[i] - 1;
      }
    }
    return lastSeq;
  }

  /**
   * Records entry {@code seq} of {@code epoch} appended.
   *
   * @throws IllegalArgumentException if {@code seq} does not follow {@link #lastSeq()} or {@code
   *     epoch} is below {@link #lastEpoch()} or below 1
   */
  public void append(long seq, long epoch) {
    if (seq != lastSeq + 1) {
      throw new IllegalArgumentException("entry " + seq + " does not follow " + lastSeq);
    }
    if (epoch < Math.max(1, lastEpoch())) {
      throw new IllegalArgumentException(
          "entry " + seq + " of epoch " + epoch + " follows epoch " + lastEpoch());
    }
    if (epoch > lastEpoch()) {
      startEpoch(epoch, seq);
    }
    lastSeq = seq;
  }

  /** Forgets entries after {@code seq}, for 0 &lt;= {@code seq} &lt;= {@link #lastSeq()}. */
  public void truncateAfter(long seq) {
    if (seq < 0 || seq > lastSeq) {
      throw new IllegalArgumentException("seq " + seq + " is outside 0.." + lastSeq);
    }
    while (size > 0 && firstSeqs[size - 1] > seq) {
      size--;
    }
    lastSeq = seq;
  }

  /** How many epochs the log holds. */
  public int epochCount() {
    return size;
  }

  /** The {@code index}-th epoch of the log, oldest first. */
  public long epochAt(int index) {
    return epochs[requireIndex(index)];
  }

  /** The first seq of the {@code index}-th epoch of the log. */
  public long firstSeqAt(int index) {
    return firstSeqs[requireIndex(index)];
  }

  /** The epochs of entries 1 to {@code seq}, oldest first (for a {@link ShardImage}). */
  public long[] epochsUpTo(long seq) {
    return Arrays.copyOf(epochs, countUpTo(seq));
  }

  /** The first seqs of the epochs {@link #epochsUpTo} lists. */
  public long[] firstSeqsUpTo(long seq) {
    return Arrays.copyOf(firstSeqs, countUpTo(seq));
  }

  private int countUpTo(long seq) {
    if (seq < 0 || seq > lastSeq) {
      throw new IllegalArgumentException("seq " + seq + " is outside 0.." + lastSeq);
    }
    int count = 0;
    while (count < size && firstSeqs[count] <= seq) {
      count++;
    }
    return count;
  }

  /** An independent copy. */
  public EpochHistory copy() {
    EpochHistory copy = new EpochHistory();
    copy.epochs = Arrays.copyOf(epochs, Math.max(4, size));
    copy.firstSeqs = Arrays.copyOf(firstSeqs, Math.max(4, size));
    copy.size = size;
    copy.lastSeq = lastSeq;
    return copy;
  }

  /**
   * A history given by its epochs, their first seqs and the last seq, as {@link #epochAt} and
   * {@link #firstSeqAt} list them; validated.
   *
   * @throws IllegalArgumentException if they break the class invariants
   */
  public static EpochHistory of(long[] epochs, long[] firstSeqs, long lastSeq) {
    if (epochs.length != firstSeqs.length || (epochs.length == 0) != (lastSeq == 0)) {
      throw new IllegalArgumentException("inconsistent epoch history");
    }
    EpochHistory history = new EpochHistory();
    for (int i = 0; i < epochs.length; i++) {
      boolean first = i == 0;
      if ((first && firstSeqs[i] != 1)
          || (!first && (firstSeqs[i] <= firstSeqs[i - 1] || epochs[i] <= epochs[i - 1]))
          || epochs[i] < 1
          || firstSeqs[i] > lastSeq) {
        throw new IllegalArgumentException("invalid epoch history at epoch " + epochs[i]);
      }
      history.startEpoch(epochs[i], firstSeqs[i]);
    }
    history.lastSeq = lastSeq;
    return history;
  }

  private int requireIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return index;
  }

  private void startEpoch(long epoch, long firstSeq) {
    if (size == epochs.length) {
      epochs = Arrays.copyOf(epochs, size * 2);
      firstSeqs = Arrays.copyOf(firstSeqs, size * 2);
    }
    epochs[size] = epoch;
    firstSeqs[size] = firstSeq;
    size++;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("EpochHistory[");
    for (int i = 0; i < size; i++) {
      text.append(i == 0 ? "" : ", ").append(epochs[i]).append("@").append(firstSeqs[i]);
    }
    return text.append("; last ").append(lastSeq).append(']').toString();
  }
}
