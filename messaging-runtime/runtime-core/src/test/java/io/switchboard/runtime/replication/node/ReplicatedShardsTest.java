package io.switchboard.runtime.replication.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.replication.EpochRecord;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import io.switchboard.runtime.store.RecoveryReport.CheckpointOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The node log's state machine: entries are applied at commit, truncations drop pending ones. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplicatedShardsTest {

  private static final int SHARD = 7;
  private static final int OTHER = 9;

  @TempDir Path directory;

  private final RecordingState state = new RecordingState();
  private final ReplicatedShards shards = new ReplicatedShards(state);
  private long nextPosition = 100;

  @Test
  void entriesAreAppliedOnlyWhenACommitCoversThemInSeqOrderWithTheirRecords() {
    LogRecord start = entry(SHARD, ShardEntry.EPOCH_START, 1, "");
    LogRecord first = entry(SHARD, 2, 1, "a");
    LogRecord other = entry(OTHER, 2, 1, "x");
    LogRecord second = entry(SHARD, 3, 1, "b");
    List.of(start, first, other, second).forEach(shards::apply);

    assertThat(state.seen()).isEmpty();
    assertThat(shards.lastSeq(SHARD)).isEqualTo(3);
    assertThat(shards.uncommittedEntries()).isEqualTo(4);

    shards.apply(commit(SHARD, 2));

    assertThat(state.seen())
        .as("the EPOCH_START entry is not passed on; positions are the entries' own")
        .extracting(RecordingState.Seen::position)
        .containsExactly(first.position().offset());
    assertThat(shards.commitSeq(SHARD)).isEqualTo(2);
    assertThat(shards.positionOf(SHARD, 3)).isEqualTo(second.position());

    shards.apply(commit(SHARD, 1));
    assertThat(state.seen()).as("an older commit changes nothing").hasSize(1);

    shards.apply(commit(SHARD, 3));
    shards.apply(commit(OTHER, 1));
    assertThat(state.seen())
        .extracting(RecordingState.Seen::position)
        .containsExactly(
            first.position().offset(), second.position().offset(), other.position().offset());
    assertThat(shards.uncommittedEntries()).isZero();
  }

  @Test
  void aTruncateDropsUncommittedEntriesWhichAreNeverAppliedAndRefusesCommittedOnes() {
    shards.apply(entry(SHARD, 2, 1, "a"));
    shards.apply(entry(SHARD, 2, 1, "b"));
    shards.apply(entry(SHARD, 2, 1, "c"));
    shards.apply(commit(SHARD, 1));

    shards.apply(truncate(SHARD, 1));
    LogRecord replacement = entry(SHARD, 2, 2, "B");
    shards.apply(replacement);
    shards.apply(commit(SHARD, 2));

    assertThat(state.seen())
        .extracting(RecordingState.Seen::payload)
        .containsExactly("[97]", "[66]");
    assertThat(shards.positionOf(SHARD, 2)).isEqualTo(replacement.position());
    assertThat(shards.epochOf(SHARD, 2)).isEqualTo(2);
    assertThatThrownBy(() -> shards.apply(truncate(SHARD, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("committed");
    assertThatThrownBy(() -> shards.apply(commit(SHARD, 5)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void epochRecordsAndRecordsOfOtherTypesAreKeptAndPassedOn() {
    shards.apply(
        record(
            SHARD,
            new LogEntry(
                ReplicationRecords.EPOCH_RECORD,
                SHARD,
                0,
                ReplicationRecords.epochRecord(SHARD, new EpochRecord(4, 3)).payload())));
    LogRecord foreign = record(SHARD, new LogEntry(200, SHARD, 0, new byte[] {1}));
    shards.apply(foreign);

    assertThat(shards.epochRecord(SHARD)).isEqualTo(new EpochRecord(4, 3));
    assertThat(state.seen())
        .extracting(RecordingState.Seen::position)
        .containsExactly(foreign.position().offset());
  }

  @Test
  void aSnapshotWithPendingEntriesRestoresTheSameStateAndLaterCommitsApplyThem()
      throws IOException {
    shards.apply(entry(SHARD, ShardEntry.EPOCH_START, 1, ""));
    shards.apply(entry(SHARD, 2, 1, "a"));
    shards.apply(commit(SHARD, 2));
    LogRecord pending = entry(SHARD, 2, 1, "b");
    shards.apply(pending);
    byte[] written = bytesOf(shards);

    RecordingState restoredState = new RecordingState();
    ReplicatedShards restored = new ReplicatedShards(restoredState);
    restored.restore(new DataInputStream(new ByteArrayInputStream(written)));
    assertThat(bytesOf(restored)).isEqualTo(written);
    assertThat(restored.lastSeq(SHARD)).isEqualTo(3);
    assertThat(restored.commitSeq(SHARD)).isEqualTo(2);

    restored.apply(commit(SHARD, 3));
    assertThat(restoredState.seen())
        .extracting(RecordingState.Seen::position)
        .endsWith(pending.position().offset());
  }

  @Test
  void aReplayAfterACrashAndACheckpointPlusReplayRebuildTheSameState() throws IOException {
    byte[] live;
    DurableLog log = DurableLog.open(directory, LogOptions.defaults(), shards);
    try {
      write(log, 0, 40);
      log.checkpoint().join();
      write(log, 40, 80);
      live = bytesOf(shards);
    } finally {
      log.halt();
    }

    ReplicatedShards fromCheckpoint = new ReplicatedShards(new RecordingState());
    try (DurableLog reopened = DurableLog.open(directory, LogOptions.defaults(), fromCheckpoint)) {
      assertThat(reopened.recoveryReport().checkpoint()).isEqualTo(CheckpointOutcome.USED);
      assertThat(bytesOf(fromCheckpoint)).isEqualTo(live);
    }
    // Closing published a final checkpoint: drop it for a full replay.
    java.nio.file.Files.list(directory.resolve("log"))
        .filter(path -> path.getFileName().toString().startsWith("checkpoint"))
        .forEach(path -> path.toFile().delete());
    ReplicatedShards replayed = new ReplicatedShards(new RecordingState());
    try (DurableLog reopened = DurableLog.open(directory, LogOptions.defaults(), replayed)) {
      assertThat(reopened.recoveryReport().checkpoint()).isEqualTo(CheckpointOutcome.ABSENT);
      assertThat(bytesOf(replayed)).isEqualTo(live);
      assertThat(replayed.uncommittedEntries())
          .as("the last entries were never committed")
          .isPositive();
    }
  }

  @Test
  void truncatingTheWholeLogRebuildsTheStateOfTheKeptRecords() throws IOException {
    try (DurableLog log = DurableLog.open(directory, LogOptions.defaults(), shards)) {
      shards.serve(log);
      LogPosition lastKept = write(log, 0, 30);
      byte[] kept = bytesOf(shards);
      write(log, 30, 60);
      assertThat(bytesOf(shards)).isNotEqualTo(kept);

      log.truncateAfter(lastKept).join();

      assertThat(bytesOf(shards)).isEqualTo(kept);
    }
  }

  private final long[] seqs = new long[2];
  private final long[] committed = new long[2];

  /**
   * Writes entries {@code from} to {@code to} alternating over two shards, committing all but the
   * last entry of the shard every third one and truncating an uncommitted last entry every seventh;
   * returns the last record's position.
   */
  private LogPosition write(DurableLog log, int from, int to) {
    List<java.util.concurrent.CompletableFuture<LogPosition>> written = new ArrayList<>();
    for (int i = from; i < to; i++) {
      int which = i % 2;
      int shard = which == 0 ? SHARD : OTHER;
      long seq = ++seqs[which];
      written.add(
          log.append(
              ReplicationRecords.entry(
                  shard, new ShardEntry(seq, 1 + i / 25, 2, new byte[] {(byte) i}))));
      if (i % 3 == 2 && seq > 1) {
        committed[which] = seq - 1;
        written.add(log.append(ReplicationRecords.commit(shard, seq - 1)));
      }
      if (i % 7 == 6 && seq > committed[which]) {
        seqs[which]--;
        written.add(log.append(ReplicationRecords.truncate(shard, seq - 1)));
      }
    }
    LogPosition last = null;
    for (var future : written) {
      last = future.join();
    }
    return last;
  }

  private LogRecord entry(int shard, int kind, int epoch, String payload) {
    return record(shard, new LogEntry(kind, shard, epoch, payload.getBytes()));
  }

  private LogRecord commit(int shard, long seq) {
    return record(shard, ReplicationRecords.commit(shard, seq));
  }

  private LogRecord truncate(int shard, long afterSeq) {
    return record(shard, ReplicationRecords.truncate(shard, afterSeq));
  }

  private LogRecord record(int shard, LogEntry entry) {
    LogRecord record = new LogRecord(new LogPosition(nextPosition), entry);
    nextPosition += 100;
    return record;
  }

  static byte[] bytesOf(ReplicatedShards shards) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    shards.snapshot().writeTo(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
