package io.switchboard.runtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import io.switchboard.runtime.store.MailboxIndexer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link DurableLog#appendUnforced} through seeded machine crashes on a {@link FakeDisk}: an
 * unforced record is acknowledged without an fsync, so a crash may lose it, but never a record
 * before it, and the next forced append makes it durable too.
 */
class UnforcedAppendCrashTest {

  private static final int SEEDS = 100;
  private static final int TYPE = 1;

  @Test
  void anUnforcedRecordMayBeLostInACrashButNothingBeforeIt() throws Exception {
    int lost = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      FakeDisk disk = new FakeDisk(seed);
      DurableLog log = open(disk);
      log.append(entry(0)).get(10, TimeUnit.SECONDS);
      long fsyncs = log.stats().fsyncs();
      log.appendUnforced(entry(1)).get(10, TimeUnit.SECONDS);
      assertThat(log.stats().fsyncs()).as("seed %d: no fsync of its own", seed).isEqualTo(fsyncs);
      log.halt();
      disk.crash();

      List<Integer> survived = recordsAfterReopening(disk);
      assertThat(survived).as("seed %d", seed).startsWith(0);
      if (survived.size() == 1) {
        lost++;
      } else {
        assertThat(survived).as("seed %d", seed).containsExactly(0, 1);
      }
    }
    assertThat(lost).as("crashes that lost the unforced record").isPositive();
  }

  @Test
  void theNextForcedAppendMakesAnUnforcedRecordDurable() throws Exception {
    for (long seed = 0; seed < SEEDS; seed++) {
      FakeDisk disk = new FakeDisk(seed);
      DurableLog log = open(disk);
      log.append(entry(0)).get(10, TimeUnit.SECONDS);
      log.appendUnforced(entry(1)).get(10, TimeUnit.SECONDS);
      log.append(entry(2)).get(10, TimeUnit.SECONDS);
      log.halt();
      disk.crash();

      assertThat(recordsAfterReopening(disk)).as("seed %d", seed).containsExactly(0, 1, 2);
    }
  }

  private static DurableLog open(FakeDisk disk) throws Exception {
    return DurableLog.open(
        disk,
        LogOptions.defaults(),
        FakeClock.at(Instant.parse("2026-11-27T00:00:00Z")),
        new MailboxIndexer(TYPE, entry -> entry.shardId()));
  }

  private static List<Integer> recordsAfterReopening(FakeDisk disk) throws Exception {
    List<Integer> present = new ArrayList<>();
    try (DurableLog reopened = open(disk)) {
      Iterator<LogRecord> records = reopened.readFrom(LogPosition.START);
      while (records.hasNext()) {
        present.add((int) records.next().entry().payload()[0]);
      }
    }
    return present;
  }

  private static LogEntry entry(int number) {
    return new LogEntry(TYPE, 7, 1, new byte[] {(byte) number, 1, 2, 3, 4, 5, 6, 7});
  }
}
