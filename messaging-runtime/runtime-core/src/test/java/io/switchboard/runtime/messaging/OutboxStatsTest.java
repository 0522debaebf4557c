package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The relay's backlog ({@link OutboxRelay#stats}) on a clock the test moves. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OutboxStatsTest {

  @TempDir Path directory;

  private final AtomicBoolean destinationReachable = new AtomicBoolean();
  private final MutableClock clock = new MutableClock(TestNode.START);
  private TestNode node;

  @BeforeEach
  void open() throws IOException {
    node =
        TestNode.open(
            new TestNode.Setup(
                directory,
                MessagingLimits.defaults(),
                LogOptions.defaults(),
                new AtomicReference<>(Topologies.allLedHere()),
                clock,
                service -> {
                  ShardMailer local = new LocalShardMailer(service);
                  return deliveries ->
                      destinationReachable.get()
                          ? local.deliver(deliveries)
                          : CompletableFuture.failedFuture(new IOException("unreachable"));
                }));
  }

  @AfterEach
  void close() throws IOException {
    node.close();
  }

  @Test
  void anEmptyOutboxHasNoBacklog() {
    assertThat(node.relay.stats(clock.instant())).isEqualTo(new OutboxStats(0, Duration.ZERO));
  }

  @Test
  void theBacklogCountsUndeliveredEntriesAndAgesTheOldestUntilItIsDelivered() {
    long alice = node.register("alice", "americas").userId();
    long bob = node.register("bob", "asia").userId();
    long chen = node.register("chen", "asia").userId();

    await(node.service.sendToUser(alice, bob, 1, "first"));
    node.relayDue();
    clock.advance(Duration.ofSeconds(60));
    await(node.service.sendToUser(alice, chen, 2, "second"));
    node.relayDue();
    clock.advance(Duration.ofSeconds(30));

    OutboxStats stuck = node.relay.stats(clock.instant());
    assertThat(stuck.pendingEntries()).isEqualTo(2);
    assertThat(stuck.oldestPendingAge()).isEqualTo(Duration.ofSeconds(90));
    assertThat(node.relay.stats(clock.instant().plusSeconds(10)).oldestPendingAge())
        .isEqualTo(Duration.ofSeconds(100));

    destinationReachable.set(true);
    while (node.scheduler.waitingTasks() > 0) {
      node.scheduler.runNext();
      node.relayDue();
    }

    assertThat(node.mailbox(bob)).hasSize(1);
    assertThat(node.mailbox(chen)).hasSize(1);
    assertThat(node.relay.stats(clock.instant())).isEqualTo(new OutboxStats(0, Duration.ZERO));
  }

  @Test
  void anAgeNeverGoesNegativeWhenTheReaderClockIsBehind() {
    long alice = node.register("alice", "americas").userId();
    long bob = node.register("bob", "asia").userId();
    await(node.service.sendToUser(alice, bob, 1, "from the future"));
    node.relayDue();

    OutboxStats stats = node.relay.stats(clock.instant().minusSeconds(5));

    assertThat(stats.pendingEntries()).isEqualTo(1);
    assertThat(stats.oldestPendingAge()).isZero();
  }

  @Test
  void rejectsImpossibleStats() {
    assertThatThrownBy(() -> new OutboxStats(-1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutboxStats(0, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
