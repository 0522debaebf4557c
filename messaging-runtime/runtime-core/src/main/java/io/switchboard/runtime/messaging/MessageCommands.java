package io.switchboard.runtime.messaging;

import com.google.protobuf.Message;
import io.switchboard.runtime.messaging.log.DeliverMessage;
import io.switchboard.runtime.messaging.log.OutboxDelivered;
import io.switchboard.runtime.messaging.log.SendGroupMessage;
import io.switchboard.runtime.messaging.log.SendMessage;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Apply-time rules of SEND_MESSAGE, SEND_GROUP_MESSAGE, DELIVER_MESSAGE and OUTBOX_DELIVERED. Every
 * mailbox append gives the next pts of that mailbox, so pts never skip, whatever order concurrent
 * proposals reached the log in.
 */
final class MessageCommands {

  private MessageCommands() {}

  /**
   * A private message, on the sender's shard.
   *
   * <ol>
   *   <li>The sender must exist here ({@code UNKNOWN_USER}).
   *   <li>A random id in the sender's window makes this a retry: answer with the original, change
   *       nothing.
   *   <li>A recipient on this shard must exist ({@code UNKNOWN_PEER}); one elsewhere is checked by
   *       its own shard on delivery.
   *   <li>Remember the random id; append to the sender's mailbox; then to a recipient on this shard
   *       (a message to oneself has one copy), or add an outbox entry for the recipient's shard.
   * </ol>
   */
  static Outcome send(CommandContext context, SendMessage command) {
    User sender = context.localUser(command.getSenderId());
    if (sender == null) {
      return CommandContext.rejected(
          Rejection.UNKNOWN_USER, "no user " + command.getSenderId() + " on this shard");
    }
    SendWindow window =
        context.shard().sendWindow(sender.id(), context.limits().idempotencyWindow());
    OptionalLong original = window.find(command.getRandomId());
    if (original.isPresent()) {
      return new Outcome.MessageAccepted(
          sender.mailbox().ptsOf(original.getAsLong()),
          Optional.of(new LogPosition(original.getAsLong())));
    }
    long recipientId = command.getRecipientId();
    if (recipientId < 1) {
      return CommandContext.rejected(Rejection.UNKNOWN_PEER, "invalid recipient " + recipientId);
    }
    User recipient = context.localUser(recipientId);
    if (context.isLocal(recipientId) && recipient == null) {
      return CommandContext.rejected(Rejection.UNKNOWN_PEER, "no user " + recipientId);
    }
    long position = context.position().offset();
    window.remember(command.getRandomId(), position);
    int senderPts = appendAndPush(context, sender, Peer.user(recipientId), command);
    if (recipient != null && recipient != sender) {
      appendAndPush(context, recipient, Peer.user(sender.id()), command);
    } else if (recipient == null) {
      context.queueDelivery(Shards.shardOf(recipientId), List.of(recipientId));
    }
    return new Outcome.MessageAccepted(OptionalInt.of(senderPts), Optional.empty());
  }

  /**
   * A group message, on the group's shard.
   *
   * <ol>
   *   <li>The group must exist ({@code UNKNOWN_PEER}) and the sender be a member ({@code
   *       NOT_A_MEMBER}).
   *   <li>A random id in the sender's window on this shard makes this a retry.
   *   <li>Remember the random id; append to the mailbox of every member on this shard (members who
   *       do not exist are skipped); add one outbox entry per other shard with its members.
   * </ol>
   */
  static Outcome sendToGroup(CommandContext context, SendGroupMessage command) {
    Group group = context.shard().groups().get(command.getGroupId());
    if (group == null) {
      return CommandContext.rejected(Rejection.UNKNOWN_PEER, "no group " + command.getGroupId());
    }
    long senderId = command.getSenderId();
    if (!group.isMember(senderId)) {
      return CommandContext.rejected(
          Rejection.NOT_A_MEMBER, senderId + " is not a member of group " + group.id());
    }
    User localSender = context.localUser(senderId);
    SendWindow window = context.shard().sendWindow(senderId, context.limits().idempotencyWindow());
    OptionalLong original = window.find(command.getRandomId());
    if (original.isPresent()) {
      return new Outcome.MessageAccepted(
          localSender == null
              ? OptionalInt.empty()
              : localSender.mailbox().ptsOf(original.getAsLong()),
          Optional.of(new LogPosition(original.getAsLong())));
    }
    window.remember(command.getRandomId(), context.position().offset());
    Peer peer = Peer.group(group.id());
    OptionalInt senderPts = OptionalInt.empty();
    Map<Integer, List<Long>> elsewhere = new TreeMap<>();
    for (long memberId : group.members()) {
      if (context.isLocal(memberId)) {
        User member = context.shard().users().get(memberId);
        if (member != null) {
          int pts = appendAndPush(context, member, peer, command);
          if (memberId == senderId) {
            senderPts = OptionalInt.of(pts);
          }
        }
      } else {
        elsewhere
            .computeIfAbsent(Shards.shardOf(memberId), shard -> new ArrayList<>())
            .add(memberId);
      }
    }
    elsewhere.forEach(context::queueDelivery);
    return new Outcome.MessageAccepted(senderPts, Optional.empty());
  }

  /**
   * A message relayed from another shard's outbox.
   *
   * <ol>
   *   <li>A (origin shard, outbox sequence) at or below the highest applied from that origin is a
   *       redelivery: nothing changes.
   *   <li>Record the sequence; append to the mailbox of every recipient that exists on this shard.
   * </ol>
   */
  static Outcome deliver(CommandContext context, DeliverMessage command) {
    if (!context
        .shard()
        .ledger()
        .recordFirstDelivery(command.getOriginShard(), command.getOutboxSequence())) {
      return new Outcome.Done();
    }
    Peer peer = Updates.peerOf(command);
    for (long recipientId : command.getRecipientIdsList()) {
      User recipient = context.localUser(recipientId);
      if (recipient != null) {
        appendAndPush(context, recipient, peer, command);
      }
    }
    return new Outcome.Done();
  }

  /** The destination acknowledged outbox entries: they leave the outbox. */
  static Outcome outboxDelivered(CommandContext context, OutboxDelivered command) {
    int destination = command.getDestinationShard();
    if (command.getOutboxSequence() != 0) {
      context.shard().outbox().remove(destination, command.getOutboxSequence());
    }
    for (int i = 0; i < command.getOutboxSequencesCount(); i++) {
      context.shard().outbox().remove(destination, command.getOutboxSequences(i));
    }
    return new Outcome.Done();
  }

  private static int appendAndPush(CommandContext context, User owner, Peer peer, Message command) {
    int pts = owner.mailbox().append(context.position().offset(), Mailbox.peerKey(peer));
    context.push(owner.id(), Updates.mailboxMessage(owner.id(), pts, command));
    return pts;
  }
}
