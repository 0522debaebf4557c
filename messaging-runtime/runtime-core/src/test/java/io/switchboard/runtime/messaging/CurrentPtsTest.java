package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.Shards;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link MessagingService#mailboxPts} and {@link MessagingService#channelPts}. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CurrentPtsTest {

  @TempDir Path directory;

  private TestNode node;

  @BeforeEach
  void open() throws IOException {
    node = TestNode.open(directory);
  }

  @AfterEach
  void close() throws IOException {
    node.close();
  }

  @Test
  void theMailboxPtsIsThePtsOfTheNewestUpdate() {
    long alice = node.registerUser("alice");
    long bob = node.registerUser("bob");
    assertThat(node.service.mailboxPts(alice)).isZero();

    for (int i = 1; i <= 3; i++) {
      await(node.service.sendToUser(alice, bob, i, "hello " + i));
    }
    node.relayDue();

    assertThat(node.service.mailboxPts(alice)).isEqualTo(3);
    assertThat(node.service.mailboxPts(bob))
        .isEqualTo(3)
        .isEqualTo(node.service.getDifference(bob, 0, 1).latestPts());
  }

  @Test
  void theMailboxPtsOfAnUnknownUserIsRefused() {
    long alice = node.registerUser("alice");

    assertThatThrownBy(() -> node.service.mailboxPts(alice + Shards.COUNT * 1000L))
        .isInstanceOfSatisfying(
            MessagingException.class,
            refused -> assertThat(refused.rejection()).isEqualTo(Rejection.UNKNOWN_USER));
  }

  @Test
  void theChannelPtsIsThePtsOfTheNewestPostOrZero() {
    long owner = node.registerUser("owner");
    long channelId = await(node.service.createChannel(owner, "news"));
    assertThat(node.service.channelPts(channelId)).isZero();

    for (int i = 1; i <= 4; i++) {
      await(node.service.post(owner, channelId, i, "post " + i));
    }

    assertThat(node.service.channelPts(channelId)).isEqualTo(4);
    assertThat(node.service.channelPts(channelId + Shards.COUNT * 1000L)).isZero();
    assertThatThrownBy(() -> node.service.channelPts(0))
        .isInstanceOfSatisfying(
            MessagingException.class,
            refused -> assertThat(refused.rejection()).isEqualTo(Rejection.UNKNOWN_PEER));
  }

  @Test
  void bothAreServedByTheShardsLeaderOnly() {
    long owner = node.registerUser("owner");
    long channelId = await(node.service.createChannel(owner, "news"));
    int shard = Shards.shardOf(owner);

    node.setup
        .shardMap()
        .updateAndGet(map -> map.with(new ReplicaSet(shard, 2, Topologies.OTHER_NODE, List.of())));

    assertThatThrownBy(() -> node.service.mailboxPts(owner))
        .isInstanceOfSatisfying(
            NotLeaderException.class,
            notLeader ->
                assertThat(notLeader.redirect().primary()).isEqualTo(Topologies.OTHER_NODE));
    assertThatThrownBy(() -> node.service.channelPts(channelId))
        .isInstanceOf(NotLeaderException.class);
  }
}
