package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.messaging.log.DeliverMessage;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OutboxRelayTest {

  @TempDir Path directory;

  private TestNode node;

  @AfterEach
  void close() throws IOException {
    node.close();
  }

  private TestNode open(Function<MessagingService, ShardMailer> mailer) throws IOException {
    return open(new AtomicReference<>(Topologies.allLedHere()), mailer);
  }

  private TestNode open(
      AtomicReference<ShardMap> shardMap, Function<MessagingService, ShardMailer> mailer)
      throws IOException {
    return TestNode.open(
        new TestNode.Setup(
            directory,
            MessagingLimits.defaults(),
            LogOptions.defaults(),
            shardMap,
            new MutableClock(TestNode.START),
            mailer));
  }

  @Test
  void aPrivateMessageReachesARecipientInAnotherDataCentreThroughTheOutbox() throws IOException {
    node = open(LocalShardMailer::new);
    long alice = node.register("alice", "americas").userId();
    long bob = node.register("bob", "asia").userId();

    await(node.service.sendToUser(alice, bob, 1, "across the world"));
    node.relayDue();

    assertThat(node.mailbox(bob))
        .singleElement()
        .satisfies(
            message -> {
              assertThat(message.peer()).isEqualTo(Peer.user(alice));
              assertThat(message.outgoing()).isFalse();
              assertThat(message.text()).isEqualTo("across the world");
            });
    assertThat(node.pushesTo(bob)).containsExactlyElementsOf(node.mailbox(bob));
    assertThat(node.state.pendingOutbox()).isEmpty();
  }

  @Test
  void aSendMadeOnAnEventLoopIsAcknowledgedAndRelayedOnThatLoopWithoutWakingAWorker()
      throws IOException {
    List<String> deliveringThreads = new CopyOnWriteArrayList<>();
    node =
        open(
            service -> {
              ShardMailer local = new LocalShardMailer(service);
              return deliveries -> {
                deliveringThreads.add(Thread.currentThread().getName());
                return local.deliver(deliveries);
              };
            });
    long alice = node.register("alice", "americas").userId();
    long bob = node.register("bob", "asia").userId();
    int workerTasks = node.workerTasks();

    SendReceipt sent = await(node.onLoop(() -> node.service.sendToUser(alice, bob, 1, "loop")));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> node.state.pendingOutbox().isEmpty());

    assertThat(sent.pts()).hasValue(1);
    assertThat(deliveringThreads).containsExactly(TestNode.LOOP_THREAD);
    assertThat(node.workerTasks())
        .as(
            "the send's acknowledgement, the relay's start, the delivery's acknowledgement and the"
                + " lane's next step all stayed on the loop")
        .isEqualTo(workerTasks);
    assertThat(node.mailbox(bob)).extracting(MailboxMessage::text).containsExactly("loop");
  }

  @Test
  void aMailerFailingTheFirstAttemptsStillDeliversOnceWithGrowingCappedDelays() throws IOException {
    int failures = 12;
    AtomicInteger attempts = new AtomicInteger();
    node =
        open(
            service -> {
              ShardMailer local = new LocalShardMailer(service);
              return deliveries ->
                  attempts.incrementAndGet() <= failures
                      ? CompletableFuture.failedFuture(new IOException("destination unreachable"))
                      : local.deliver(deliveries);
            });
    long alice = node.register("alice", "americas").userId();
    long bob = node.register("bob", "europe").userId();

    await(node.service.sendToUser(alice, bob, 1, "persistent"));
    node.relayDue();
    while (node.scheduler.waitingTasks() > 0) {
      assertThat(node.mailbox(bob)).isEmpty();
      node.scheduler.runNext();
      node.relayDue();
    }

    assertThat(attempts).hasValue(failures + 1);
    assertThat(node.mailbox(bob)).hasSize(1);
    assertThat(node.state.pendingOutbox()).isEmpty();
    List<Duration> delays = node.scheduler.delays();
    assertThat(delays).hasSize(failures);
    long[] exponential = {
      100, 200, 400, 800, 1600, 3200, 6400, 12_800, 25_600, 30_000, 30_000, 30_000
    };
    for (int retry = 0; retry < failures; retry++) {
      assertThat(delays.get(retry).toMillis())
          .as("delay before retry %d", retry + 1)
          .isBetween(exponential[retry], exponential[retry] + 1000);
    }
  }

  @Test
  void aDeliveryWhoseAcknowledgementWasLostIsRedeliveredWithoutADuplicate() throws IOException {
    AtomicInteger attempts = new AtomicInteger();
    node =
        open(
            service -> {
              ShardMailer local = new LocalShardMailer(service);
              return deliveries ->
                  local
                      .deliver(deliveries)
                      .thenCompose(
                          delivered ->
                              attempts.incrementAndGet() == 1
                                  ? CompletableFuture.failedFuture(new IOException("ack lost"))
                                  : CompletableFuture.completedFuture(delivered));
            });
    long alice = node.register("alice", "americas").userId();
    long bob = node.register("bob", "europe").userId();

    await(node.service.sendToUser(alice, bob, 1, "exactly once"));
    node.relayDue();
    node.scheduler.runNext();
    node.relayDue();

    assertThat(attempts).hasValue(2);
    assertThat(node.mailbox(bob)).hasSize(1);
    assertThat(node.pushesTo(bob)).hasSize(1);
    assertThat(node.state.pendingOutbox()).isEmpty();
  }

  @Test
  void entriesThatPiledUpInALaneGoInOneBatchInTheirOrder() throws IOException {
    AtomicBoolean reachable = new AtomicBoolean(false);
    List<Integer> batchSizes = new ArrayList<>();
    node =
        open(
            unreachableUntil(
                reachable,
                (local, deliveries) -> {
                  batchSizes.add(deliveries.size());
                  return local.deliver(deliveries);
                }));
    long bob = sendWhileUnreachable(5, "asia");
    assertThat(node.state.pendingOutbox()).hasSize(5);
    assertThat(node.state.pendingOutbox()).hasSize(5);

    reachable.set(true);
    node.scheduler.runNext();
    node.relayDue();

    assertThat(batchSizes).containsExactly(5);
    assertThat(node.mailbox(bob))
        .extracting(MailboxMessage::text)
        .containsExactly("message 1", "message 2", "message 3", "message 4", "message 5");
    assertThat(node.state.pendingOutbox()).isEmpty();
  }

  @Test
  void aBatchTheDestinationHeldOnlyAPrefixOfIsResentWholeAndAddsEachMessageOnce()
      throws IOException {
    AtomicInteger attempts = new AtomicInteger();
    AtomicBoolean reachable = new AtomicBoolean(false);
    node =
        open(
            unreachableUntil(
                reachable,
                (local, deliveries) ->
                    attempts.incrementAndGet() > 1
                        ? local.deliver(deliveries)
                        // The destination took the first two, then the connection broke.
                        : local
                            .deliver(deliveries.subList(0, 2))
                            .thenCompose(
                                ignored ->
                                    CompletableFuture.failedFuture(
                                        new IOException("connection reset")))));
    long bob = sendWhileUnreachable(4, "europe");
    reachable.set(true);
    node.scheduler.runNext();
    node.relayDue();
    node.scheduler.runNext();
    node.relayDue();

    assertThat(attempts).hasValue(2);
    assertThat(node.mailbox(bob))
        .extracting(MailboxMessage::text)
        .containsExactly("message 1", "message 2", "message 3", "message 4");
    assertThat(node.pushesTo(bob)).hasSize(4);
    assertThat(node.state.pendingOutbox()).isEmpty();
  }

  @Test
  void aBatchWhoseDeliveredMarkFailedIsDeliveredAgainAndAddsEachMessageOnce() throws IOException {
    AtomicReference<ShardMap> shardMap = new AtomicReference<>(Topologies.allLedHere());
    AtomicBoolean reachable = new AtomicBoolean(false);
    AtomicInteger attempts = new AtomicInteger();
    node =
        open(
            shardMap,
            unreachableUntil(
                reachable,
                (local, deliveries) ->
                    attempts.incrementAndGet() > 1
                        ? local.deliver(deliveries)
                        // The destination holds the batch, then this node loses the origin shard
                        // before the batch's OUTBOX_DELIVERED is proposed: the mark fails.
                        : local
                            .deliver(deliveries)
                            .thenRun(
                                () ->
                                    shardMap.set(
                                        ledElsewhere(
                                            deliveries.get(0).message().getOriginShard())))));
    long bob = sendWhileUnreachable(3, "asia");
    reachable.set(true);
    node.scheduler.runNext();
    node.relayDue();
    assertThat(node.state.pendingOutbox()).as("the failed mark left the batch pending").hasSize(3);

    shardMap.set(Topologies.allLedHere());
    await(node.relay.start());
    node.relayDue();

    assertThat(attempts).hasValue(2);
    assertThat(node.mailbox(bob))
        .extracting(MailboxMessage::text)
        .containsExactly("message 1", "message 2", "message 3");
    assertThat(node.pushesTo(bob)).hasSize(3);
    assertThat(node.state.pendingOutbox()).isEmpty();
  }

  /** Every shard led here but {@code shard}, which another node leads. */
  private static ShardMap ledElsewhere(int shard) {
    return Topologies.ledBy(each -> each == shard ? Topologies.OTHER_NODE : Topologies.NODE);
  }

  /** A mailer that fails while {@code reachable} is false, then hands over to {@code then}. */
  private static Function<MessagingService, ShardMailer> unreachableUntil(
      AtomicBoolean reachable,
      BiFunction<ShardMailer, List<Delivery>, CompletableFuture<Void>> then) {
    return service -> {
      ShardMailer local = new LocalShardMailer(service);
      return deliveries ->
          reachable.get()
              ? then.apply(local, deliveries)
              : CompletableFuture.failedFuture(new IOException("unreachable"));
    };
  }

  /**
   * Alice (Americas) sends {@code count} messages to Bob, homed in {@code bobsDc}, while the
   * relay's first attempt fails: they pile up in one lane. Returns Bob's id.
   */
  private long sendWhileUnreachable(int count, String bobsDc) {
    long alice = node.register("alice", "americas").userId();
    long bob = node.register("bob", bobsDc).userId();
    for (int i = 1; i <= count; i++) {
      await(node.service.sendToUser(alice, bob, i, "message " + i));
    }
    node.relayDue();
    return bob;
  }

  @Test
  void applyingTheSameDeliveryTwiceAddsItOnce() throws IOException {
    node = open(LocalShardMailer::new);
    long bob = node.registerUser("bob");
    Delivery delivery =
        new Delivery(
            Shards.shardOf(bob),
            DeliverMessage.newBuilder()
                .setOriginShard(3)
                .setOutboxSequence(1)
                .setSenderId(3 + Shards.COUNT)
                .setRandomId(1)
                .setText("hello")
                .setDateMillis(TestNode.START.toEpochMilli())
                .addRecipientIds(bob)
                .build());

    await(node.service.acceptDeliveries(List.of(delivery)));
    await(node.service.acceptDeliveries(List.of(delivery)));

    assertThat(node.mailbox(bob)).hasSize(1);
  }

  @Test
  void aPendingEntrySurvivesARestartAndIsDeliveredAfterIt() throws IOException {
    AtomicBoolean reachable = new AtomicBoolean(false);
    node =
        open(
            service -> {
              ShardMailer local = new LocalShardMailer(service);
              return deliveries ->
                  reachable.get()
                      ? local.deliver(deliveries)
                      : CompletableFuture.failedFuture(new IOException("partitioned"));
            });
    long alice = node.register("alice", "americas").userId();
    long bob = node.register("bob", "middle-east").userId();
    await(node.service.sendToUser(alice, bob, 1, "see you after the restart"));
    node.relayDue();
    assertThat(node.state.pendingOutbox())
        .singleElement()
        .satisfies(entry -> assertThat(entry.recipients()).containsExactly(bob));

    reachable.set(true);
    node = node.crashAndReopen();
    node.relayDue();

    assertThat(node.mailbox(bob))
        .singleElement()
        .extracting(MailboxMessage::text)
        .isEqualTo("see you after the restart");
    assertThat(node.state.pendingOutbox()).isEmpty();
  }
}
