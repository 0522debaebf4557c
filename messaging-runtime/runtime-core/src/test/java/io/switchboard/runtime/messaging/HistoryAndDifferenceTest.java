package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.sharding.Shards;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HistoryAndDifferenceTest {

  @TempDir Path directory;

  private TestNode node;
  private long alice;
  private long bob;
  private long carol;

  @BeforeEach
  void open() throws IOException {
    node = TestNode.open(directory);
    alice = node.registerUser("alice");
    bob = node.registerUser("bob");
    carol = node.registerUser("carol");
    for (int i = 0; i < 30; i++) {
      switch (i % 3) {
        case 0 -> await(node.service.sendToUser(alice, bob, i, "alice to bob " + i));
        case 1 -> await(node.service.sendToUser(bob, alice, i, "bob to alice " + i));
        default -> await(node.service.sendToUser(carol, alice, i, "carol to alice " + i));
      }
    }
    node.relayDue();
  }

  @AfterEach
  void close() throws IOException {
    node.close();
  }

  @Test
  void historyPagesThroughOneConversationNewestFirst() {
    List<MailboxMessage> all = new ArrayList<>();
    int offset = 0;
    List<MailboxMessage> page;
    do {
      page = node.service.history(alice, Peer.user(bob), offset, 7);
      assertThat(page.size()).isLessThanOrEqualTo(7);
      all.addAll(page);
      offset = page.isEmpty() ? offset : page.get(page.size() - 1).pts();
    } while (!page.isEmpty());

    assertThat(all).hasSize(20);
    assertThat(all).isSortedAccordingTo(Comparator.comparingInt(MailboxMessage::pts).reversed());
    assertThat(all).allSatisfy(message -> assertThat(message.peer()).isEqualTo(Peer.user(bob)));
    assertThat(all.get(0).text()).isEqualTo("bob to alice 28");
    assertThat(all.get(19).text()).isEqualTo("alice to bob 0");
    assertThat(node.service.history(alice, Peer.user(carol), 0, 100))
        .extracting(MailboxMessage::senderId)
        .hasSize(10)
        .containsOnly(carol);
  }

  @Test
  void historyOfAPeerThatCannotBeReadIsRefusedNotEmpty() {
    long group = await(node.service.createGroup(alice, "pair", List.of(bob)));
    long nobody = alice + 1000L * Shards.COUNT;

    assertThat(historyRefusal(alice, Peer.user(nobody))).isEqualTo(Rejection.UNKNOWN_PEER);
    assertThat(historyRefusal(alice, Peer.group(group + Shards.COUNT)))
        .isEqualTo(Rejection.UNKNOWN_PEER);
    assertThat(historyRefusal(carol, Peer.group(group))).isEqualTo(Rejection.NOT_A_MEMBER);
    assertThat(node.service.history(bob, Peer.group(group), 0, 10)).isEmpty();
  }

  private Rejection historyRefusal(long userId, Peer peer) {
    try {
      List<MailboxMessage> page = node.service.history(userId, peer, 0, 10);
      throw new AssertionError("history of " + peer + " was served, not refused: " + page);
    } catch (MessagingException refused) {
      return refused.rejection();
    }
  }

  @Test
  void getDifferenceReturnsExactlyTheMissedUpdatesInOrder() {
    List<MailboxMessage> everything = node.mailbox(alice);
    assertThat(everything).hasSize(30);
    int seen = 12;

    List<MailboxMessage> missed = new ArrayList<>();
    Difference difference;
    do {
      difference = node.service.getDifference(alice, seen, 5);
      assertThat(difference.messages().size()).isLessThanOrEqualTo(5);
      missed.addAll(difference.messages());
      seen += difference.messages().size();
    } while (seen < difference.latestPts());

    assertThat(missed).isEqualTo(everything.subList(12, 30));
    assertThat(node.service.getDifference(alice, 30, 5).messages()).isEmpty();
  }

  @Test
  void pushedUpdatesAreTheUpdatesTheDifferenceReturns() {
    assertThat(node.pushesTo(alice)).containsExactlyElementsOf(node.mailbox(alice));
    assertThat(node.pushesTo(bob)).containsExactlyElementsOf(node.mailbox(bob));
  }
}
