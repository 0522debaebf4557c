package io.switchboard.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.switchboard.runtime.messaging.log.ChangeGroupMember;
import io.switchboard.runtime.messaging.log.CreateChannel;
import io.switchboard.runtime.messaging.log.CreateGroup;
import io.switchboard.runtime.messaging.log.DeliverMessage;
import io.switchboard.runtime.messaging.log.OutboxDelivered;
import io.switchboard.runtime.messaging.log.PostToChannel;
import io.switchboard.runtime.messaging.log.RegisterUser;
import io.switchboard.runtime.messaging.log.SendGroupMessage;
import io.switchboard.runtime.messaging.log.SendMessage;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shard captures and their remapping and installation, on the state alone fed records at chosen
 * positions: every record is 100 bytes after the previous one, from 0.
 */
class ShardCaptureTest {

  private static final int SHARD = 5;
  private static final int OTHER_SHARD = 6;
  private static final int REMOTE_SHARD = 3;
  private static final long ALICE = Shards.COUNT + SHARD;
  private static final long BOB = 2L * Shards.COUNT + SHARD;
  private static final long GROUP = 3L * Shards.COUNT + SHARD;
  private static final long CHANNEL = 4L * Shards.COUNT + SHARD;
  private static final long LONELY_GROUP = 5L * Shards.COUNT + SHARD;
  private static final long REMOTE = 77L * Shards.COUNT + REMOTE_SHARD;
  private static final long OTHER_USER = Shards.COUNT + OTHER_SHARD;

  /** What shard {@link #SHARD} names after {@link #applyScenario()}, ascending. */
  private static final long[] NAMED = {200, 300, 500, 800, 900, 1200};

  private final MessagingState state = new MessagingState(MessagingLimits.defaults());
  private long nextPosition;

  @BeforeEach
  void applyScenario() {
    apply(SHARD, CommandKind.REGISTER_USER, register("alice")); // 0
    apply(SHARD, CommandKind.REGISTER_USER, register("bob")); // 100
    // 200: the mailboxes of both, alice's window
    apply(SHARD, CommandKind.SEND_MESSAGE, send(ALICE, BOB, 1, "alice to bob"));
    // 300: bob's mailbox and window, and a pending outbox entry (sequence 1) for shard 3
    apply(SHARD, CommandKind.SEND_MESSAGE, send(BOB, REMOTE, 1, "bob to remote"));
    apply(SHARD, CommandKind.CREATE_GROUP, group(ALICE, BOB, REMOTE)); // 400
    // 500: both mailboxes and bob's window; its outbox entry (sequence 2) is delivered at 600
    apply(SHARD, CommandKind.SEND_GROUP_MESSAGE, groupMessage(BOB, GROUP, 2, "bob to group"));
    apply(SHARD, CommandKind.OUTBOX_DELIVERED, delivered(2)); // 600
    apply(
        SHARD,
        CommandKind.CREATE_CHANNEL,
        CreateChannel.newBuilder().setOwnerId(ALICE).setTitle("news").build()); // 700
    // 800: the channel's posts and alice's post window
    apply(
        SHARD,
        CommandKind.POST_TO_CHANNEL,
        PostToChannel.newBuilder()
            .setAuthorId(ALICE)
            .setChannelId(CHANNEL)
            .setRandomId(3)
            .setText("first post")
            .setDateMillis(1_700_000_000_000L)
            .build());
    // 900: alice's mailbox only, a delivery from shard 3
    apply(
        SHARD,
        CommandKind.DELIVER_MESSAGE,
        DeliverMessage.newBuilder()
            .setOriginShard(REMOTE_SHARD)
            .setOutboxSequence(1)
            .setSenderId(REMOTE)
            .addRecipientIds(ALICE)
            .setRandomId(4)
            .setText("remote to alice")
            .build());
    apply(SHARD, CommandKind.CREATE_GROUP, group(ALICE, REMOTE)); // 1000
    apply(SHARD, CommandKind.REMOVE_GROUP_MEMBER, leave(ALICE, LONELY_GROUP)); // 1100
    // 1200: only in the remote sender's window once its outbox entry (3) is delivered at 1300
    apply(
        SHARD,
        CommandKind.SEND_GROUP_MESSAGE,
        groupMessage(REMOTE, LONELY_GROUP, 9, "nobody local reads this"));
    apply(SHARD, CommandKind.OUTBOX_DELIVERED, delivered(3)); // 1300
    apply(OTHER_SHARD, CommandKind.REGISTER_USER, register("other")); // 1400
    // 1500: another shard's message
    apply(OTHER_SHARD, CommandKind.SEND_MESSAGE, send(OTHER_USER, OTHER_USER, 5, "note")); // 1500
  }

  @Test
  void positionsAreExactlyTheRecordsTheShardNamesAscending() {
    ShardCapture capture = state.captureShard(SHARD);

    assertThat(capture.shard()).isEqualTo(SHARD);
    assertThat(capture.positions()).containsExactly(NAMED);
    assertThat(state.captureShard(OTHER_SHARD).positions()).containsExactly(1500);
    assertThat(state.pendingOutbox())
        .singleElement()
        .satisfies(entry -> assertThat(entry.source().offset()).isEqualTo(300));
  }

  @Test
  void aShardWithoutStateCapturesAsAnEmptyStateOfThatShard() {
    ShardCapture capture = state.captureShard(9);

    assertThat(capture.shard()).isEqualTo(9);
    assertThat(capture.positions()).isEmpty();
    MessagingState other = new MessagingState(MessagingLimits.defaults());
    other.installShard(9, capture.stateBytes());
    assertThat(other.captureShard(9).stateBytes()).isEqualTo(capture.stateBytes());
    assertThatThrownBy(() -> state.captureShard(Shards.COUNT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCaptureIsNotChangedByLaterCommands() {
    ShardCapture capture = state.captureShard(SHARD);
    byte[] bytes = capture.stateBytes();

    apply(SHARD, CommandKind.SEND_MESSAGE, send(ALICE, BOB, 10, "later")); // 1600
    apply(
        SHARD,
        CommandKind.POST_TO_CHANNEL,
        PostToChannel.newBuilder()
            .setAuthorId(ALICE)
            .setChannelId(CHANNEL)
            .setRandomId(11)
            .setText("later post")
            .setDateMillis(1_700_000_000_000L)
            .build()); // 1700

    assertThat(capture.positions()).containsExactly(NAMED);
    assertThat(capture.stateBytes()).isEqualTo(bytes);
    assertThat(state.captureShard(SHARD).positions()).endsWith(1600, 1700);
  }

  @Test
  void remappingReplacesEveryPositionAndInstallsAsTheMappedState() throws IOException {
    byte[] original = state.captureShard(SHARD).stateBytes();
    LongUnaryOperator mapping = p -> p * 2 + 7;

    byte[] remapped = state.remapShardState(original, mapping);
    MessagingState other = new MessagingState(MessagingLimits.defaults());
    other.installShard(SHARD, remapped);

    assertThat(other.captureShard(SHARD).positions())
        .containsExactly(LongStream.of(NAMED).map(mapping).toArray());
    assertThat(other.captureShard(SHARD).stateBytes()).isEqualTo(remapped);
    assertThat(other.mailboxAfter(ALICE, 0, 10).positions())
        .containsExactly(
            mapping.applyAsLong(200), mapping.applyAsLong(500), mapping.applyAsLong(900));
    assertThat(other.channelAfter(ALICE, CHANNEL, 0, 10).positions())
        .containsExactly(mapping.applyAsLong(800));
    assertThat(other.pendingOutbox())
        .singleElement()
        .satisfies(
            entry -> assertThat(entry.source().offset()).isEqualTo(mapping.applyAsLong(300)));
    assertThat(state.remapShardState(remapped, p -> (p - 7) / 2))
        .as("mapping back gives the original")
        .isEqualTo(original);
    assertThat(state.remapShardState(original, LongUnaryOperator.identity())).isEqualTo(original);
  }

  @Test
  void theMappersExceptionForAnUnknownPositionPropagates() {
    byte[] original = state.captureShard(SHARD).stateBytes();
    long[] known = Arrays.copyOf(NAMED, NAMED.length - 1); // not the window-only 1200

    assertThatThrownBy(
            () ->
                state.remapShardState(
                    original,
                    p -> {
                      if (Arrays.binarySearch(known, p) < 0) {
                        throw new IllegalArgumentException("unknown position " + p);
                      }
                      return p + 1;
                    }))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown position 1200");
  }

  @Test
  void aMappingThatDoesNotKeepTheOrderIsRefused() {
    byte[] original = state.captureShard(SHARD).stateBytes();

    assertThatThrownBy(() -> state.remapShardState(original, p -> 10_000 - p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("do not increase");
  }

  @Test
  void damagedStateBytesAreRefused() {
    byte[] original = state.captureShard(SHARD).stateBytes();
    byte[] truncated = Arrays.copyOf(original, original.length - 3);
    byte[] trailing = Arrays.copyOf(original, original.length + 1);
    MessagingState other = new MessagingState(MessagingLimits.defaults());

    assertThatThrownBy(() -> state.remapShardState(truncated, p -> p))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> other.installShard(SHARD, truncated))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("shard " + SHARD);
    assertThatThrownBy(() -> other.installShard(SHARD, trailing))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("1 bytes follow the state of shard " + SHARD);
    assertThat(other.captureShard(SHARD).positions()).isEmpty();
  }

  @Test
  void installingAnotherShardsStateIsRefusedAndChangesNothing() {
    byte[] shardFive = state.captureShard(SHARD).stateBytes();
    byte[] before = state.captureShard(OTHER_SHARD).stateBytes();

    assertThatThrownBy(() -> state.installShard(OTHER_SHARD, shardFive))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("a shard image of shard 6 holds the state of shard 5");
    assertThat(state.captureShard(OTHER_SHARD).stateBytes()).isEqualTo(before);
  }

  @Test
  void installingReplacesTheShardsStateAndLeavesTheOthers() {
    MessagingState other = new MessagingState(MessagingLimits.defaults());
    other.apply(record(SHARD, CommandKind.REGISTER_USER, register("zed")));
    other.apply(record(SHARD, CommandKind.REGISTER_USER, register("yan")));
    other.apply(record(SHARD, CommandKind.REGISTER_USER, register("xu")));
    other.apply(record(OTHER_SHARD, CommandKind.REGISTER_USER, register("other")));
    long xu = 3L * Shards.COUNT + SHARD;
    assertThat(other.userExists(xu)).isTrue();

    other.installShard(SHARD, state.captureShard(SHARD).stateBytes());

    assertThat(other.captureShard(SHARD).stateBytes())
        .isEqualTo(state.captureShard(SHARD).stateBytes());
    assertThat(other.userExists(ALICE)).isTrue();
    assertThat(other.userExists(xu)).as("the id is a group in the installed state").isFalse();
    assertThat(other.userExists(OTHER_USER)).isTrue();
    assertThat(other.pendingOutbox()).hasSize(1);
  }

  private void apply(int shard, CommandKind kind, Message command) {
    state.apply(record(shard, kind, command));
  }

  private LogRecord record(int shard, CommandKind kind, Message command) {
    LogRecord record =
        new LogRecord(
            new LogPosition(nextPosition),
            new LogEntry(kind.type(), shard, 1, command.toByteArray()));
    nextPosition += 100;
    return record;
  }

  private static RegisterUser register(String name) {
    return RegisterUser.newBuilder()
        .setDisplayName(name)
        .setHomeDc("americas")
        .setTokenHash(ByteString.copyFrom(new byte[32]))
        .build();
  }

  private static SendMessage send(long sender, long recipient, long randomId, String text) {
    return SendMessage.newBuilder()
        .setSenderId(sender)
        .setRecipientId(recipient)
        .setRandomId(randomId)
        .setText(text)
        .build();
  }

  private static CreateGroup group(long creator, long... members) {
    return CreateGroup.newBuilder()
        .setCreatorId(creator)
        .setTitle("g")
        .addAllMemberIds(LongStream.of(members).boxed().toList())
        .build();
  }

  private static SendGroupMessage groupMessage(
      long sender, long group, long randomId, String text) {
    return SendGroupMessage.newBuilder()
        .setSenderId(sender)
        .setGroupId(group)
        .setRandomId(randomId)
        .setText(text)
        .build();
  }

  private static ChangeGroupMember leave(long user, long group) {
    return ChangeGroupMember.newBuilder()
        .setActorId(user)
        .setGroupId(group)
        .setUserId(user)
        .build();
  }

  private static OutboxDelivered delivered(long sequence) {
    return OutboxDelivered.newBuilder()
        .setDestinationShard(REMOTE_SHARD)
        .setOutboxSequence(sequence)
        .build();
  }
}
