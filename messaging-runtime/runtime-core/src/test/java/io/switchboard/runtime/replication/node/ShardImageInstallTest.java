package io.switchboard.runtime.replication.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.replication.ShardImage;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import io.switchboard.runtime.store.RecoveryReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shard images on real node logs (ADR 0008, step 4): an image captured on one node is installed on
 * another, whose shard log then continues after the image's seq, and which keeps it across a
 * restart, whether the log replays from its start or from a checkpoint.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShardImageInstallTest {

  private static final int SHARD = 5;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path sourceDir;
  @TempDir Path replicaDir;

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final List<Node> opened = new ArrayList<>();

  /** One node's log with the shard's log over it. */
  private record Node(
      RecordingState state,
      ReplicatedShards shards,
      DurableLog log,
      NodeShardLog shardLog,
      Object lock) {}

  @AfterEach
  void stop() {
    opened.forEach(node -> node.log().halt());
    executor.shutdownNow();
  }

  private Node open(Path directory) throws IOException {
    RecordingState state = new RecordingState();
    ReplicatedShards shards = new ReplicatedShards(state);
    DurableLog log = DurableLog.open(directory, LogOptions.defaults(), shards);
    shards.serve(log);
    Object lock = new Object();
    NodeShardLog shardLog =
        new NodeShardLog(
            SHARD,
            log,
            shards,
            executor,
            lock,
            new NodeShardLog.Listener() {
              @Override
              public void durable() {}

              @Override
              public void commitDurable(long seq, java.util.List<Runnable> outsideLock) {}

              @Override
              public void failed(Throwable cause) {}
            });
    Node node = new Node(state, shards, log, shardLog, lock);
    opened.add(node);
    return node;
  }

  @Test
  void anInstalledImageRestartsTheShardsLogAfterItsSeqAndSurvivesRestarts() throws Exception {
    Node source = open(sourceDir);
    append(source, entries(1, 4, 1));
    append(source, entries(5, 7, 2));
    commit(source, 6);

    ReplicatedShards.ImageCapture capture = source.shards().captureImage(SHARD).get();
    assertThat(capture.seq()).isEqualTo(6);
    assertThat(capture.epochs()).containsExactly(1, 2);
    assertThat(capture.firstSeqs()).containsExactly(1, 5);
    ShardImage image = ShardImages.of(capture, 2, source.log());

    Node replica = open(replicaDir);
    synchronized (replica.lock()) {
      replica.shardLog().installImage(image);
      assertThat(replica.shardLog().lastSeq()).isEqualTo(6);
      assertThat(replica.shardLog().durableSeq()).isEqualTo(6);
      assertThat(replica.shardLog().commitSeq()).isEqualTo(6);
      assertThat(replica.shardLog().imageSeq()).isEqualTo(6);
      assertThat(replica.shardLog().epochOf(4)).isEqualTo(1);
      assertThat(replica.shardLog().epochOf(6)).isEqualTo(2);
    }
    List<RecordingState.Seen> copied = replica.state().seen();
    assertThat(withoutPositions(copied)).isEqualTo(withoutPositions(source.state().seen()));
    for (RecordingState.Seen one : copied) {
      LogEntry stored = replica.log().read(new LogPosition(one.position())).entry();
      assertThat(stored.type()).isEqualTo(ReplicationRecords.IMAGE_ITEM);
      assertThat(Arrays.toString(ReplicationRecords.unwrapped(stored).payload()))
          .isEqualTo(one.payload());
    }

    append(replica, entries(7, 8, 2));
    commit(replica, 8);
    List<RecordingState.Seen> expected = replica.state().seen();
    assertThat(expected).hasSize(8);

    replica.log().halt();
    Node replayed = open(replicaDir);
    assertSameShard(replayed, expected);

    replayed.log().close();
    Node fromCheckpoint = open(replicaDir);
    assertThat(fromCheckpoint.log().recoveryReport().checkpoint())
        .isEqualTo(RecoveryReport.CheckpointOutcome.USED);
    assertThat(fromCheckpoint.log().recoveryReport().recordsReplayed()).isZero();
    assertSameShard(fromCheckpoint, expected);
  }

  @Test
  void imagePartsCheckpointedBeforeTheirInstallAreStillInstalledAfterARestart() throws Exception {
    RecordingState origin = new RecordingState();
    origin.apply(
        new LogRecord(new LogPosition(0), new LogEntry(2, SHARD, 1, new byte[] {7, 7, 7})));
    origin.apply(new LogRecord(new LogPosition(40), new LogEntry(2, SHARD, 1, new byte[] {8})));
    byte[] state = origin.captureShard(SHARD).stateBytes();
    int half = state.length / 2;
    CRC32C crc = new CRC32C();
    crc.update(state);

    Node replica = open(replicaDir);
    replica
        .log()
        .append(
            new LogEntry(
                ReplicationRecords.IMAGE_PART, SHARD, 0, Arrays.copyOfRange(state, 0, half)))
        .get();
    replica.log().checkpoint().get();
    replica
        .log()
        .append(
            new LogEntry(
                ReplicationRecords.IMAGE_PART,
                SHARD,
                0,
                Arrays.copyOfRange(state, half, state.length)))
        .get();
    replica
        .log()
        .append(
            new ShardImageInstall(
                    3, new long[] {1}, new long[] {1}, state.length, (int) crc.getValue())
                .toRecord(SHARD))
        .get();
    replica.log().halt();

    Node restarted = open(replicaDir);
    assertThat(restarted.log().recoveryReport().checkpoint())
        .as("the first part comes from the checkpoint")
        .isEqualTo(RecoveryReport.CheckpointOutcome.USED);
    assertThat(restarted.shards().imageSeq(SHARD)).isEqualTo(3);
    assertThat(restarted.shards().commitSeq(SHARD)).isEqualTo(3);
    assertThat(restarted.state().seen()).isEqualTo(origin.seen());
  }

  private static void assertSameShard(Node node, List<RecordingState.Seen> expected) {
    assertThat(node.state().seen()).isEqualTo(expected);
    assertThat(node.shards().imageSeq(SHARD)).isEqualTo(6);
    assertThat(node.shards().lastSeq(SHARD)).isEqualTo(8);
    assertThat(node.shards().commitSeq(SHARD)).isEqualTo(8);
    assertThat(node.shards().epochOf(SHARD, 3)).isEqualTo(1);
    assertThat(node.shards().epochOf(SHARD, 8)).isEqualTo(2);
  }

  private static List<String> withoutPositions(List<RecordingState.Seen> seen) {
    return seen.stream()
        .map(one -> one.shard() + "/" + one.type() + "/" + one.epoch() + "/" + one.payload())
        .toList();
  }

  private void append(Node node, List<ShardEntry> entries) {
    long last = entries.get(entries.size() - 1).seq();
    synchronized (node.lock()) {
      node.shardLog().append(entries);
    }
    await()
        .atMost(WAIT)
        .until(
            () -> {
              synchronized (node.lock()) {
                return node.shardLog().durableSeq() >= last;
              }
            });
  }

  private static void commit(Node node, long seq) {
    synchronized (node.lock()) {
      node.shardLog().commit(seq);
    }
    await().atMost(WAIT).until(() -> node.shards().commitSeq(SHARD) == seq);
  }

  private static List<ShardEntry> entries(long from, long to, long epoch) {
    List<ShardEntry> entries = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      entries.add(new ShardEntry(seq, epoch, 2, new byte[] {(byte) seq, 42}));
    }
    return entries;
  }
}
