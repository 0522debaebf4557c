package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.sharding.ShardMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory bound: at most 32 bytes of index per stored message. The node leads one
 * European shard, so every user lands on it and every message is stored twice (the sender's and the
 * recipient's copy) without relaying: the index cost per copy is the same as across shards, and the
 * test stays fast.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IndexFootprintTest {

  private static final int USERS = 10_000;
  private static final int MESSAGES_PER_USER = 20;
  private static final int IN_FLIGHT = 20_000;

  @TempDir Path directory;

  @Test
  void tenThousandUsersSendingTwentyMessagesEachCostAtMost32IndexBytesPerStoredMessage()
      throws IOException {
    ShardMap oneEuropeanShard =
        Topologies.ledBy(
            shard ->
                shard >= 256 && shard < 512 && shard != 300
                    ? Topologies.OTHER_NODE
                    : Topologies.NODE);
    try (TestNode node = TestNode.open(directory, MessagingLimits.defaults(), oneEuropeanShard)) {
      List<Long> users = new ArrayList<>(USERS);
      List<CompletableFuture<Registration>> registering = new ArrayList<>();
      for (int i = 0; i < USERS; i++) {
        registering.add(node.service.register("user " + i, "europe"));
      }
      registering.forEach(registration -> users.add(await(registration).userId()));

      List<CompletableFuture<SendReceipt>> inFlight = new ArrayList<>(IN_FLIGHT);
      for (int round = 1; round <= MESSAGES_PER_USER; round++) {
        for (int i = 0; i < USERS; i++) {
          long recipient = users.get((i + round * 37) % USERS);
          inFlight.add(node.service.sendToUser(users.get(i), recipient, round, "message " + round));
          if (inFlight.size() == IN_FLIGHT) {
            inFlight.forEach(TestNode::await);
            inFlight.clear();
          }
        }
      }
      inFlight.forEach(TestNode::await);
      assertThat(node.state.pendingOutbox()).isEmpty();

      IndexFootprint footprint = node.state.indexFootprint();
      assertThat(footprint.storedMessages()).isEqualTo(2L * USERS * MESSAGES_PER_USER);
      assertThat(footprint.bytesPerStoredMessage()).isLessThanOrEqualTo(32);
      System.out.printf(
          "index: %d bytes for %d stored messages, %.1f bytes each%n",
          footprint.indexBytes(), footprint.storedMessages(), footprint.bytesPerStoredMessage());
      long replication = node.shards.indexBytes();
      System.out.printf(
          "replication index (seq to position): %d bytes, %.1f per stored message; together"
              + " %.1f bytes per stored message%n",
          replication,
          (double) replication / footprint.storedMessages(),
          (double) (footprint.indexBytes() + replication) / footprint.storedMessages());
      assertThat((double) (footprint.indexBytes() + replication) / footprint.storedMessages())
          .as("messaging and replication indexes together stay within the budget")
          .isLessThanOrEqualTo(32);
    }
  }
}
