package io.switchboard.runtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import io.switchboard.runtime.store.MailboxIndexer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The durable log on a {@link FakeDisk} through many seeded machine crashes. Each run:
 *
 * <ol>
 *   <li>appends a first batch and waits for every acknowledgement;
 *   <li>appends a second batch without waiting and halts the log mid-flight (the process dies), in
 *       half of the runs while the writer is blocked in the fsync of written bytes;
 *   <li>crashes the disk (unsynced bytes and directory changes may vanish, tails may tear);
 *   <li>reopens the log on the same disk.
 * </ol>
 *
 * Invariants checked after every run: every acknowledged record is present at its position with its
 * exact payload; the log holds a gapless prefix of what was appended (no corrupt or reordered
 * record survives recovery); the derived index counts exactly the records present. A failing seed
 * is named in the assertion message and reproduces on its own.
 */
class DurableLogCrashSimulationTest {

  private static final int SEEDS = 300;
  private static final int TYPE = 1;
  private static final LogOptions SMALL_SEGMENTS =
      LogOptions.defaults().withMaxSegmentBytes(2048).withCheckpointEveryBytes(8192);

  /** What one run's crash did, so the test can prove the interesting cases were exercised. */
  private record Outcome(boolean lostUnacknowledged, boolean tornTailTruncated) {}

  @Test
  void acknowledgedRecordsSurviveEveryCrash() throws Exception {
    int lostUnacknowledged = 0;
    int tornTails = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      Outcome outcome = runOnce(seed);
      lostUnacknowledged += outcome.lostUnacknowledged() ? 1 : 0;
      tornTails += outcome.tornTailTruncated() ? 1 : 0;
    }
    assertThat(lostUnacknowledged).as("runs whose crash lost unacknowledged records").isPositive();
    assertThat(tornTails).as("runs whose recovery truncated a torn tail").isPositive();
  }

  private static Outcome runOnce(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    FakeDisk disk = new FakeDisk(seed);
    FakeClock clock = FakeClock.at(Instant.parse("2026-11-25T00:00:00Z"));
    List<byte[]> appended = new ArrayList<>();
    List<LogPosition> acknowledged = new ArrayList<>();
    List<Integer> acknowledgedSequence = new ArrayList<>();

    DurableLog log = DurableLog.open(disk, SMALL_SEGMENTS, clock, indexer());
    int firstBatch = random.nextInt(40);
    List<CompletableFuture<LogPosition>> pending = new ArrayList<>();
    for (int i = 0; i < firstBatch; i++) {
      pending.add(append(log, appended, random));
    }
    for (int i = 0; i < pending.size(); i++) {
      acknowledged.add(pending.get(i).get(10, TimeUnit.SECONDS));
      acknowledgedSequence.add(i);
    }
    // In half of the runs the process dies while its last batch is written but not yet durable.
    boolean dieDuringFsync = random.nextBoolean();
    disk.stallForces(dieDuringFsync);
    List<CompletableFuture<LogPosition>> inFlight = new ArrayList<>();
    int secondBatch = 1 + random.nextInt(40);
    for (int i = 0; i < secondBatch; i++) {
      inFlight.add(append(log, appended, random));
    }
    if (dieDuringFsync) {
      assertThat(disk.awaitStalledForce(Duration.ofSeconds(10)))
          .as("seed %d: the writer reached its fsync", seed)
          .isTrue();
    }
    log.halt();
    disk.stallForces(false);
    for (int i = 0; i < inFlight.size(); i++) {
      CompletableFuture<LogPosition> future = inFlight.get(i);
      if (future.isDone() && !future.isCompletedExceptionally()) {
        acknowledged.add(future.join());
        acknowledgedSequence.add(firstBatch + i);
      }
    }
    disk.crash();

    MailboxIndexer index = indexer();
    try (DurableLog reopened = DurableLog.open(disk, SMALL_SEGMENTS, clock, index)) {
      for (int i = 0; i < acknowledged.size(); i++) {
        LogRecord record = reopened.read(acknowledged.get(i));
        assertThat(record.entry().payload())
            .as("seed %d: acknowledged record %d", seed, acknowledgedSequence.get(i))
            .isEqualTo(appended.get(acknowledgedSequence.get(i)));
      }
      int present = 0;
      Iterator<LogRecord> records = reopened.readFrom(LogPosition.START);
      while (records.hasNext()) {
        byte[] payload = records.next().entry().payload();
        assertThat(sequenceOf(payload)).as("seed %d: record order", seed).isEqualTo(present);
        assertThat(payload)
            .as("seed %d: record %d intact", seed, present)
            .isEqualTo(appended.get(present));
        present++;
      }
      assertThat(present)
          .as("seed %d: acknowledged records present", seed)
          .isGreaterThanOrEqualTo(acknowledged.size());
      assertThat(index.entries()).as("seed %d: index matches the log", seed).isEqualTo(present);
      return new Outcome(present < appended.size(), reopened.recoveryReport().truncatedBytes() > 0);
    }
  }

  private static CompletableFuture<LogPosition> append(
      DurableLog log, List<byte[]> appended, SplittableRandom random) {
    byte[] payload = new byte[8 + random.nextInt(300)];
    random.nextBytes(payload);
    ByteBuffer.wrap(payload).putLong(0, appended.size());
    appended.add(payload);
    return log.append(
        new LogEntry(TYPE, random.nextInt(1024), 1, Arrays.copyOf(payload, payload.length)));
  }

  private static int sequenceOf(byte[] payload) {
    return (int) ByteBuffer.wrap(payload).getLong(0);
  }

  private static MailboxIndexer indexer() {
    return new MailboxIndexer(TYPE, entry -> entry.shardId());
  }
}
