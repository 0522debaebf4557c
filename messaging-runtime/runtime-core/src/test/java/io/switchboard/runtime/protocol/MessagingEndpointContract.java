package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.Shards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contracts of {@link MessagingEndpoint} as executable tests. A messaging service proves that
 * it can stand behind the gateway by extending this class with its own {@link #createEndpoint}.
 *
 * <p>The tests wait for every answer with {@code join()}, so an implementation under test completes
 * its futures by itself (on its own threads, or at once).
 */
public abstract class MessagingEndpointContract {

  private final List<Push> pushes = new ArrayList<>();
  private MessagingEndpoint endpoint;

  /** The endpoint under test, fresh for each test, publishing through {@code publisher}. */
  protected abstract MessagingEndpoint createEndpoint(UpdatePublisher publisher);

  @BeforeEach
  void createEndpoint() {
    endpoint =
        createEndpoint(
            (userId, update) -> {
              synchronized (pushes) {
                pushes.add(new Push(userId, update));
              }
            });
  }

  @Test
  void aRegisteredUserIsHomedInItsDataCentreAndAuthenticatesWithItsToken() {
    Registered ada = register("Ada", "asia");

    assertThat(HomeDataCenters.defaults().homeOf(Shards.shardOf(ada.getUserId())))
        .isEqualTo("asia");
    assertThat(ada.getToken()).isNotEmpty();
    Authenticated login =
        endpoint.authenticate(Authenticate.newBuilder().setToken(ada.getToken()).build()).join();
    assertThat(login.getUserId()).isEqualTo(ada.getUserId());
    assertThat(login.getPts()).isZero();
    assertThat(register("Bob", "asia").getUserId()).isNotEqualTo(ada.getUserId());
  }

  @Test
  void anUnknownTokenIsAuthInvalid() {
    register("Ada", "europe");

    assertRefused(
        endpoint.authenticate(Authenticate.newBuilder().setToken("forged").build()),
        ErrorCode.AUTH_INVALID);
  }

  @Test
  void aPrivateMessageLandsInBothMailboxesWithDensePtsAndIsPushedToBoth() {
    long ada = register("Ada", "europe").getUserId();
    long bob = register("Bob", "americas").getUserId();

    MessageSent first = send(ada, user(bob), 1, "hi Bob");
    MessageSent second = send(ada, user(bob), 2, "still there?");

    assertThat(first.getPts()).isEqualTo(1);
    assertThat(second.getPts()).isEqualTo(2);
    assertThat(second.getDate()).isGreaterThanOrEqualTo(first.getDate());
    // The answer means committed on the sender's shard; the recipient's copy follows by the relay.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(difference(bob, 0, 10).getUpdatesList())
                    .extracting(MailboxUpdate::getPts)
                    .containsExactly(1L, 2L));
    List<MailboxUpdate> bobs = difference(bob, 0, 10).getUpdatesList();
    Message received = bobs.get(0).getNewMessage();
    assertThat(received.getFromUserId()).isEqualTo(ada);
    assertThat(received.getPeer()).isEqualTo(user(ada));
    assertThat(received.getText()).isEqualTo("hi Bob");
    assertThat(received.getMessageId()).isEqualTo(first.getMessageId());
    Message sentCopy = difference(ada, 0, 10).getUpdates(0).getNewMessage();
    assertThat(sentCopy.getPeer()).isEqualTo(user(bob));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(pushesTo(bob)).extracting(Update::getMailbox).isEqualTo(bobs));
    assertThat(pushesTo(ada))
        .extracting(update -> update.getMailbox().getPts())
        .containsExactly(1L, 2L);
  }

  @Test
  void aRepeatedRandomIdSendsNothingNewAndAnswersLikeTheFirstSend() {
    long ada = register("Ada", "europe").getUserId();
    long bob = register("Bob", "europe").getUserId();

    MessageSent first = send(ada, user(bob), 77, "once");
    MessageSent again = send(ada, user(bob), 77, "once");

    assertThat(again).isEqualTo(first);
    awaitMailboxPts(bob, 1);
    assertThat(difference(bob, 0, 10).getUpdatesList()).hasSize(1);
    assertThat(pushesTo(bob)).hasSize(1);
    assertThat(send(bob, user(ada), 77, "same random_id, other sender").getPts()).isEqualTo(2);
  }

  @Test
  void sendingToAUserOrGroupThatDoesNotExistIsPeerUnknown() {
    long ada = register("Ada", "europe").getUserId();

    assertRefused(sendAsync(ada, user(ada + 1_024_000), 1, "hello?"), ErrorCode.PEER_UNKNOWN);
    assertRefused(
        sendAsync(ada, Peer.newBuilder().setGroupId(987_654).build(), 2, "hello?"),
        ErrorCode.PEER_UNKNOWN);
  }

  @Test
  void aGroupMessageReachesEveryMemberAndOnlyMembersMaySend() {
    long ada = register("Ada", "europe").getUserId();
    long bob = register("Bob", "asia").getUserId();
    long eve = register("Eve", "asia").getUserId();
    Peer group = group(createGroup(ada, "team", bob));

    MessageSent sent = send(bob, group, 1, "hello team");

    assertThat(history(ada, group, 0, 10))
        .extracting(Message::getText)
        .containsExactly("hello team");
    assertThat(history(bob, group, 0, 10))
        .singleElement()
        .satisfies(message -> assertThat(message.getPts()).isEqualTo(sent.getPts()));
    assertRefused(sendAsync(eve, group, 2, "let me in"), ErrorCode.FORBIDDEN);
  }

  @Test
  void membersAddMembersAndLeaveButOnlyTheCreatorRemovesOthers() {
    long ada = register("Ada", "europe").getUserId();
    long bob = register("Bob", "europe").getUserId();
    long eve = register("Eve", "europe").getUserId();
    long groupId = createGroup(ada, "team");

    assertRefused(endpoint.addGroupMember(eve, addMember(groupId, eve)), ErrorCode.FORBIDDEN);
    endpoint.addGroupMember(ada, addMember(groupId, bob)).join();
    endpoint.addGroupMember(bob, addMember(groupId, eve)).join();
    send(bob, group(groupId), 1, "thanks");
    assertRefused(endpoint.removeGroupMember(bob, removeMember(groupId, eve)), ErrorCode.FORBIDDEN);
    endpoint.removeGroupMember(eve, removeMember(groupId, eve)).join();
    endpoint.removeGroupMember(ada, removeMember(groupId, bob)).join();

    assertRefused(sendAsync(bob, group(groupId), 2, "hello?"), ErrorCode.FORBIDDEN);
    assertRefused(sendAsync(eve, group(groupId), 3, "hello?"), ErrorCode.FORBIDDEN);
  }

  @Test
  void aGroupHoldsAtMost200MembersItsCreatorIncluded() {
    long ada = register("Ada", "europe").getUserId();
    long eve = register("Eve", "europe").getUserId();
    long groupId = createGroup(ada, "crowd");

    for (int members = 1; members < RequestRules.MAX_GROUP_MEMBERS; members++) {
      long joiner = register("member " + members, "europe").getUserId();
      endpoint.addGroupMember(ada, addMember(groupId, joiner)).join();
    }
    assertRefused(endpoint.addGroupMember(ada, addMember(groupId, eve)), ErrorCode.GROUP_TOO_LARGE);
    assertRefused(
        endpoint.addGroupMember(ada, addMember(groupId + 1_000_000, eve)), ErrorCode.PEER_UNKNOWN);
  }

  @Test
  void onlyTheOwnerPostsAndSubscribersGetThePostsInChannelPtsOrder() {
    long owner = register("Owner", "asia").getUserId();
    long reader = register("Reader", "europe").getUserId();
    long channelId =
        endpoint
            .createChannel(owner, CreateChannel.newBuilder().setTitle("news").build())
            .join()
            .getChannelId();
    post(owner, channelId, 1, "before");

    Subscribed subscribed =
        endpoint.subscribe(reader, Subscribe.newBuilder().setChannelId(channelId).build()).join();
    ChannelPostPublished published = post(owner, channelId, 2, "after");
    ChannelPostPublished repeated = post(owner, channelId, 2, "after");

    assertThat(subscribed.getChannelPts()).isEqualTo(1);
    assertThat(published.getChannelPts()).isEqualTo(2);
    assertThat(repeated).isEqualTo(published);
    assertThat(pushesTo(reader))
        .extracting(update -> update.getChannelPost().getText())
        .containsExactly("after");
    assertRefused(
        endpoint.postToChannel(reader, postRequest(channelId, 3, "me too")), ErrorCode.FORBIDDEN);
    endpoint.unsubscribe(reader, Unsubscribe.newBuilder().setChannelId(channelId).build()).join();
    post(owner, channelId, 4, "unseen");
    assertThat(pushesTo(reader)).hasSize(1);
  }

  @Test
  void theOwnerAppointsAdminsWhoMayPostUntilDismissed() {
    long owner = register("Owner", "asia").getUserId();
    long editor = register("Editor", "asia").getUserId();
    long channelId =
        endpoint
            .createChannel(owner, CreateChannel.newBuilder().setTitle("news").build())
            .join()
            .getChannelId();

    assertRefused(endpoint.addChannelAdmin(editor, admin(channelId, editor)), ErrorCode.FORBIDDEN);
    endpoint.addChannelAdmin(owner, admin(channelId, editor)).join();
    ChannelPostPublished byEditor = post(editor, channelId, 1, "edited");
    endpoint
        .removeChannelAdmin(
            owner,
            RemoveChannelAdmin.newBuilder().setChannelId(channelId).setUserId(editor).build())
        .join();

    assertThat(byEditor.getChannelPts()).isEqualTo(1);
    assertRefused(
        endpoint.postToChannel(editor, postRequest(channelId, 2, "again")), ErrorCode.FORBIDDEN);
    assertRefused(
        endpoint.addChannelAdmin(owner, admin(channelId + 99, editor)), ErrorCode.PEER_UNKNOWN);
  }

  @Test
  void aChannelDifferencePagesThroughThePostsForItsReadersOnly() {
    long owner = register("Owner", "asia").getUserId();
    long stranger = register("Stranger", "asia").getUserId();
    long channelId =
        endpoint
            .createChannel(owner, CreateChannel.newBuilder().setTitle("news").build())
            .join()
            .getChannelId();
    for (int i = 1; i <= 5; i++) {
      post(owner, channelId, i, "post " + i);
    }
    GetChannelDifference afterTheFirst =
        GetChannelDifference.newBuilder().setChannelId(channelId).setPts(1).setLimit(3).build();
    assertRefused(endpoint.getChannelDifference(stranger, afterTheFirst), ErrorCode.FORBIDDEN);
    endpoint.subscribe(stranger, Subscribe.newBuilder().setChannelId(channelId).build()).join();

    ChannelDifference page = endpoint.getChannelDifference(stranger, afterTheFirst).join();

    assertThat(page.getPostsList())
        .extracting(ChannelPost::getChannelPts)
        .containsExactly(2L, 3L, 4L);
    assertThat(page.getChannelPts()).isEqualTo(5);
    assertRefused(
        endpoint.subscribe(stranger, Subscribe.newBuilder().setChannelId(channelId + 99).build()),
        ErrorCode.PEER_UNKNOWN);
  }

  @Test
  void aDifferenceHoldsTheUpdatesAfterAPtsInOrderUpToTheLimitAndTheMailboxPts() {
    long ada = register("Ada", "europe").getUserId();
    long bob = register("Bob", "europe").getUserId();
    for (int i = 1; i <= 5; i++) {
      send(ada, user(bob), i, "message " + i);
    }
    awaitMailboxPts(bob, 5);

    Difference page = difference(bob, 2, 2);
    Difference rest = difference(bob, 4, 10);
    Difference upToDate = difference(bob, 5, 10);

    assertThat(page.getUpdatesList()).extracting(MailboxUpdate::getPts).containsExactly(3L, 4L);
    assertThat(page.getPts()).isEqualTo(5);
    assertThat(rest.getUpdatesList()).extracting(MailboxUpdate::getPts).containsExactly(5L);
    assertThat(upToDate.getUpdatesList()).isEmpty();
    assertThat(upToDate.getPts()).isEqualTo(5);
  }

  @Test
  void aHistoryListsOneConversationNewestFirstBelowTheOffset() {
    long ada = register("Ada", "europe").getUserId();
    long bob = register("Bob", "europe").getUserId();
    long eve = register("Eve", "europe").getUserId();
    send(ada, user(bob), 1, "one");
    send(eve, user(ada), 2, "noise");
    send(bob, user(ada), 3, "two");
    awaitMailboxPts(ada, 3);
    send(ada, user(bob), 4, "three");

    List<Message> newest = history(ada, user(bob), 0, 2);
    List<Message> older = history(ada, user(bob), newest.get(1).getPts(), 10);

    assertThat(newest).extracting(Message::getText).containsExactly("three", "two");
    assertThat(older).extracting(Message::getText).containsExactly("one");
  }

  /**
   * Waits until {@code userId}'s mailbox reached {@code pts}: a send is answered once committed on
   * the sender's shard, and copies for other shards follow through the relay.
   */
  private void awaitMailboxPts(long userId, long pts) {
    await().atMost(Duration.ofSeconds(10)).until(() -> difference(userId, 0, 1).getPts() >= pts);
  }

  private Registered register(String displayName, String dc) {
    return endpoint
        .register(Register.newBuilder().setDisplayName(displayName).setDc(dc).build())
        .join();
  }

  private MessageSent send(long from, Peer to, long randomId, String text) {
    return sendAsync(from, to, randomId, text).join();
  }

  private CompletableFuture<MessageSent> sendAsync(long from, Peer to, long randomId, String text) {
    return endpoint.sendMessage(
        from, SendMessage.newBuilder().setPeer(to).setRandomId(randomId).setText(text).build());
  }

  private long createGroup(long creator, String title, long... members) {
    CreateGroup.Builder request = CreateGroup.newBuilder().setTitle(title);
    for (long member : members) {
      request.addMemberIds(member);
    }
    return endpoint.createGroup(creator, request.build()).join().getGroupId();
  }

  private ChannelPostPublished post(long author, long channelId, long randomId, String text) {
    return endpoint.postToChannel(author, postRequest(channelId, randomId, text)).join();
  }

  private Difference difference(long userId, long pts, int limit) {
    return endpoint
        .getDifference(userId, GetDifference.newBuilder().setPts(pts).setLimit(limit).build())
        .join();
  }

  private List<Message> history(long userId, Peer peer, long offsetPts, int limit) {
    return endpoint
        .getHistory(
            userId,
            GetHistory.newBuilder().setPeer(peer).setOffsetPts(offsetPts).setLimit(limit).build())
        .join()
        .getMessagesList();
  }

  private List<Update> pushesTo(long userId) {
    synchronized (pushes) {
      return pushes.stream().filter(push -> push.userId() == userId).map(Push::update).toList();
    }
  }

  private static PostToChannel postRequest(long channelId, long randomId, String text) {
    return PostToChannel.newBuilder()
        .setChannelId(channelId)
        .setRandomId(randomId)
        .setText(text)
        .build();
  }

  private static AddGroupMember addMember(long groupId, long userId) {
    return AddGroupMember.newBuilder().setGroupId(groupId).setUserId(userId).build();
  }

  private static RemoveGroupMember removeMember(long groupId, long userId) {
    return RemoveGroupMember.newBuilder().setGroupId(groupId).setUserId(userId).build();
  }

  private static AddChannelAdmin admin(long channelId, long userId) {
    return AddChannelAdmin.newBuilder().setChannelId(channelId).setUserId(userId).build();
  }

  private static Peer user(long userId) {
    return Peer.newBuilder().setUserId(userId).build();
  }

  private static Peer group(long groupId) {
    return Peer.newBuilder().setGroupId(groupId).build();
  }

  private static void assertRefused(CompletableFuture<?> answer, ErrorCode code) {
    assertThatThrownBy(answer::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            MessagingException.class, refused -> assertThat(refused.code()).isEqualTo(code));
  }

  private record Push(long userId, Update update) {}
}
