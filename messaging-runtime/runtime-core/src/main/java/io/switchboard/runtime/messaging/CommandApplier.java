package io.switchboard.runtime.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
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
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogRecord;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one log record to the shard states: the deterministic heart of the messaging runtime.
 *
 * <ol>
 *   <li>A record whose type is not a {@link CommandKind} is not messaging's: ignored, no result.
 *   <li>A shard id outside the 1024 shards, or a payload that does not decode, is rejected ({@code
 *       MALFORMED_COMMAND}); nothing changes.
 *   <li>A record whose epoch is below the highest epoch applied on its shard comes from a fenced
 *       leader: rejected ({@code STALE_EPOCH}); otherwise the shard's epoch rises to it.
 *   <li>The command's rules (in the {@code *Commands} classes) decide and change the shard's state.
 * </ol>
 *
 * Never throws for a bad command (the log would stop): every refusal is a {@link Outcome.Rejected}.
 * The outcome depends only on the state and the record, so a replay decides the same.
 */
final class CommandApplier {

  private CommandApplier() {}

  /**
   * Applies {@code record} to the shard it names in {@code shards} (creating that shard's state on
   * its first command).
   *
   * @return the result, or empty for a record that is not a messaging command
   */
  static Optional<Applied> apply(
      Map<Integer, ShardState> shards, LogRecord record, MessagingLimits limits) {
    Optional<CommandKind> kind = CommandKind.ofType(record.entry().type());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    int shardId = record.entry().shardId();
    if (shardId >= Shards.COUNT) {
      return Optional.of(
          Applied.of(new Outcome.Rejected(Rejection.MALFORMED_COMMAND, "no shard " + shardId)));
    }
    Message command;
    try {
      command = kind.get().parse(record.entry().payload());
    } catch (InvalidProtocolBufferException e) {
      return Optional.of(
          Applied.of(new Outcome.Rejected(Rejection.MALFORMED_COMMAND, e.getMessage())));
    }
    ShardState shard = shards.computeIfAbsent(shardId, ShardState::new);
    if (!shard.admitEpoch(record.entry().epoch())) {
      return Optional.of(
          Applied.of(
              new Outcome.Rejected(
                  Rejection.STALE_EPOCH,
                  "epoch " + record.entry().epoch() + " is older than shard " + shardId + "'s")));
    }
    CommandContext context = new CommandContext(shard, record.position(), limits);
    return Optional.of(context.applied(dispatch(kind.get(), context, command), command));
  }

  private static Outcome dispatch(CommandKind kind, CommandContext context, Message command) {
    return switch (kind) {
      case REGISTER_USER -> AccountCommands.register(context, (RegisterUser) command);
      case SEND_MESSAGE -> MessageCommands.send(context, (SendMessage) command);
      case SEND_GROUP_MESSAGE -> MessageCommands.sendToGroup(context, (SendGroupMessage) command);
      case CREATE_GROUP -> GroupCommands.create(context, (CreateGroup) command);
      case ADD_GROUP_MEMBER -> GroupCommands.addMember(context, (ChangeGroupMember) command);
      case REMOVE_GROUP_MEMBER -> GroupCommands.removeMember(context, (ChangeGroupMember) command);
      case CREATE_CHANNEL -> ChannelCommands.create(context, (CreateChannel) command);
      case ADD_CHANNEL_ADMIN -> ChannelCommands.addAdmin(context, (ChangeChannelAdmin) command);
      case REMOVE_CHANNEL_ADMIN ->
          ChannelCommands.removeAdmin(context, (ChangeChannelAdmin) command);
      case SUBSCRIBE -> ChannelCommands.subscribe(context, (ChangeSubscription) command);
      case UNSUBSCRIBE -> ChannelCommands.unsubscribe(context, (ChangeSubscription) command);
      case POST_TO_CHANNEL -> ChannelCommands.post(context, (PostToChannel) command);
      case DELIVER_MESSAGE -> MessageCommands.deliver(context, (DeliverMessage) command);
      case OUTBOX_DELIVERED -> MessageCommands.outboxDelivered(context, (OutboxDelivered) command);
    };
  }
}
