package io.switchboard.runtime.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.switchboard.runtime.messaging.log.ChangeChannelAdmin;
import io.switchboard.runtime.messaging.log.ChangeGroupMember;
import io.switchboard.runtime.messaging.log.ChangeSubscription;
import io.switchboard.runtime.messaging.log.CreateChannel;
import io.switchboard.runtime.messaging.log.CreateGroup;
import io.switchboard.runtime.messaging.log.DeliverMessage;
import io.switchboard.runtime.messaging.log.OutboxDelivered;
import io.switchboard.runtime.messaging.log.PostToChannel;
import io.switchboard.runtime.messaging.log.RegisterUser;
import io.switchboard.runtime.messaging.log.SendGroupMessage;
import io.switchboard.runtime.messaging.log.SendMessage;
import java.util.Optional;

/**
 * The messaging commands a node's log carries: each kind is a {@link
 * io.switchboard.runtime.store.LogEntry#type() record type} and the {@code shard_log.proto} message
 * of its payload. Types 1 to 14 belong to messaging; the state ignores records of any other type,
 * so other subsystems may share the node log with types from 15 on.
 *
 * <p>Type codes are persisted: never renumber or reuse one.
 */
public enum CommandKind {
  REGISTER_USER(1, RegisterUser.parser()),
  SEND_MESSAGE(2, SendMessage.parser()),
  SEND_GROUP_MESSAGE(3, SendGroupMessage.parser()),
  CREATE_GROUP(4, CreateGroup.parser()),
  ADD_GROUP_MEMBER(5, ChangeGroupMember.parser()),
  REMOVE_GROUP_MEMBER(6, ChangeGroupMember.parser()),
  CREATE_CHANNEL(7, CreateChannel.parser()),
  ADD_CHANNEL_ADMIN(8, ChangeChannelAdmin.parser()),
  REMOVE_CHANNEL_ADMIN(9, ChangeChannelAdmin.parser()),
  SUBSCRIBE(10, ChangeSubscription.parser()),
  UNSUBSCRIBE(11, ChangeSubscription.parser()),
  POST_TO_CHANNEL(12, PostToChannel.parser()),
  DELIVER_MESSAGE(13, DeliverMessage.parser()),
  OUTBOX_DELIVERED(14, OutboxDelivered.parser());

  private static final CommandKind[] BY_TYPE = new CommandKind[16];

  static {
    for (CommandKind kind : values()) {
      BY_TYPE[kind.type] = kind;
    }
  }

  private final int type;
  private final Parser<? extends Message> parser;

  CommandKind(int type, Parser<? extends Message> parser) {
    this.type = type;
    this.parser = parser;
  }

  /** The record type of this kind in the log. */
  public int type() {
    return type;
  }

  /** The kind whose record type is {@code type}, or empty for a record that is not messaging's. */
  public static Optional<CommandKind> ofType(int type) {
    return type >= 0 && type < BY_TYPE.length
        ? Optional.ofNullable(BY_TYPE[type])
        : Optional.empty();
  }

  /** Decodes a payload of this kind. */
  Message parse(byte[] payload) throws InvalidProtocolBufferException {
    return parser.parseFrom(payload);
  }
}
