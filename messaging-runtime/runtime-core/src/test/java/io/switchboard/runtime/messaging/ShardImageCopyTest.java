package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.replication.node.ReplicationRecords;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard image copied by hand from one node's log to another's, as snapshot catch-up does: the
 * records a captured shard names are appended to the second log as IMAGE_ITEM records in position
 * order, the state is remapped to their new positions and installed; the second node then reads the
 * same messages from the copies.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShardImageCopyTest {

  @TempDir Path sourceDirectory;
  @TempDir Path targetDirectory;

  private TestNode source;
  private TestNode target;
  private long alice;
  private long bob;
  private long carol;
  private long group;
  private long channel;

  @BeforeEach
  void open() throws IOException {
    source = TestNode.open(sourceDirectory);
    target = TestNode.open(targetDirectory);
    alice = source.registerUser("alice");
    bob = source.registerUser("bob");
    carol = source.registerUser("carol");
    for (int i = 0; i < 6; i++) {
      await(source.service.sendToUser(alice, bob, i, "alice to bob " + i));
      await(source.service.sendToUser(bob, alice, i, "bob to alice " + i));
      await(source.service.sendToUser(carol, alice, i, "carol to alice " + i));
    }
    group = await(source.service.createGroup(alice, "trio", List.of(bob, carol)));
    await(source.service.sendToGroup(alice, group, 100, "alice to the trio"));
    await(source.service.sendToGroup(carol, group, 100, "carol to the trio"));
    channel = await(source.service.createChannel(alice, "news"));
    await(source.service.subscribe(bob, channel));
    for (int i = 0; i < 4; i++) {
      await(source.service.post(alice, channel, 200 + i, "post " + i));
    }
    source.relayDue();
  }

  @AfterEach
  void close() throws IOException {
    source.close();
    target.close();
  }

  @Test
  void theTargetReadsTheSameMessagesFromTheCopiedRecords() throws IOException {
    for (int shard : shardsOf(alice, bob, carol)) {
      copyShard(shard);
    }

    for (long user : List.of(alice, bob, carol)) {
      Difference expected = source.service.getDifference(user, 0, 100);
      assertThat(expected.messages()).isNotEmpty();
      assertThat(target.service.getDifference(user, 0, 100)).isEqualTo(expected);
      assertThat(target.service.mailboxPts(user)).isEqualTo(source.service.mailboxPts(user));
      assertThat(target.service.history(user, Peer.group(group), 0, 100))
          .isEqualTo(source.service.history(user, Peer.group(group), 0, 100));
    }
    assertThat(target.service.history(alice, Peer.user(bob), 0, 100))
        .isEqualTo(source.service.history(alice, Peer.user(bob), 0, 100))
        .hasSize(12)
        .extracting(MailboxMessage::text)
        // Bob's messages reach Alice's mailbox through the outbox: when, relative to her own
        // sends, depends on the relay's timing, so only the set is fixed (the order is the
        // source's, asserted above).
        .contains("bob to alice 5", "alice to bob 5", "bob to alice 0", "alice to bob 0");
    ChannelDifference posts = target.service.getChannelDifference(bob, channel, 0, 100);
    assertThat(posts).isEqualTo(source.service.getChannelDifference(bob, channel, 0, 100));
    assertThat(posts.posts())
        .extracting(ChannelPost::text)
        .containsExactly("post 0", "post 1", "post 2", "post 3");
    assertThat(target.service.channelPts(channel)).isEqualTo(4);
  }

  @Test
  void retriesOnTheTargetAreAnsweredFromTheCopiedRecords() throws IOException {
    for (int shard : shardsOf(alice, bob, carol)) {
      copyShard(shard);
    }
    SendReceipt original = await(source.service.sendToUser(alice, bob, 3, "alice to bob 3"));
    assertThat(original.retry()).isTrue();

    SendReceipt retry = await(target.service.sendToUser(alice, bob, 3, "alice to bob 3"));
    PostReceipt postRetry = await(target.service.post(alice, channel, 201, "post 1"));

    assertThat(retry).isEqualTo(original);
    assertThat(postRetry).isEqualTo(await(source.service.post(alice, channel, 201, "post 1")));
    assertThat(postRetry.pts()).isEqualTo(2);
    assertThat(target.service.getDifference(alice, 0, 100))
        .isEqualTo(source.service.getDifference(alice, 0, 100));
  }

  @Test
  void theInstalledStateIsTheSourcesWithTheNewPositions() throws IOException {
    int shard = Shards.shardOf(alice);
    ShardCapture capture = source.state.captureShard(shard);

    Map<Long, Long> moved = appendImageItems(shard, capture.positions());
    byte[] remapped = target.state.remapShardState(capture.stateBytes(), moved::get);
    target.state.installShard(shard, remapped);

    ShardCapture installed = target.state.captureShard(shard);
    assertThat(installed.stateBytes()).isEqualTo(remapped);
    assertThat(installed.positions())
        .containsExactly(new TreeSet<>(moved.values()).stream().mapToLong(p -> p).toArray());
    assertThat(installed.positions()).hasSameSizeAs(capture.positions());
    for (long position : installed.positions()) {
      assertThat(target.log.read(new LogPosition(position)).entry().type())
          .isEqualTo(ReplicationRecords.IMAGE_ITEM);
    }
  }

  @Test
  void installingAnotherShardsStateFailsClearly() {
    int shard = Shards.shardOf(alice);
    int otherShard = (shard + 1) % Shards.COUNT;
    byte[] state = source.state.captureShard(shard).stateBytes();

    assertThatThrownBy(() -> target.state.installShard(otherShard, state))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("a shard image of shard " + otherShard + " holds the state of shard " + shard);
    assertThat(target.state.userExists(alice)).isFalse();
  }

  @Test
  void installingReplacesWhatTheTargetHadOnTheShard() throws IOException {
    int shard = Shards.shardOf(alice);
    long stranger = target.registerUser("stranger");
    for (int tries = 0; Shards.shardOf(stranger) != shard; tries++) {
      assertThat(tries).as("registrations until one lands on shard " + shard).isLessThan(5000);
      stranger = target.registerUser("stranger");
    }
    await(target.service.sendToUser(stranger, stranger, 1, "the target's own note"));

    byte[] installed = copyShard(shard);

    assertThat(target.state.captureShard(shard).stateBytes()).isEqualTo(installed);
    assertThat(target.state.userExists(alice)).isTrue();
    assertThat(target.state.userExists(stranger)).isEqualTo(source.state.userExists(stranger));
    if (target.state.userExists(stranger)) {
      assertThat(target.service.getDifference(stranger, 0, 100))
          .isEqualTo(source.service.getDifference(stranger, 0, 100));
    }
    assertThat(target.service.getDifference(alice, 0, 100).messages())
        .extracting(MailboxMessage::text)
        .doesNotContain("the target's own note");
  }

  /**
   * Copies {@code shard}'s state and the records it names from the source to the target; returns
   * the state installed.
   */
  private byte[] copyShard(int shard) throws IOException {
    ShardCapture capture = source.state.captureShard(shard);
    Map<Long, Long> moved = appendImageItems(shard, capture.positions());
    byte[] remapped =
        target.state.remapShardState(
            capture.stateBytes(),
            position -> {
              Long copy = moved.get(position);
              if (copy == null) {
                throw new IllegalStateException("no copy of the record at " + position);
              }
              return copy;
            });
    target.state.installShard(shard, remapped);
    return remapped;
  }

  /** Appends the records at {@code positions} (ascending) to the target; old to new position. */
  private Map<Long, Long> appendImageItems(int shard, long[] positions) throws IOException {
    Map<Long, Long> moved = new HashMap<>();
    for (long position : positions) {
      LogRecord record = source.log.read(new LogPosition(position));
      LogEntry original = ReplicationRecords.unwrapped(record.entry());
      LogEntry item =
          ReplicationRecords.imageItem(
              shard, original.type(), original.epoch(), original.payload());
      moved.put(position, await(target.log.append(item)).offset());
    }
    return moved;
  }

  private static List<Integer> shardsOf(long... users) {
    TreeSet<Integer> shards = new TreeSet<>();
    for (long user : users) {
      shards.add(Shards.shardOf(user));
    }
    return List.copyOf(shards);
  }
}
