package io.switchboard.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.switchboard.runtime.messaging.log.CreateChannel;
import io.switchboard.runtime.messaging.log.CreateGroup;
import io.switchboard.runtime.messaging.log.PostToChannel;
import io.switchboard.runtime.messaging.log.RegisterUser;
import io.switchboard.runtime.messaging.log.SendGroupMessage;
import io.switchboard.runtime.messaging.log.SendMessage;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The state machine on its own, fed records directly. */
class MessagingStateTest {

  private static final int SHARD = 5;
  private static final long FIRST_ID = Shards.COUNT + SHARD;
  private static final long SECOND_ID = 2L * Shards.COUNT + SHARD;
  private static final long THIRD_ID = 3L * Shards.COUNT + SHARD;

  private final MessagingState state = new MessagingState(MessagingLimits.defaults());
  private long nextPosition;

  @Test
  void commandsOfAFencedEpochChangeNothing() {
    apply(CommandKind.REGISTER_USER, 2, register("first"));
    apply(CommandKind.REGISTER_USER, 1, register("from a fenced leader"));
    apply(CommandKind.REGISTER_USER, 2, register("second"));

    assertThat(state.userExists(FIRST_ID)).isTrue();
    assertThat(state.userExists(SECOND_ID)).isTrue();
    assertThat(state.userExists(THIRD_ID)).as("the stale command allocated no id").isFalse();
  }

  @Test
  void badRecordsAreRefusedWithoutStoppingTheLogAndOtherTypesAreIgnored() throws IOException {
    apply(CommandKind.REGISTER_USER, 1, register("alice"));
    byte[] before = bytesOf(state);

    state.apply(record(CommandKind.SEND_MESSAGE.type(), SHARD, 1, new byte[] {(byte) 0xFF, 1, 2}));
    state.apply(
        record(CommandKind.REGISTER_USER.type(), 2000, 1, register("nowhere").toByteArray()));
    state.apply(record(200, SHARD, 1, new byte[] {42}));

    assertThat(bytesOf(state)).isEqualTo(before);
  }

  @Test
  void aSnapshotRestoresToAnEqualState() throws IOException {
    apply(CommandKind.REGISTER_USER, 1, register("alice"));
    apply(CommandKind.REGISTER_USER, 1, register("bob"));
    apply(CommandKind.SEND_MESSAGE, 1, send(FIRST_ID, SECOND_ID, 1));
    apply(CommandKind.SEND_MESSAGE, 1, send(SECOND_ID, 77 * Shards.COUNT + 3, 1));
    apply(
        CommandKind.CREATE_GROUP,
        1,
        CreateGroup.newBuilder()
            .setCreatorId(FIRST_ID)
            .setTitle("g")
            .addMemberIds(SECOND_ID)
            .build());
    apply(
        CommandKind.SEND_GROUP_MESSAGE,
        1,
        SendGroupMessage.newBuilder()
            .setSenderId(SECOND_ID)
            .setGroupId(THIRD_ID)
            .setRandomId(2)
            .setText("to the group")
            .build());
    apply(
        CommandKind.CREATE_CHANNEL,
        1,
        CreateChannel.newBuilder().setOwnerId(FIRST_ID).setTitle("c").build());
    apply(
        CommandKind.POST_TO_CHANNEL,
        1,
        PostToChannel.newBuilder()
            .setAuthorId(FIRST_ID)
            .setChannelId(4L * Shards.COUNT + SHARD)
            .setRandomId(3)
            .setText("post")
            .build());
    byte[] written = bytesOf(state);

    MessagingState restored = new MessagingState(MessagingLimits.defaults());
    restored.restore(new DataInputStream(new ByteArrayInputStream(written)));

    assertThat(bytesOf(restored)).isEqualTo(written);
    assertThat(restored.pendingOutbox()).hasSize(1);
    assertThat(restored.indexFootprint().storedMessages())
        .isEqualTo(state.indexFootprint().storedMessages())
        .isEqualTo(6);
    assertThat(restored.indexFootprint().indexBytes())
        .as("restored arrays have no spare capacity")
        .isLessThanOrEqualTo(state.indexFootprint().indexBytes());
  }

  @Test
  void aDamagedSnapshotIsRefusedAndLeavesTheStateAlone() throws IOException {
    apply(CommandKind.REGISTER_USER, 1, register("alice"));
    byte[] written = bytesOf(state);
    MessagingState other = new MessagingState(MessagingLimits.defaults());
    byte[] empty = bytesOf(other);

    byte[] truncated = Arrays.copyOf(written, written.length - 3);
    assertThatThrownBy(
            () -> other.restore(new DataInputStream(new ByteArrayInputStream(truncated))))
        .isInstanceOf(IOException.class);
    assertThat(bytesOf(other)).isEqualTo(empty);
  }

  private void apply(CommandKind kind, int epoch, Message command) {
    state.apply(record(kind.type(), SHARD, epoch, command.toByteArray()));
  }

  private LogRecord record(int type, int shard, int epoch, byte[] payload) {
    LogRecord record =
        new LogRecord(new LogPosition(nextPosition), new LogEntry(type, shard, epoch, payload));
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

  private static SendMessage send(long sender, long recipient, long randomId) {
    return SendMessage.newBuilder()
        .setSenderId(sender)
        .setRecipientId(recipient)
        .setRandomId(randomId)
        .setText("hello")
        .build();
  }

  private static byte[] bytesOf(MessagingState state) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    state.snapshot().writeTo(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
