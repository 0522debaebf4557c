package io.switchboard.runtime.testkit;

import io.switchboard.runtime.store.LogStorage;
import io.switchboard.runtime.store.SegmentFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link LogStorage} that models what a machine crash does to a disk, for crash tests
 * and simulations of the durable log.
 *
 * <p>It keeps two views: what the running process sees (every append, truncation, creation and
 * deletion at once) and what is durable (only what was forced or, for the directory, synced).
 * {@link #crash()} replaces the process view by what a real disk may hold after power loss:
 *
 * <ol>
 *   <li>Each segment keeps its durable bytes plus a random prefix (possibly empty, possibly ending
 *       inside a record) of what was appended after its last force. A truncation that was not
 *       forced is either kept or lost.
 *   <li>A segment created or deleted since the last {@link #syncDirectory()} is randomly kept or
 *       lost.
 *   <li>The checkpoint is replaced atomically and durably, as the contract requires.
 *   <li>Every file handle opened before the crash fails from then on, like the handles of a dead
 *       process.
 * </ol>
 *
 * All randomness comes from the seed, so a failing run is reproduced by its seed. Thread-safe: one
 * lock guards the whole disk.
 */
public final class FakeDisk implements LogStorage {

  private final SplittableRandom random;
  private final Object lock = new Object();

  /** What the running process sees, by segment base position. */
  private final TreeMap<Long, FakeSegment> visible = new TreeMap<>();

  /** Segments whose existence is durable (created and synced, not yet deleted and synced). */
  private final TreeMap<Long, FakeSegment> durableDirectory = new TreeMap<>();

  private byte[] checkpoint;
  private long generation;
  private long forces;
  private boolean forcesStalled;
  private int stalledForces;

  public FakeDisk(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Simulates a power loss: see the class comment. Open segment handles become unusable. */
  public void crash() {
    synchronized (lock) {
      generation++;
      TreeMap<Long, FakeSegment> survivors = new TreeMap<>();
      for (Long base : union(visible, durableDirectory)) {
        boolean existsNow = visible.containsKey(base);
        boolean existsDurably = durableDirectory.containsKey(base);
        boolean survives = existsNow == existsDurably ? existsNow : random.nextBoolean();
        if (survives) {
          FakeSegment segment = existsNow ? visible.get(base) : durableDirectory.get(base);
          survivors.put(base, segment.afterCrash(random));
        }
      }
      visible.clear();
      visible.putAll(survivors);
      durableDirectory.clear();
      durableDirectory.putAll(survivors);
    }
  }

  /**
   * While stalled, every {@link SegmentFile#force()} blocks (interruptibly) before making anything
   * durable, so a test can crash the machine while written bytes are not yet durable.
   */
  public void stallForces(boolean stalled) {
    synchronized (lock) {
      forcesStalled = stalled;
      lock.notifyAll();
    }
  }

  /**
   * Waits until some thread is blocked in a stalled force.
   *
   * @return false if none was within the timeout
   */
  public boolean awaitStalledForce(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (stalledForces == 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /** How many times any segment was forced: lets tests check that batching happened. */
  public long forces() {
    synchronized (lock) {
      return forces;
    }
  }

  @Override
  public List<Long> segmentBases() {
    synchronized (lock) {
      return new ArrayList<>(visible.keySet());
    }
  }

  @Override
  public SegmentFile openSegment(long basePosition) throws IOException {
    synchronized (lock) {
      FakeSegment segment = visible.get(basePosition);
      if (segment == null) {
        throw new IOException("No segment at " + basePosition);
      }
      return new Handle(segment, generation);
    }
  }

  @Override
  public SegmentFile createSegment(long basePosition) throws IOException {
    synchronized (lock) {
      if (visible.containsKey(basePosition)) {
        throw new IOException("Segment " + basePosition + " exists");
      }
      FakeSegment segment = new FakeSegment();
      visible.put(basePosition, segment);
      return new Handle(segment, generation);
    }
  }

  @Override
  public void deleteSegment(long basePosition) throws IOException {
    synchronized (lock) {
      if (visible.remove(basePosition) == null) {
        throw new IOException("No segment at " + basePosition);
      }
    }
  }

  @Override
  public void syncDirectory() {
    synchronized (lock) {
      durableDirectory.clear();
      durableDirectory.putAll(visible);
    }
  }

  @Override
  public void replaceCheckpoint(CheckpointContent content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    content.writeTo(bytes);
    synchronized (lock) {
      checkpoint = bytes.toByteArray();
    }
  }

  @Override
  public Optional<InputStream> openCheckpoint() {
    synchronized (lock) {
      return Optional.ofNullable(checkpoint).map(ByteArrayInputStream::new);
    }
  }

  private static List<Long> union(Map<Long, ?> a, Map<Long, ?> b) {
    TreeMap<Long, Boolean> all = new TreeMap<>();
    a.keySet().forEach(k -> all.put(k, true));
    b.keySet().forEach(k -> all.put(k, true));
    return new ArrayList<>(all.keySet());
  }

  /** One segment's bytes: what the process sees and what was last forced. */
  private static final class FakeSegment {
    private byte[] current = new byte[0];
    private int currentLength;
    private byte[] durable = new byte[0];

    /** True when a truncation happened since the last force. */
    private boolean truncatedSinceForce;

    FakeSegment afterCrash(SplittableRandom random) {
      FakeSegment crashed = new FakeSegment();
      byte[] kept;
      if (truncatedSinceForce) {
        kept = random.nextBoolean() ? durable : Arrays.copyOf(current, currentLength);
      } else {
        int unforced = currentLength - durable.length;
        int keptTail = unforced <= 0 ? 0 : random.nextInt(unforced + 1);
        kept = Arrays.copyOf(current, durable.length + keptTail);
      }
      crashed.current = kept.clone();
      crashed.currentLength = kept.length;
      crashed.durable = kept.clone();
      return crashed;
    }
  }

  /** A handle of one process generation on a segment. */
  private final class Handle implements SegmentFile {
    private final FakeSegment segment;
    private final long openedInGeneration;
    private boolean closed;

    Handle(FakeSegment segment, long generation) {
      this.segment = segment;
      this.openedInGeneration = generation;
    }

    @Override
    public long size() throws IOException {
      synchronized (lock) {
        checkUsable();
        return segment.currentLength;
      }
    }

    @Override
    public void append(ByteBuffer source) throws IOException {
      synchronized (lock) {
        checkUsable();
        int length = source.remaining();
        if (segment.currentLength + length > segment.current.length) {
          segment.current =
              Arrays.copyOf(
                  segment.current,
                  Math.max(segment.currentLength + length, segment.current.length * 2));
        }
        source.get(segment.current, segment.currentLength, length);
        segment.currentLength += length;
      }
    }

    @Override
    public int read(ByteBuffer target, long offset) throws IOException {
      synchronized (lock) {
        checkUsable();
        if (offset >= segment.currentLength) {
          return -1;
        }
        int length = (int) Math.min(target.remaining(), segment.currentLength - offset);
        target.put(segment.current, (int) offset, length);
        return length;
      }
    }

    @Override
    public void force() throws IOException {
      synchronized (lock) {
        checkUsable();
        waitWhileStalled();
        checkUsable();
        segment.durable = Arrays.copyOf(segment.current, segment.currentLength);
        segment.truncatedSinceForce = false;
        forces++;
      }
    }

    @Override
    public void truncate(long size) throws IOException {
      synchronized (lock) {
        checkUsable();
        if (size < segment.currentLength) {
          segment.currentLength = (int) size;
          segment.truncatedSinceForce = true;
        }
      }
    }

    /** Nothing to give back: this disk writes nothing ahead of the appends. */
    @Override
    public void trimToSize() {}

    @Override
    public void close() {
      synchronized (lock) {
        closed = true;
      }
    }

    private void waitWhileStalled() throws InterruptedIOException {
      stalledForces++;
      lock.notifyAll();
      try {
        while (forcesStalled) {
          lock.wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("force interrupted");
      } finally {
        stalledForces--;
      }
    }

    private void checkUsable() throws IOException {
      if (closed) {
        throw new IOException("segment handle is closed");
      }
      if (openedInGeneration != generation) {
        throw new IOException("the disk crashed since this handle was opened");
      }
    }
  }
}
