package io.switchboard.runtime.testkit.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.replication.EpochRecord;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.replication.ShardImage;
import java.util.ArrayList;
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

  @Test
  void anInstalledImageReplacesTheLogAtOnceAndSurvivesACrash() {
    log.append(List.of(entry(1, 1), entry(2, 1), entry(3, 1), entry(4, 1)));
    log.commit(1);
    log.sync();
    log.append(List.of(entry(5, 1), entry(6, 1), entry(7, 1)));
    ShardImage image =
        image(List.of(entry(1, 1), entry(2, 1), entry(3, 2), entry(4, 2), entry(5, 2)));

    log.installImage(image);

    assertThat(log.imageSeq()).isEqualTo(5);
    assertThat(log.image()).containsSame(image);
    assertThat(log.lastSeq()).isEqualTo(5);
    assertThat(log.durableSeq()).isEqualTo(5);
    assertThat(log.commitSeq()).isEqualTo(5);
    assertThat(log.durableCommitSeq()).isEqualTo(5);
    assertThat(log.takeLowestRemovedSeq()).as("entries 6 and 7 are gone").isEqualTo(6);
    assertThat(log.epochOf(2)).isEqualTo(1);
    assertThat(log.epochOf(3)).isEqualTo(2);
    assertThat(log.entry(3)).as("decoded from the image").isEqualTo(entry(3, 2));
    assertThatThrownBy(() -> log.read(5, 100)).isInstanceOf(IllegalArgumentException.class);
    assertThat(log.read(6, 100)).isEmpty();
    assertThatThrownBy(() -> log.truncateAfter(4)).isInstanceOf(IllegalArgumentException.class);

    log.append(List.of(entry(6, 3)));
    log.crash();

    assertThat(log.image()).containsSame(image);
    assertThat(log.lastSeq()).isEqualTo(5);
    assertThat(log.commitSeq()).isEqualTo(5);
    assertThat(log.entry(5)).isEqualTo(entry(5, 2));
  }

  @Test
  void anImageWhoseStateIsNotItsEntriesIsRefused() {
    byte[] twoEntries = EncodedEntries.encode(List.of(entry(1, 1), entry(2, 2)));
    ShardImage wrongEpochs = new ShardImage(0, 2, 2, new long[] {1}, new long[] {1}, twoEntries);
    ShardImage wrongSeq = new ShardImage(0, 2, 3, new long[] {1, 2}, new long[] {1, 2}, twoEntries);

    assertThatThrownBy(() -> log.installImage(wrongEpochs))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.installImage(wrongSeq))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(log.imageSeq()).isZero();
  }

  @Test
  void anImageBelowTheCommitSeqIsRefused() {
    log.append(List.of(entry(1, 1), entry(2, 1)));
    log.commit(2);

    assertThatThrownBy(() -> log.installImage(image(List.of(entry(1, 1)))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void compactionTurnsTheDurablyCommittedPrefixIntoAnImageAndKeepsTheRest() {
    log.append(List.of(entry(1, 1), entry(2, 1), entry(3, 2), entry(4, 2)));
    log.commit(3);
    log.sync();
    log.commit(4);

    ShardImage compacted = log.compact(9).orElseThrow();

    assertThat(compacted).isEqualTo(image(9, 2, List.of(entry(1, 1), entry(2, 1), entry(3, 2))));
    assertThat(log.imageSeq()).isEqualTo(3);
    assertThat(log.lastSeq()).isEqualTo(4);
    assertThat(log.commitSeq()).isEqualTo(4);
    assertThat(log.read(4, 100)).containsExactly(entry(4, 2));
    assertThatThrownBy(() -> log.read(3, 100)).isInstanceOf(IllegalArgumentException.class);
    assertThat(log.entry(2)).isEqualTo(entry(2, 1));
    assertThat(log.compact(9)).as("nothing more is durably committed").isEmpty();

    log.crash();

    assertThat(log.imageSeq()).isEqualTo(3);
    assertThat(log.lastSeq()).isEqualTo(4);
    assertThat(log.commitSeq()).isEqualTo(3);
  }

  @Test
  void anImageOfTheCommittedPrefixIsMadeOnceAndMadeAgainRightAfterACrash() {
    log.append(List.of(entry(1, 1), entry(2, 1), entry(3, 1), entry(4, 2)));
    log.commit(2);
    log.sync();
    log.commit(4);

    ShardImage atFour = log.imageOf(0, 2, 4);

    assertThat(atFour)
        .isEqualTo(image(0, 2, List.of(entry(1, 1), entry(2, 1), entry(3, 1), entry(4, 2))));
    assertThat(log.imageOf(0, 2, 4)).isSameAs(atFour);
    assertThatThrownBy(() -> log.imageOf(0, 2, 5)).isInstanceOf(IllegalArgumentException.class);

    log.crash();
    assertThat(log.commitSeq()).isEqualTo(2);
    log.commit(4);
    log.sync();

    assertThat(log.imageOf(0, 2, 4)).isEqualTo(atFour);
    assertThat(log.compact(0)).hasValue(atFour);
    assertThat(log.entry(4)).isEqualTo(entry(4, 2));
  }

  @Test
  void encodedEntriesRoundTripAndRejectWhatIsNotEntriesOneToN() {
    List<ShardEntry> entries = List.of(entry(1, 1), entry(2, 3), entry(3, 3));

    assertThat(EncodedEntries.decode(EncodedEntries.encode(entries))).isEqualTo(entries);
    assertThat(EncodedEntries.decode(new byte[0])).isEmpty();
    byte[] fromTwo = EncodedEntries.encode(List.of(entry(1, 1), entry(2, 1)));
    byte[] truncated = java.util.Arrays.copyOf(fromTwo, fromTwo.length - 1);
    assertThatThrownBy(() -> EncodedEntries.parse(truncated))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EncodedEntries.encode(List.of(entry(2, 1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The image of {@code entries} (1 to n) at the epoch of the last, with its epoch history. */
  private static ShardImage image(List<ShardEntry> entries) {
    return image(0, entries.get(entries.size() - 1).epoch(), entries);
  }

  private static ShardImage image(int shard, long epoch, List<ShardEntry> entries) {
    List<Long> epochs = new ArrayList<>();
    List<Long> firstSeqs = new ArrayList<>();
    for (ShardEntry entry : entries) {
      if (epochs.isEmpty() || epochs.get(epochs.size() - 1) != entry.epoch()) {
        epochs.add(entry.epoch());
        firstSeqs.add(entry.seq());
      }
    }
    return new ShardImage(
        shard,
        epoch,
        entries.size(),
        epochs.stream().mapToLong(Long::longValue).toArray(),
        firstSeqs.stream().mapToLong(Long::longValue).toArray(),
        EncodedEntries.encode(entries));
  }

  private static ShardEntry entry(long seq, long epoch) {
    return new ShardEntry(seq, epoch, 1, new byte[] {(byte) seq, (byte) epoch});
  }
}
