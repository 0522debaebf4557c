package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static io.switchboard.runtime.messaging.TestNode.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.runtime.sharding.Shards;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GroupMessagingTest {

  @TempDir Path directory;

  private TestNode node;
  private long alice;
  private long bob;
  private long carol;
  private long dave;

  @BeforeEach
  void open() throws IOException {
    node = TestNode.open(directory);
    alice = node.register("alice", "europe").userId();
    bob = node.register("bob", "americas").userId();
    carol = node.register("carol", "asia").userId();
    dave = node.register("dave", "europe").userId();
  }

  @AfterEach
  void close() throws IOException {
    node.close();
  }

  @Test
  void aGroupMessageReachesEveryMemberExactlyOnce() {
    long group = await(node.service.createGroup(alice, "friends", List.of(bob, carol, dave)));
    assertThat(Shards.shardOf(group)).isEqualTo(Shards.shardOf(alice));

    SendReceipt fromCreator = await(node.service.sendToGroup(alice, group, 1, "hello all"));
    SendReceipt fromMember = await(node.service.sendToGroup(bob, group, 1, "hi back"));
    node.relayDue();

    assertThat(fromCreator.pts()).as("the sender's mailbox is on the group's shard").hasValue(1);
    assertThat(fromMember.pts()).as("bob's copy travels through the outbox").isEmpty();
    for (long member : List.of(alice, bob, carol, dave)) {
      assertThat(node.mailbox(member))
          .as("mailbox of %d", member)
          .extracting(MailboxMessage::peer, MailboxMessage::senderId, MailboxMessage::text)
          .containsExactlyInAnyOrder(
              tuple(Peer.group(group), alice, "hello all"),
              tuple(Peer.group(group), bob, "hi back"));
      assertThat(node.pushesTo(member)).hasSize(2);
    }
    assertThat(node.mailbox(bob))
        .filteredOn(MailboxMessage::outgoing)
        .extracting(MailboxMessage::text)
        .containsExactly("hi back");
  }

  @Test
  void nonMembersCannotSend() {
    long group = await(node.service.createGroup(alice, "pair", List.of(bob)));

    assertThat(refusal(node.service.sendToGroup(carol, group, 1, "let me in")).rejection())
        .isEqualTo(Rejection.NOT_A_MEMBER);
    assertThat(refusal(node.service.sendToGroup(alice, group + Shards.COUNT, 1, "?")).rejection())
        .isEqualTo(Rejection.UNKNOWN_PEER);
    assertThat(refusal(node.service.addGroupMember(carol, group, dave)).rejection())
        .isEqualTo(Rejection.NOT_A_MEMBER);
  }

  @Test
  void aGroupHoldsAtMostTwoHundredMembers() {
    List<CompletableFuture<Registration>> registering = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      registering.add(node.service.register("member " + i, "europe"));
    }
    List<Long> others =
        registering.stream().map(TestNode::await).map(Registration::userId).toList();

    assertThat(refusal(node.service.createGroup(alice, "too big", others)).rejection())
        .isEqualTo(Rejection.GROUP_TOO_LARGE);
    long group = await(node.service.createGroup(alice, "full", others.subList(0, 199)));
    assertThat(refusal(node.service.addGroupMember(alice, group, others.get(199))).rejection())
        .isEqualTo(Rejection.GROUP_TOO_LARGE);
    await(node.service.addGroupMember(alice, group, others.get(0)));
  }

  @Test
  void membersLeaveOrAreRemovedByTheCreatorAndThenReceiveNothing() {
    long group = await(node.service.createGroup(alice, "club", List.of(bob, carol, dave)));

    assertThat(refusal(node.service.removeGroupMember(bob, group, carol)).rejection())
        .isEqualTo(Rejection.NOT_ALLOWED);
    await(node.service.removeGroupMember(carol, group, carol));
    await(node.service.removeGroupMember(alice, group, dave));
    await(node.service.sendToGroup(bob, group, 1, "just us"));
    node.relayDue();

    assertThat(node.mailbox(alice)).hasSize(1);
    assertThat(node.mailbox(bob)).hasSize(1);
    assertThat(node.mailbox(carol)).isEmpty();
    assertThat(node.mailbox(dave)).isEmpty();
    assertThat(refusal(node.service.sendToGroup(carol, group, 2, "back?")).rejection())
        .isEqualTo(Rejection.NOT_A_MEMBER);
  }
}
