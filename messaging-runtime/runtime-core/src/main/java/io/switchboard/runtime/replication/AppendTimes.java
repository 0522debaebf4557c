package io.switchboard.runtime.replication;

/**
 * When a primary appended the entries that some replica does not hold yet, for lag in milliseconds.
 *
 * <p>Entries are appended in seq order with non-decreasing times, so it keeps one sample per run of
 * entries appended in the same millisecond: {@code (first seq of the run, millis)}. The append time
 * of a seq is the sample of the run it falls into. Memory is bounded by {@code capacity} samples:
 * beyond it the first two samples merge into the first, which makes the entries of the second run
 * look older than they are: a lag read from them is overstated, never understated.
 *
 * <p>Layout: two parallel primitive arrays used as one ring (oldest sample at {@code head}),
 * doubled when full up to {@code capacity}. A sample is two longs, not an object: a primary records
 * one per millisecond it appends in, for every shard, and on a shard without replicas nothing ever
 * forgets them, so objects would be garbage that lives long enough for every young collection to
 * copy it.
 *
 * <p>Invariants: samples are ordered by strictly increasing first seq and strictly increasing
 * millis; {@code 0 <= size <= capacity}.
 */
final class AppendTimes {

  private static final int INITIAL_LENGTH = 8;

  private final int capacity;
  private long[] firstSeqs;
  private long[] millis;
  private int head;
  private int size;

  /**
   * @param capacity samples kept at most, at least 2
   */
  AppendTimes(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
    }
    this.capacity = capacity;
    int length = Math.min(capacity, INITIAL_LENGTH);
    this.firstSeqs = new long[length];
    this.millis = new long[length];
  }

  /** Entry {@code seq} (after every recorded one) was appended at {@code millis}. */
  void record(long seq, long appendedMillis) {
    if (size > 0 && millisAt(size - 1) >= appendedMillis) {
      return;
    }
    if (size == capacity) {
      dropSecond();
    } else if (size == firstSeqs.length) {
      grow();
    }
    int slot = slotOf(size);
    firstSeqs[slot] = seq;
    millis[slot] = appendedMillis;
    size++;
  }

  /**
   * Append time of entry {@code seq}: that of the run it belongs to (the oldest kept if pruned).
   *
   * @throws IllegalStateException when nothing was recorded
   */
  long appendMillisOf(long seq) {
    if (size == 0) {
      throw new IllegalStateException("no append time recorded");
    }
    // The newest sample whose run starts at or before seq; the oldest when every run starts after.
    int low = 0;
    int high = size - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (firstSeqAt(middle) <= seq) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return millisAt(low);
  }

  /** Forgets the times of entries up to {@code seq}: every replica holds them. */
  void forgetThrough(long seq) {
    while (size > 1 && firstSeqAt(1) <= seq + 1) {
      head = slotOf(1);
      size--;
    }
  }

  /** Samples kept. */
  int size() {
    return size;
  }

  /** Merges the first two samples into the first: the first's seq and time cover both runs. */
  private void dropSecond() {
    int first = slotOf(0);
    int second = slotOf(1);
    firstSeqs[second] = firstSeqs[first];
    millis[second] = millis[first];
    head = second;
    size--;
  }

  private void grow() {
    int length = (int) Math.min(capacity, 2L * firstSeqs.length);
    long[] grownSeqs = new long[length];
    long[] grownMillis = new long[length];
    for (int i = 0; i < size; i++) {
      grownSeqs[i] = firstSeqAt(i);
      grownMillis[i] = millisAt(i);
    }
    firstSeqs = grownSeqs;
    millis = grownMillis;
    head = 0;
  }

  private long firstSeqAt(int index) {
    return firstSeqs[slotOf(index)];
  }

  private long millisAt(int index) {
    return millis[slotOf(index)];
  }

  private int slotOf(int index) {
    int slot = head + index;
    return slot >= firstSeqs.length ? slot - firstSeqs.length : slot;
  }
}
