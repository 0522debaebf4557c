package io.switchboard.runtime.testkit.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.replication.EpochRecord;
import io.switchboard.runtime.replication.ShardEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeShardLogTest {

  private final FakeShardLog log = new FakeShardLog();

  @Test
  void aCrashKeepsOnlyWhatWasSynced() {
    log.append(List.of(entry(1, 1), entry(2, 1)));
    log.commit(1);
    log.sync();
    log.append(List.of(entry(3, 1)));
    log.commit(3);

    log.crash();

    assertThat(log.lastSeq()).isEqualTo(2);
    assertThat(log.durableSeq()).isEqualTo(2);
    assertThat(log.commitSeq()).isEqualTo(1);
  }

  @Test
  void aCrashUndoesATruncationThatWasNotSynced() {
    log.append(List.of(entry(1, 1), entry(2, 1), entry(3, 1)));
    log.sync();
    log.truncateAfter(1);
    log.append(List.of(entry(2, 2)));

    assertThat(log.durableSeq()).isEqualTo(1);
    assertThat(log.takeLowestRemovedSeq()).isEqualTo(2);
    assertThat(log.takeLowestRemovedSeq()).isEqualTo(Long.MAX_VALUE);

    log.crash();

    assertThat(log.lastSeq()).isEqualTo(3);
    assertThat(log.entry(2)).isEqualTo(entry(2, 1));
  }

  @Test
  void aSyncedTruncationSurvivesACrash() {
    log.append(List.of(entry(1, 1), entry(2, 1)));
    log.sync();
    log.truncateAfter(1);
    log.append(List.of(entry(2, 2)));
    log.sync();

    log.crash();

    assertThat(log.lastSeq()).isEqualTo(2);
    assertThat(log.entry(2)).isEqualTo(entry(2, 2));
  }

  @Test
  void theEpochRecordIsDurableAtOnce() {
    log.storeEpochRecord(new EpochRecord(3, 2));

    log.crash();

    assertThat(log.epochRecord()).isEqualTo(new EpochRecord(3, 2));
  }

  @Test
  void readsAtLeastOneEntryThenStaysWithinTheByteBound() {
    log.append(
        List.of(
            new ShardEntry(1, 1, 1, new byte[10]),
            new ShardEntry(2, 1, 1, new byte[10]),
            new ShardEntry(3, 1, 1, new byte[10])));

    assertThat(log.read(1, 5)).hasSize(1);
    assertThat(log.read(1, 20)).hasSize(2);
    assertThat(log.read(4, 20)).isEmpty();
  }

  private static ShardEntry entry(long seq, long epoch) {
    return new ShardEntry(seq, epoch, 1, new byte[] {(byte) seq, (byte) epoch});
  }
}
