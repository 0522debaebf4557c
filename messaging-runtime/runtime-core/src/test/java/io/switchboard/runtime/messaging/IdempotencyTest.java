package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IdempotencyTest {

  @TempDir Path directory;

  private TestNode node;

  @AfterEach
  void close() throws IOException {
    node.close();
  }

  @Test
  void aRetriedSendGetsTheOriginalReceiptAndAddsNothing() throws IOException {
    node = TestNode.open(directory);
    long alice = node.registerUser("alice");
    long bob = node.registerUser("bob");
    SendReceipt original = await(node.service.sendToUser(alice, bob, 77, "hi"));
    await(node.service.sendToUser(alice, bob, 78, "second"));
    node.setup.clock().advance(Duration.ofMinutes(5));

    SendReceipt retried = await(node.service.sendToUser(alice, bob, 77, "hi"));
    node.relayDue();

    assertThat(original.retry()).isFalse();
    assertThat(retried).isEqualTo(new SendReceipt(original.pts(), original.date(), true));
    assertThat(node.mailbox(alice)).extracting(MailboxMessage::randomId).containsExactly(77L, 78L);
    assertThat(node.mailbox(bob)).extracting(MailboxMessage::randomId).containsExactly(77L, 78L);
    assertThat(node.pushesTo(bob)).hasSize(2);
  }

  @Test
  void twoIdenticalSendsInFlightAtOnceMakeOneMessage() throws IOException {
    node = TestNode.open(directory);
    long alice = node.registerUser("alice");
    long bob = node.registerUser("bob");

    CompletableFuture<SendReceipt> first = node.service.sendToUser(alice, bob, 5, "once");
    CompletableFuture<SendReceipt> second = node.service.sendToUser(alice, bob, 5, "once");

    SendReceipt accepted = await(first);
    assertThat(accepted.retry()).isFalse();
    assertThat(await(second)).isEqualTo(new SendReceipt(accepted.pts(), accepted.date(), true));
    node.relayDue();
    assertThat(node.mailbox(alice)).hasSize(1);
    assertThat(node.mailbox(bob)).hasSize(1);
  }

  @Test
  void theWindowRemembersTheLastSendsOfEachSender() throws IOException {
    node =
        TestNode.open(
            directory,
            MessagingLimits.defaults().withIdempotencyWindow(4),
            Topologies.allLedHere());
    long alice = node.registerUser("alice");
    long bob = node.registerUser("bob");
    for (long randomId = 1; randomId <= 5; randomId++) {
      await(node.service.sendToUser(alice, bob, randomId, "message " + randomId));
    }

    SendReceipt withinWindow = await(node.service.sendToUser(alice, bob, 2, "message 2"));
    SendReceipt pastWindow = await(node.service.sendToUser(alice, bob, 1, "message 1"));

    assertThat(withinWindow.pts()).hasValue(2);
    assertThat(pastWindow.pts())
        .as("four other sends since: the original left the window, so this is a new message")
        .hasValue(6);
  }

  @Test
  void aRetriedGroupSendAndARetriedPostAreRecognisedToo() throws IOException {
    node = TestNode.open(directory);
    long alice = node.registerUser("alice");
    long bob = node.registerUser("bob");
    long group = await(node.service.createGroup(bob, "pair", List.of(alice)));
    long channel = await(node.service.createChannel(alice, "news"));

    SendReceipt groupSend = await(node.service.sendToGroup(alice, group, 9, "to the group"));
    PostReceipt post = await(node.service.post(alice, channel, 9, "to the channel"));
    node.setup.clock().advance(Duration.ofSeconds(30));

    assertThat(await(node.service.sendToGroup(alice, group, 9, "to the group")))
        .isEqualTo(new SendReceipt(groupSend.pts(), groupSend.date(), true));
    assertThat(await(node.service.post(alice, channel, 9, "to the channel"))).isEqualTo(post);
    node.relayDue();
    assertThat(node.mailbox(bob)).hasSize(1);
    assertThat(node.service.getChannelDifference(alice, channel, 0, 10).posts()).hasSize(1);
  }
}
