package io.switchboard.runtime.messaging;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * The index of one channel's posts, bucketed by (channel, year-month) as the design document lays
 * out large channels: each bucket holds the log positions of one month's posts, a contiguous pts
 * range. Post bodies stay in the log, stored once.
 *
 * <p>Bucketing: a post goes into the bucket of the UTC year-month of its date. A post dated in an
 * earlier month than the newest bucket (a leader's clock behind its predecessor's) goes into the
 * newest bucket instead, so months strictly increase from bucket to bucket and every bucket stays a
 * contiguous pts range; a post is therefore never in a bucket earlier than its date's month.
 *
 * <p>Invariants: pts run 1, 2, 3, ... with no gaps; positions strictly increase with pts; like
 * {@link Mailbox}, array prefixes are never overwritten, so {@link #copy()} shares the arrays.
 *
 * <p>Not thread-safe; {@link MessagingState} guards it.
 */
final class ChannelPosts {

  private static final int BUCKET_FIELD_BYTES = 3 * Integer.BYTES + MemoryLayout.REFERENCE_BYTES;

  private final List<Bucket> buckets;
  private int lastPts;

  ChannelPosts() {
    this(new ArrayList<>(), 0);
  }

  private ChannelPosts(List<Bucket> buckets, int lastPts) {
    this.buckets = buckets;
    this.lastPts = lastPts;
  }

  /** One month's posts; {@code positions[i]} is the post with pts {@code firstPts + i}. */
  private static final class Bucket {
    final int month;
    final int firstPts;
    long[] positions;
    int count;

    Bucket(int month, int firstPts, long[] positions, int count) {
      this.month = month;
      this.firstPts = firstPts;
      this.positions = positions;
      this.count = count;
    }

    Bucket copy() {
      return new Bucket(month, firstPts, positions, count);
    }
  }

  /**
   * Appends a post.
   *
   * @return its pts
   */
  int append(long position, Instant date) {
    int month = monthIndex(date);
    Bucket newest = buckets.isEmpty() ? null : buckets.get(buckets.size() - 1);
    if (newest == null || month > newest.month) {
      newest = new Bucket(month, lastPts + 1, new long[4], 0);
      buckets.add(newest);
    } else if (position <= newest.positions[newest.count - 1]) {
      throw new IllegalArgumentException("position " + position + " is not after the last post");
    }
    if (newest.count == newest.positions.length) {
      newest.positions = Arrays.copyOf(newest.positions, newest.count + (newest.count >> 1) + 1);
    }
    newest.positions[newest.count++] = position;
    return ++lastPts;
  }

  int lastPts() {
    return lastPts;
  }

  /** Log position of the post with pts {@code pts}, from 1 to {@link #lastPts()}. */
  long position(int pts) {
    if (pts < 1 || pts > lastPts) {
      throw new IndexOutOfBoundsException("pts " + pts + " is outside 1.." + lastPts);
    }
    Bucket bucket = buckets.get(bucketIndexOf(pts));
    return bucket.positions[pts - bucket.firstPts];
  }

  /** The pts of the post at {@code position}, if this channel holds one there. */
  OptionalInt ptsOf(long position) {
    for (int i = buckets.size() - 1; i >= 0; i--) {
      Bucket bucket = buckets.get(i);
      if (bucket.positions[0] <= position) {
        int index = Arrays.binarySearch(bucket.positions, 0, bucket.count, position);
        return index >= 0 ? OptionalInt.of(bucket.firstPts + index) : OptionalInt.empty();
      }
    }
    return OptionalInt.empty();
  }

  /** The buckets, oldest first. */
  List<ChannelBucket> buckets(long channelId) {
    List<ChannelBucket> keys = new ArrayList<>(buckets.size());
    for (Bucket bucket : buckets) {
      keys.add(
          new ChannelBucket(channelId, yearMonth(bucket.month), bucket.firstPts, bucket.count));
    }
    return keys;
  }

  /** A copy sharing the position arrays; see the class invariants. Only to be read. */
  ChannelPosts copy() {
    List<Bucket> copies = new ArrayList<>(buckets.size());
    for (Bucket bucket : buckets) {
      copies.add(bucket.copy());
    }
    return new ChannelPosts(copies, lastPts);
  }

  /** Bytes of the buckets and their arrays; see {@link IndexFootprint}. */
  long accountedBytes() {
    long bytes = MemoryLayout.object(2L * MemoryLayout.REFERENCE_BYTES + Integer.BYTES);
    for (Bucket bucket : buckets) {
      bytes +=
          MemoryLayout.object(BUCKET_FIELD_BYTES) + MemoryLayout.longArray(bucket.positions.length);
    }
    return bytes;
  }

  /** Writes the number of buckets, then per bucket its month, first pts, count and positions. */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(buckets.size());
    for (Bucket bucket : buckets) {
      out.writeInt(bucket.month);
      out.writeInt(bucket.firstPts);
      out.writeInt(bucket.count);
      for (int i = 0; i < bucket.count; i++) {
        out.writeLong(bucket.positions[i]);
      }
    }
  }

  /** Hands every log position the index holds to {@code action}, in pts order. */
  void forEachPosition(LongConsumer action) {
    for (Bucket bucket : buckets) {
      for (int i = 0; i < bucket.count; i++) {
        action.accept(bucket.positions[i]);
      }
    }
  }

  /**
   * Reads what {@link #writeTo} wrote with every position {@code p} replaced by {@code
   * newPosition.applyAsLong(p)}, checking that buckets are contiguous and ordered and that the new
   * positions increase.
   */
  static ChannelPosts readFrom(DataInput in, LongUnaryOperator newPosition) throws IOException {
    int bucketCount = SnapshotChecks.count(in.readInt(), "channel buckets");
    List<Bucket> buckets = new ArrayList<>(bucketCount);
    int lastPts = 0;
    long lastPosition = -1;
    for (int b = 0; b < bucketCount; b++) {
      int month = in.readInt();
      int firstPts = in.readInt();
      int count = SnapshotChecks.count(in.readInt(), "posts in a bucket");
      if (firstPts != lastPts + 1
          || count == 0
          || (!buckets.isEmpty() && month <= buckets.get(buckets.size() - 1).month)) {
        throw new IOException("channel buckets are not contiguous and ordered at bucket " + b);
      }
      long[] positions = new long[count];
      for (int i = 0; i < count; i++) {
        positions[i] = newPosition.applyAsLong(in.readLong());
        if (positions[i] <= lastPosition) {
          throw new IOException("channel post positions do not increase");
        }
        lastPosition = positions[i];
      }
      buckets.add(new Bucket(month, firstPts, positions, count));
      lastPts += count;
    }
    return new ChannelPosts(buckets, lastPts);
  }

  private int bucketIndexOf(int pts) {
    int low = 0;
    int high = buckets.size() - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (buckets.get(middle).firstPts <= pts) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  private static int monthIndex(Instant date) {
    YearMonth month = YearMonth.from(date.atOffset(ZoneOffset.UTC));
    return month.getYear() * 12 + month.getMonthValue() - 1;
  }

  private static YearMonth yearMonth(int monthIndex) {
    return YearMonth.of(Math.floorDiv(monthIndex, 12), Math.floorMod(monthIndex, 12) + 1);
  }
}
