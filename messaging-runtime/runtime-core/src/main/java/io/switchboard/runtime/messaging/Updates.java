package io.switchboard.runtime.messaging;

import com.google.protobuf.Message;
import io.switchboard.runtime.messaging.log.DeliverMessage;
import io.switchboard.runtime.messaging.log.PostToChannel;
import io.switchboard.runtime.messaging.log.SendGroupMessage;
import io.switchboard.runtime.messaging.log.SendMessage;
import java.time.Instant;

/**
 * Renders the commands that carry a message into the {@link Update}s users see. The apply path
 * (pushes) and the read path (history, differences) both render through here, so a pushed update
 * and the same update read back later are equal.
 */
final class Updates {

  private Updates() {}

  /**
   * The message a SEND_MESSAGE, SEND_GROUP_MESSAGE or DELIVER_MESSAGE command put into {@code
   * owner}'s mailbox at {@code pts}.
   */
  static MailboxMessage mailboxMessage(long owner, int pts, Message command) {
    if (command instanceof SendMessage send) {
      boolean outgoing = send.getSenderId() == owner;
      return new MailboxMessage(
          pts,
          Peer.user(outgoing ? send.getRecipientId() : send.getSenderId()),
          send.getSenderId(),
          outgoing,
          send.getRandomId(),
          send.getText(),
          Instant.ofEpochMilli(send.getDateMillis()));
    }
    if (command instanceof SendGroupMessage send) {
      return new MailboxMessage(
          pts,
          Peer.group(send.getGroupId()),
          send.getSenderId(),
          send.getSenderId() == owner,
          send.getRandomId(),
          send.getText(),
          Instant.ofEpochMilli(send.getDateMillis()));
    }
    if (command instanceof DeliverMessage delivery) {
      return new MailboxMessage(
          pts,
          peerOf(delivery),
          delivery.getSenderId(),
          delivery.getSenderId() == owner,
          delivery.getRandomId(),
          delivery.getText(),
          Instant.ofEpochMilli(delivery.getDateMillis()));
    }
    throw new IllegalArgumentException("not a message command: " + command.getClass());
  }

  /**
   * The peer of every copy a delivery makes: the group, or for a private message the sender (a
   * private delivery never goes to its sender, whose copy stays on the origin shard).
   */
  static Peer peerOf(DeliverMessage delivery) {
    return delivery.getGroupId() != 0
        ? Peer.group(delivery.getGroupId())
        : Peer.user(delivery.getSenderId());
  }

  static ChannelPost channelPost(int pts, PostToChannel post) {
    return new ChannelPost(
        post.getChannelId(),
        pts,
        post.getAuthorId(),
        post.getText(),
        Instant.ofEpochMilli(post.getDateMillis()));
  }

  /** The date a message or post command carries. */
  static Instant dateOf(Message command) {
    if (command instanceof SendMessage send) {
      return Instant.ofEpochMilli(send.getDateMillis());
    }
    if (command instanceof SendGroupMessage send) {
      return Instant.ofEpochMilli(send.getDateMillis());
    }
    if (command instanceof PostToChannel post) {
      return Instant.ofEpochMilli(post.getDateMillis());
    }
    throw new IllegalArgumentException("not a send or post command: " + command.getClass());
  }
}
