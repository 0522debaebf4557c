package io.switchboard.runtime.serving;

import io.switchboard.runtime.messaging.ChannelPost;
import io.switchboard.runtime.messaging.MailboxMessage;
import io.switchboard.runtime.messaging.Peer;
import io.switchboard.runtime.messaging.PostReceipt;
import io.switchboard.runtime.messaging.Update;
import io.switchboard.runtime.protocol.ChannelDifference;
import io.switchboard.runtime.protocol.ChannelPostPublished;
import io.switchboard.runtime.protocol.Difference;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Message;
import io.switchboard.runtime.protocol.MessageSent;
import io.switchboard.runtime.protocol.Redirect;
import io.switchboard.runtime.sharding.ShardMap;
import java.time.Instant;
import java.util.List;

/**
 * Converts between the messaging records of {@code io.switchboard.runtime.messaging} and the
 * protobuf types of {@code gateway.proto}. Pure functions, no state.
 *
 * <p>Identities on the wire:
 *
 * <ul>
 *   <li>{@code message_id} is the message's {@code random_id}. The protocol requires that every
 *       copy of a message (in every recipient's mailbox) carries the same {@code message_id}, and
 *       that {@code (sender, message_id)} identifies it; the messaging runtime numbers a message
 *       only by its pts in each mailbox, which differs per copy, and every copy does carry the
 *       sender's {@code random_id}, the key that makes sends idempotent. It is non-zero (the
 *       gateway refuses 0), read as an unsigned 64-bit value.
 *   <li>{@code post_id} is the post's channel pts, as in the messaging runtime: a post is stored
 *       once, so its channel pts names it.
 *   <li>Dates are milliseconds since the epoch; pts become unsigned 64-bit values.
 * </ul>
 */
public final class WireFormat {

  private WireFormat() {}

  /** A protocol peer (exactly one of user_id, group_id set, positive) as a messaging peer. */
  public static Peer peer(io.switchboard.runtime.protocol.Peer peer) {
    return switch (peer.getKindCase()) {
      case USER_ID -> Peer.user(peer.getUserId());
      case GROUP_ID -> Peer.group(peer.getGroupId());
      case KIND_NOT_SET -> throw new IllegalArgumentException("a peer names a user or a group");
    };
  }

  /** A messaging peer as a protocol peer. */
  public static io.switchboard.runtime.protocol.Peer peer(Peer peer) {
    io.switchboard.runtime.protocol.Peer.Builder wire =
        io.switchboard.runtime.protocol.Peer.newBuilder();
    return switch (peer.kind()) {
      case USER -> wire.setUserId(peer.id()).build();
      case GROUP -> wire.setGroupId(peer.id()).build();
    };
  }

  /** A message as it stands in its owner's mailbox, {@code pts} being its position there. */
  public static Message message(MailboxMessage message) {
    return Message.newBuilder()
        .setMessageId(message.randomId())
        .setPts(message.pts())
        .setPeer(peer(message.peer()))
        .setFromUserId(message.senderId())
        .setDate(millis(message.date()))
        .setText(message.text())
        .build();
  }

  /** The mailbox update a message is: its pts and the message. */
  public static MailboxUpdate mailboxUpdate(MailboxMessage message) {
    return MailboxUpdate.newBuilder().setPts(message.pts()).setNewMessage(message(message)).build();
  }

  /** A channel's post; its {@code post_id} and {@code channel_pts} are both its channel pts. */
  public static io.switchboard.runtime.protocol.ChannelPost channelPost(ChannelPost post) {
    return io.switchboard.runtime.protocol.ChannelPost.newBuilder()
        .setChannelId(post.channelId())
        .setPostId(post.pts())
        .setChannelPts(post.pts())
        .setAuthorUserId(post.authorId())
        .setDate(millis(post.date()))
        .setText(post.text())
        .build();
  }

  /** A pushed update: a mailbox update, or a post of a channel the user subscribes to. */
  public static io.switchboard.runtime.protocol.Update update(Update update) {
    io.switchboard.runtime.protocol.Update.Builder wire =
        io.switchboard.runtime.protocol.Update.newBuilder();
    if (update instanceof MailboxMessage message) {
      return wire.setMailbox(mailboxUpdate(message)).build();
    }
    if (update instanceof ChannelPost post) {
      return wire.setChannelPost(channelPost(post)).build();
    }
    throw new IllegalArgumentException("an update of an unknown kind: " + update);
  }

  /** A page of a mailbox and the mailbox's pts. */
  public static Difference difference(io.switchboard.runtime.messaging.Difference difference) {
    Difference.Builder wire = Difference.newBuilder().setPts(difference.latestPts());
    difference.messages().forEach(message -> wire.addUpdates(mailboxUpdate(message)));
    return wire.build();
  }

  /** A page of a channel and the channel's pts. */
  public static ChannelDifference channelDifference(
      io.switchboard.runtime.messaging.ChannelDifference difference) {
    ChannelDifference.Builder wire =
        ChannelDifference.newBuilder().setChannelPts(difference.latestPts());
    difference.posts().forEach(post -> wire.addPosts(channelPost(post)));
    return wire.build();
  }

  /** A page of history, newest first as the service returned it. */
  public static io.switchboard.runtime.protocol.History history(List<MailboxMessage> messages) {
    io.switchboard.runtime.protocol.History.Builder wire =
        io.switchboard.runtime.protocol.History.newBuilder();
    messages.forEach(message -> wire.addMessages(message(message)));
    return wire.build();
  }

  /**
   * The answer to a send.
   *
   * @param randomId the send's random_id, which is the message's id (see the class comment)
   * @param senderPts the pts of the sender's copy
   */
  public static MessageSent messageSent(long randomId, long senderPts, Instant date) {
    return MessageSent.newBuilder()
        .setMessageId(randomId)
        .setPts(senderPts)
        .setDate(millis(date))
        .build();
  }

  /** The answer to a post. */
  public static ChannelPostPublished postPublished(PostReceipt receipt) {
    return ChannelPostPublished.newBuilder()
        .setPostId(receipt.pts())
        .setChannelPts(receipt.pts())
        .setDate(millis(receipt.date()))
        .build();
  }

  /** Where a shard lives, as the WRONG_SHARD error reports it. */
  public static Redirect redirect(ShardMap.Route.Redirect redirect) {
    return Redirect.newBuilder()
        .setShard(redirect.shard())
        .setNodeId(redirect.primary())
        .setShardMapVersion(redirect.mapVersion())
        .build();
  }

  /**
   * A pts or offset from the wire (unsigned 64-bit) as the service's {@code int}: values beyond
   * {@link Integer#MAX_VALUE} (no log is that long) become {@link Integer#MAX_VALUE}, which means
   * "after everything" for a difference and "no bound" for a history offset alike.
   */
  public static int pts(long wirePts) {
    return Long.compareUnsigned(wirePts, Integer.MAX_VALUE) > 0 ? Integer.MAX_VALUE : (int) wirePts;
  }

  private static long millis(Instant date) {
    return date.toEpochMilli();
  }
}
