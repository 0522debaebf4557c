package io.switchboard.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.runtime.protocol.Authenticate;
import io.switchboard.runtime.protocol.Authenticated;
import io.switchboard.runtime.protocol.ChannelDifference;
import io.switchboard.runtime.protocol.CreateChannel;
import io.switchboard.runtime.protocol.CreateGroup;
import io.switchboard.runtime.protocol.Difference;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.GetChannelDifference;
import io.switchboard.runtime.protocol.GetDifference;
import io.switchboard.runtime.protocol.GetHistory;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.MessageSent;
import io.switchboard.runtime.protocol.MessagingException;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.PostToChannel;
import io.switchboard.runtime.protocol.Redirect;
import io.switchboard.runtime.protocol.Register;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.protocol.SendMessage;
import io.switchboard.runtime.protocol.Subscribe;
import io.switchboard.runtime.protocol.Update;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ServiceMessagingEndpoint} adds to the contract: routing, pushes, threads, pts. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServiceMessagingEndpointBehaviourTest {

  @TempDir Path directory;

  private final ExecutorService reads = Executors.newFixedThreadPool(2);
  private final List<Push> pushes = new ArrayList<>();
  private ServingNode node;
  private ServiceMessagingEndpoint endpoint;

  @BeforeEach
  void open() throws IOException {
    node = new ServingNode(directory);
    endpoint = publishing(node.endpoint(reads));
  }

  @AfterEach
  void close() throws Exception {
    try {
      node.close();
    } finally {
      reads.shutdownNow();
      reads.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aShardLedByAnotherNodeIsWrongShardWithARedirectToItsLeader() {
    Registered ada = register("Ada", "europe");
    long bob = register("Bob", "europe").getUserId();

    ShardMap moved = node.moveAway(ada.getUserId());

    Redirect expected =
        Redirect.newBuilder()
            .setShard(Shards.shardOf(ada.getUserId()))
            .setNodeId(ServingNode.OTHER_NODE)
            .setShardMapVersion(moved.version())
            .build();
    assertThat(moved.version()).isEqualTo(2);
    assertWrongShard(
        endpoint.authenticate(Authenticate.newBuilder().setToken(ada.getToken()).build()),
        expected);
    assertWrongShard(endpoint.sendMessage(ada.getUserId(), send(user(bob), 1, "hi")), expected);
    assertWrongShard(
        endpoint.getDifference(
            ada.getUserId(), GetDifference.newBuilder().setPts(0).setLimit(10).build()),
        expected);
    assertWrongShard(
        endpoint.createChannel(
            ada.getUserId(), CreateChannel.newBuilder().setTitle("news").build()),
        expected);
  }

  @Test
  void pipelinedSendsArePushedToBothMailboxesInPtsOrder() {
    long ada = register("Ada", "europe").getUserId();
    long bob = register("Bob", "americas").getUserId();

    List<CompletableFuture<MessageSent>> answers = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      answers.add(endpoint.sendMessage(ada, send(user(bob), i, "message " + i)));
    }
    List<Long> answeredPts =
        answers.stream().map(CompletableFuture::join).map(MessageSent::getPts).toList();

    List<Long> inOrder = LongStream.rangeClosed(1, 40).boxed().toList();
    assertThat(answeredPts).isEqualTo(inOrder);
    assertThat(pushesTo(ada)).extracting(push -> push.getMailbox().getPts()).isEqualTo(inOrder);
    // Answered once committed on Ada's shard; Bob's copies follow through the relay, in order.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(pushesTo(bob))
                    .extracting(push -> push.getMailbox().getPts())
                    .isEqualTo(inOrder));
    assertThat(pushesTo(bob))
        .extracting(push -> push.getMailbox().getNewMessage().getMessageId())
        .isEqualTo(inOrder);
  }

  @Test
  void theServicesBlockingReadsRunOnTheReadExecutor() {
    ManualExecutor manual = new ManualExecutor();
    ServiceMessagingEndpoint manuallyRead = node.endpoint(manual);
    Registered ada = register("Ada", "europe");
    long channelId = createChannel(ada.getUserId());

    List<CompletableFuture<?>> answers =
        List.of(
            manuallyRead.authenticate(Authenticate.newBuilder().setToken(ada.getToken()).build()),
            manuallyRead.getDifference(
                ada.getUserId(), GetDifference.newBuilder().setLimit(1).build()),
            manuallyRead.getHistory(
                ada.getUserId(),
                GetHistory.newBuilder().setPeer(user(ada.getUserId())).setLimit(1).build()),
            manuallyRead.getChannelDifference(
                ada.getUserId(),
                GetChannelDifference.newBuilder().setChannelId(channelId).setLimit(1).build()));

    assertThat(answers).noneMatch(CompletableFuture::isDone);
    assertThat(manual.pending()).isEqualTo(4);
    manual.runAll();
    assertThat(answers).allMatch(answer -> answer.isDone() && !answer.isCompletedExceptionally());
  }

  @Test
  void authenticatedCarriesTheMailboxPtsAndSubscribedTheChannelPts() {
    Registered ada = register("Ada", "europe");
    long bob = register("Bob", "asia").getUserId();
    send(ada.getUserId(), user(bob), 1, "one");
    send(bob, user(ada.getUserId()), 2, "two");
    long channelId = createChannel(bob);
    for (int i = 1; i <= 3; i++) {
      endpoint
          .postToChannel(
              bob,
              PostToChannel.newBuilder()
                  .setChannelId(channelId)
                  .setRandomId(i)
                  .setText("post " + i)
                  .build())
          .join();
    }

    Authenticated login =
        endpoint.authenticate(Authenticate.newBuilder().setToken(ada.getToken()).build()).join();
    long subscribedPts =
        endpoint
            .subscribe(ada.getUserId(), Subscribe.newBuilder().setChannelId(channelId).build())
            .join()
            .getChannelPts();

    assertThat(login.getPts()).isEqualTo(2);
    assertThat(subscribedPts).isEqualTo(3);
    ChannelDifference posts =
        endpoint
            .getChannelDifference(
                ada.getUserId(),
                GetChannelDifference.newBuilder().setChannelId(channelId).setLimit(10).build())
            .join();
    assertThat(posts.getChannelPts()).isEqualTo(3);
    assertThat(posts.getPosts(2).getPostId()).isEqualTo(3);
  }

  @Test
  void aGroupSendFromAnotherShardIsAnsweredWithTheSendersOwnPtsAlsoWhenRetried() {
    long ada = register("Ada", "europe").getUserId();
    long bob = register("Bob", "asia").getUserId();
    send(ada, user(bob), 1, "before the group");
    Peer group = group(createGroup(ada, bob));

    MessageSent sent = send(bob, group, 99, "hello team");
    MessageSent retried = send(bob, group, 99, "hello team");

    assertThat(sent.getPts()).isEqualTo(2);
    assertThat(sent.getMessageId()).isEqualTo(99);
    assertThat(retried).isEqualTo(sent);
    Difference bobs = difference(bob);
    assertThat(bobs.getUpdatesList()).extracting(MailboxUpdate::getPts).containsExactly(1L, 2L);
    assertThat(bobs.getUpdates(1).getNewMessage().getPeer()).isEqualTo(group);
    assertThat(pushesTo(bob)).hasSize(2);
  }

  @Test
  void aSendWhoseCopyGoesToAShardLedElsewhereIsAnsweredWithoutWaitingForIt() {
    ServiceMessagingEndpoint patient =
        publishing(node.endpoint(reads, Duration.ofSeconds(30)), new ArrayList<>());
    long ada = register("Ada", "europe").getUserId();
    long bob = register("Bob", "asia").getUserId();
    Peer group = group(createGroup(ada, bob));
    node.moveAway(bob);

    long started = System.nanoTime();
    MessageSent toBob = patient.sendMessage(ada, send(user(bob), 1, "are you there?")).join();
    MessageSent toGroup = patient.sendMessage(bob, send(group, 2, "from afar")).join();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(toBob.getPts()).isEqualTo(1);
    assertThat(toGroup.getPts()).as("unknown here: the sender's shard is led elsewhere").isZero();
  }

  @Test
  void whenTheRelayIsStuckAPrivateSendIsAnsweredAfterTheTimeoutAndAGroupSendFails()
      throws IOException {
    node.close();
    node =
        new ServingNode(
            directory.resolve("stuck"), service -> delivery -> new CompletableFuture<>());
    ServiceMessagingEndpoint impatient = node.endpoint(reads, Duration.ofMillis(200));
    long ada = register(impatient, "Ada", "europe").getUserId();
    long bob = register(impatient, "Bob", "asia").getUserId();
    long groupId =
        impatient
            .createGroup(ada, CreateGroup.newBuilder().setTitle("team").addMemberIds(bob).build())
            .join()
            .getGroupId();

    MessageSent toBob = impatient.sendMessage(ada, send(user(bob), 1, "stuck")).join();
    CompletableFuture<MessageSent> toGroup =
        impatient.sendMessage(bob, send(group(groupId), 2, "stuck too"));

    assertThat(toBob.getPts()).isEqualTo(1);
    assertThatThrownBy(toGroup::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(MessagingException.class);
  }

  private ServiceMessagingEndpoint publishing(ServiceMessagingEndpoint target) {
    return publishing(target, pushes);
  }

  private static ServiceMessagingEndpoint publishing(
      ServiceMessagingEndpoint target, List<Push> sink) {
    target.publishUpdatesTo(
        (userId, update) -> {
          synchronized (sink) {
            sink.add(new Push(userId, update));
          }
        });
    return target;
  }

  private Registered register(String name, String dc) {
    return register(endpoint, name, dc);
  }

  private static Registered register(ServiceMessagingEndpoint target, String name, String dc) {
    return target.register(Register.newBuilder().setDisplayName(name).setDc(dc).build()).join();
  }

  private MessageSent send(long from, Peer to, long randomId, String text) {
    return endpoint.sendMessage(from, send(to, randomId, text)).join();
  }

  private long createChannel(long owner) {
    return endpoint
        .createChannel(owner, CreateChannel.newBuilder().setTitle("news").build())
        .join()
        .getChannelId();
  }

  private long createGroup(long creator, long... members) {
    CreateGroup.Builder request = CreateGroup.newBuilder().setTitle("team");
    LongStream.of(members).forEach(request::addMemberIds);
    return endpoint.createGroup(creator, request.build()).join().getGroupId();
  }

  private Difference difference(long userId) {
    return endpoint
        .getDifference(userId, GetDifference.newBuilder().setPts(0).setLimit(100).build())
        .join();
  }

  private List<Update> pushesTo(long userId) {
    synchronized (pushes) {
      return pushes.stream().filter(push -> push.userId() == userId).map(Push::update).toList();
    }
  }

  private static SendMessage send(Peer to, long randomId, String text) {
    return SendMessage.newBuilder().setPeer(to).setRandomId(randomId).setText(text).build();
  }

  private static Peer user(long userId) {
    return Peer.newBuilder().setUserId(userId).build();
  }

  private static Peer group(long groupId) {
    return Peer.newBuilder().setGroupId(groupId).build();
  }

  private static void assertWrongShard(CompletableFuture<?> answer, Redirect redirect) {
    assertThatThrownBy(answer::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            MessagingException.class,
            refused -> {
              assertThat(refused.code()).isEqualTo(ErrorCode.WRONG_SHARD);
              assertThat(refused.redirect()).contains(redirect);
            });
  }

  private record Push(long userId, Update update) {}
}
