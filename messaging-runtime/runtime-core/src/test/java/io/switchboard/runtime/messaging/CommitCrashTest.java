package io.switchboard.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.replication.node.ReplicatedShards;
import io.switchboard.runtime.replication.node.ReplicationRecords;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messaging over replicated shards on a real node log (ADR 0008, step 2): a crash in the middle of
 * a stream of sends loses no acknowledged send, and the state rebuilt from the log holds exactly
 * the committed entries.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CommitCrashTest {

  @TempDir Path directory;

  private TestNode node;

  @AfterEach
  void close() throws IOException {
    node.close();
  }

  @Test
  void aCrashMidStreamKeepsEveryAcknowledgedSendAndAppliesNothingUncommitted() throws Exception {
    node = TestNode.open(directory);
    long alice = node.registerUser("alice");
    long bob = node.registerUser("bob");
    List<CompletableFuture<SendReceipt>> sends = new CopyOnWriteArrayList<>();
    Thread sender =
        new Thread(
            () -> {
              for (int i = 1; i <= 20_000 && !Thread.currentThread().isInterrupted(); i++) {
                sends.add(node.service.sendToUser(alice, bob, i, "message " + i));
                if (i % 64 == 0) {
                  Thread.yield();
                }
              }
            });
    sender.start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(1))
        .until(
            () ->
                sends.stream()
                        .filter(send -> send.isDone() && !send.isCompletedExceptionally())
                        .count()
                    >= 300);

    node.log.halt();
    sender.interrupt();
    sender.join();
    List<Integer> acknowledgedPts = new ArrayList<>();
    for (CompletableFuture<SendReceipt> send : sends) {
      try {
        acknowledgedPts.add(send.get(20, TimeUnit.SECONDS).pts().orElseThrow());
      } catch (java.util.concurrent.ExecutionException failed) {
        // not acknowledged: lost or kept, both allowed
      }
    }
    assertThat(acknowledgedPts).hasSizeGreaterThanOrEqualTo(300);

    // The log as it is after the crash, without a service: only committed entries are applied.
    int aliceShard = Shards.shardOf(alice);
    MessagingState bare = new MessagingState(MessagingLimits.defaults());
    ReplicatedShards bareShards = new ReplicatedShards(bare);
    int committedSends;
    int allSends;
    try (DurableLog log = DurableLog.open(directory, node.setup.logOptions(), bareShards)) {
      List<Integer> kinds = new ArrayList<>();
      long commit = 0;
      for (Iterator<LogRecord> records = log.readFrom(log.startPosition()); records.hasNext(); ) {
        LogEntry entry = records.next().entry();
        if (entry.shardId() != aliceShard) {
          continue;
        }
        if (ReplicationRecords.isEntry(entry.type())) {
          kinds.add(entry.type());
        } else if (entry.type() == ReplicationRecords.COMMIT) {
          commit = ByteBuffer.wrap(entry.payload()).getLong();
        }
      }
      long committed = commit;
      committedSends =
          (int)
              IntStream.range(0, (int) committed)
                  .filter(i -> kinds.get(i) == CommandKind.SEND_MESSAGE.type())
                  .count();
      allSends =
          (int) kinds.stream().filter(kind -> kind == CommandKind.SEND_MESSAGE.type()).count();
      int visible = bare.mailboxAfter(alice, 0, 1).latestPts();

      assertThat(visible)
          .as("alice's mailbox holds exactly the committed sends")
          .isEqualTo(committedSends);
      assertThat(acknowledgedPts).allSatisfy(pts -> assertThat(pts).isLessThanOrEqualTo(visible));
      assertThat(bareShards.uncommittedEntries())
          .isEqualTo(kinds.size() - committed + uncommittedElsewhere(bareShards, aliceShard));
    }

    node = node.crashAndReopen();

    // Reopened with its service, the node leads the shard again: its first commit commits the
    // entries the crash left uncommitted.
    TestNode reopened = node;
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> reopened.service.mailboxPts(alice) >= allSends);
    List<MailboxMessage> mailbox = new ArrayList<>();
    List<MailboxMessage> page;
    do {
      page = node.service.getDifference(alice, mailbox.size(), 1000).messages();
      mailbox.addAll(page);
    } while (!page.isEmpty());
    assertThat(mailbox).hasSize(allSends);
    assertThat(mailbox)
        .extracting(MailboxMessage::pts)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, allSends).boxed().toList());
    assertThat(mailbox.stream().map(MailboxMessage::pts).toList()).containsAll(acknowledgedPts);
    assertThat(node.shards.uncommittedEntries()).isZero();
    assertThat(await(node.service.sendToUser(alice, bob, 1_000_000, "after")).pts())
        .hasValue(allSends + 1);
  }

  private static long uncommittedElsewhere(ReplicatedShards shards, int except) {
    long pending = 0;
    for (int shard : shards.shards()) {
      if (shard != except) {
        pending += shards.lastSeq(shard) - shards.commitSeq(shard);
      }
    }
    return pending;
  }

  private static <T> T await(CompletableFuture<T> future) {
    return TestNode.await(future);
  }
}
