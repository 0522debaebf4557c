package io.switchboard.runtime.replication;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * When a primary appended the entries that some replica does not hold yet, for lag in milliseconds.
 *
 * <p>Entries are appended in seq order with non-decreasing times, so it keeps one sample per run of
 * entries appended in the same millisecond: {@code (first seq of the run, millis)}. The append time
 * of a seq is the sample of the run it falls into. Memory is bounded by {@code capacity} samples:
 * beyond it the first two samples merge into the first, which makes the entries of the second run
 * look older than they are: a lag read from them is overstated, never understated.
 */
final class AppendTimes {

  private record Sample(long firstSeq, long millis) {}

  private final int capacity;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  AppendTimes(int capacity) {
    this.capacity = capacity;
  }

  /** Entry {@code seq} (after every recorded one) was appended at {@code millis}. */
  void record(long seq, long millis) {
    Sample last = samples.peekLast();
    if (last != null && last.millis() >= millis) {
      return;
    }
    samples.addLast(new Sample(seq, millis));
    if (samples.size() > capacity) {
      Sample first = samples.pollFirst();
      samples.pollFirst();
      samples.addFirst(first);
    }
  }

  /**
   * Append time of entry {@code seq}: that of the run it belongs to (the oldest kept if pruned).
   */
  long appendMillisOf(long seq) {
    Iterator<Sample> newestFirst = samples.descendingIterator();
    Sample sample = null;
    while (newestFirst.hasNext()) {
      sample = newestFirst.next();
      if (sample.firstSeq() <= seq) {
        return sample.millis();
      }
    }
    if (sample == null) {
      throw new IllegalStateException("no append time recorded");
    }
    return sample.millis();
  }

  /** Forgets the times of entries up to {@code seq}: every replica holds them. */
  void forgetThrough(long seq) {
    while (samples.size() > 1) {
      Sample first = samples.pollFirst();
      if (samples.peekFirst().firstSeq() > seq + 1) {
        samples.addFirst(first);
        return;
      }
    }
  }
}
