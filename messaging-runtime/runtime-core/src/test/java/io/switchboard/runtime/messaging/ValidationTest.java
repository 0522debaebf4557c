package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static io.switchboard.runtime.messaging.TestNode.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Requests that cannot succeed fail with a typed reason, and change nothing. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ValidationTest {

  /** Europe's shards 256-511: this node leads the even ones, node-b the odd ones. */
  private static final ShardMap HALF_OF_EUROPE =
      Topologies.ledBy(
          shard ->
              shard >= 256 && shard < 512 && shard % 2 == 1
                  ? Topologies.OTHER_NODE
                  : Topologies.NODE);

  @TempDir Path directory;

  private TestNode node;

  @AfterEach
  void close() throws IOException {
    node.close();
  }

  @Test
  void textsAreNonBlankWellFormedAndAtMost4096Utf8Bytes() throws IOException {
    node = TestNode.open(directory);
    long alice = node.registerUser("alice");
    long bob = node.registerUser("bob");

    await(node.service.sendToUser(alice, bob, 1, "é".repeat(2048)));
    await(node.service.sendToUser(alice, bob, 2, "😀".repeat(1024)));
    assertThat(refused(node.service.sendToUser(alice, bob, 3, "é".repeat(2048) + "a")))
        .isEqualTo(Rejection.TEXT_TOO_LONG);
    assertThat(refused(node.service.post(alice, 1, 4, "a".repeat(4097))))
        .isEqualTo(Rejection.TEXT_TOO_LONG);
    assertThat(refused(node.service.sendToUser(alice, bob, 5, " \n")))
        .isEqualTo(Rejection.INVALID_TEXT);
    assertThat(refused(node.service.sendToUser(alice, bob, 6, "broken \uD83D")))
        .isEqualTo(Rejection.INVALID_TEXT);
    assertThat(node.mailbox(alice)).hasSize(2);
  }

  @Test
  void namesAreNonBlankAndShort() throws IOException {
    node = TestNode.open(directory);
    long alice = node.registerUser("alice");

    assertThat(refused(node.service.register(" ", "europe"))).isEqualTo(Rejection.INVALID_NAME);
    assertThat(refused(node.service.createChannel(alice, "x".repeat(129))))
        .isEqualTo(Rejection.INVALID_NAME);
    await(node.service.createGroup(alice, "x".repeat(128), List.of()));
  }

  @Test
  void unknownPeersAreRefused() throws IOException {
    node = TestNode.open(directory);
    long alice = node.registerUser("alice");
    long nobody = alice + 5 * Shards.COUNT;

    assertThat(refused(node.service.sendToUser(alice, nobody, 1, "anyone?")))
        .isEqualTo(Rejection.UNKNOWN_PEER);
    assertThat(refused(node.service.sendToUser(alice, 0, 1, "anyone?")))
        .isEqualTo(Rejection.UNKNOWN_PEER);
    assertThat(refused(node.service.sendToUser(nobody, alice, 1, "ghost")))
        .isEqualTo(Rejection.UNKNOWN_USER);
    assertThat(refused(node.service.sendToGroup(alice, nobody, 1, "group?")))
        .isEqualTo(Rejection.UNKNOWN_PEER);
    assertThat(refused(node.service.subscribe(alice, nobody))).isEqualTo(Rejection.UNKNOWN_PEER);
    assertThat(refused(node.service.createGroup(alice, "g", List.of(nobody))))
        .isEqualTo(Rejection.UNKNOWN_PEER);
    assertThat(refusedNow(() -> node.service.getDifference(nobody, 0, 10)))
        .isEqualTo(Rejection.UNKNOWN_USER);
    assertThat(refused(node.service.register("carol", "antarctica")))
        .isEqualTo(Rejection.UNKNOWN_DATA_CENTER);
    assertThat(refusedNow(() -> node.service.getDifference(alice, 0, 1001)))
        .isEqualTo(Rejection.INVALID_PAGE);
    assertThat(refusedNow(() -> node.service.history(alice, Peer.user(alice), -1, 10)))
        .isEqualTo(Rejection.INVALID_PAGE);
    assertThat(node.mailbox(alice)).isEmpty();
  }

  @Test
  void onlyTheTokenIssuedAtRegistrationAuthenticates() throws IOException {
    node = TestNode.open(directory);
    Registration alice = node.register("alice", "europe");
    Registration bob = node.register("bob", "asia");
    String secretOfBob = bob.token().substring(bob.token().indexOf(':'));

    assertThat(node.service.authenticate(alice.token())).isEqualTo(alice.userId());
    assertThat(node.service.authenticate(bob.token())).isEqualTo(bob.userId());
    for (String bad :
        new String[] {
          "",
          "garbage",
          ":" + secretOfBob,
          alice.userId() + secretOfBob,
          (alice.userId() + 7 * Shards.COUNT) + secretOfBob,
          alice.token() + "AA",
          "-5" + secretOfBob
        }) {
      assertThat(refusedNow(() -> node.service.authenticate(bad)))
          .as("token %s", bad)
          .isEqualTo(Rejection.INVALID_TOKEN);
    }
  }

  @Test
  void requestsForAShardLedElsewhereAreRedirectedToItsLeader() throws IOException {
    node = TestNode.open(directory, MessagingLimits.defaults(), HALF_OF_EUROPE);
    Registration alice = node.register("alice", "europe");
    long elsewhere = 257 + 3 * Shards.COUNT;

    assertThat(Shards.shardOf(alice.userId()) % 2).as("registered on a shard led here").isZero();
    NotLeaderException redirect =
        (NotLeaderException) refusal(node.service.sendToUser(elsewhere, alice.userId(), 1, "hi"));
    assertThat(redirect.redirect())
        .isEqualTo(new ShardMap.Route.Redirect(257, Topologies.OTHER_NODE, 1));
    assertThat(refused(node.service.createChannel(elsewhere, "remote")))
        .isEqualTo(Rejection.NOT_LEADER);
    assertThatThrownBy(() -> node.service.getDifference(elsewhere, 0, 10))
        .isInstanceOf(NotLeaderException.class);
    assertThatThrownBy(() -> node.service.authenticate(elsewhere + ":" + "A".repeat(43)))
        .isInstanceOf(NotLeaderException.class);
  }

  @Test
  void registeringInADataCentreWithoutALedShardIsRedirected() throws IOException {
    node =
        TestNode.open(
            directory,
            MessagingLimits.defaults(),
            Topologies.ledBy(shard -> shard < 256 ? Topologies.OTHER_NODE : Topologies.NODE));

    NotLeaderException redirect =
        (NotLeaderException) refusal(node.service.register("alice", "americas"));

    assertThat(redirect.redirect())
        .isEqualTo(new ShardMap.Route.Redirect(0, Topologies.OTHER_NODE, 1));
  }

  private static Rejection refused(CompletableFuture<?> future) {
    return refusal(future).rejection();
  }

  private static Rejection refusedNow(ThrowingCallable call) {
    try {
      call.call();
    } catch (MessagingException e) {
      return e.rejection();
    } catch (Throwable other) {
      throw new AssertionError(other);
    }
    throw new AssertionError("expected a refusal");
  }
}
