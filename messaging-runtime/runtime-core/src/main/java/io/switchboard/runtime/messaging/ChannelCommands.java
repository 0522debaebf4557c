package io.switchboard.runtime.messaging;

import io.switchboard.runtime.messaging.log.ChangeChannelAdmin;
import io.switchboard.runtime.messaging.log.ChangeSubscription;
import io.switchboard.runtime.messaging.log.CreateChannel;
import io.switchboard.runtime.messaging.log.PostToChannel;
import io.switchboard.runtime.store.LogPosition;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Apply-time rules of the channel commands. A channel lives on its owner's shard (its id is
 * allocated there); its posts are stored once, in the log of that shard, and indexed in {@link
 * ChannelPosts}; see {@link Channel} for who may do what.
 */
final class ChannelCommands {

  private ChannelCommands() {}

  /** The owner must exist ({@code UNKNOWN_USER}); the owner is subscribed. */
  static Outcome create(CommandContext context, CreateChannel command) {
    if (context.localUser(command.getOwnerId()) == null) {
      return CommandContext.rejected(
          Rejection.UNKNOWN_USER, "no user " + command.getOwnerId() + " on this shard");
    }
    long channelId = context.shard().allocateId();
    context
        .shard()
        .channels()
        .put(channelId, Channel.create(channelId, command.getTitle(), command.getOwnerId()));
    return new Outcome.Created(channelId);
  }

  /**
   * The channel must exist ({@code UNKNOWN_PEER}) and the actor own it ({@code NOT_ALLOWED}); a
   * user on this shard must exist ({@code UNKNOWN_PEER}).
   */
  static Outcome addAdmin(CommandContext context, ChangeChannelAdmin command) {
    Channel channel = context.shard().channels().get(command.getChannelId());
    Outcome refused = refuseNonOwner(channel, command);
    if (refused != null) {
      return refused;
    }
    long userId = command.getUserId();
    if (userId < 1 || (context.isLocal(userId) && context.localUser(userId) == null)) {
      return CommandContext.rejected(Rejection.UNKNOWN_PEER, "no user " + userId);
    }
    channel.addAdmin(userId);
    return new Outcome.Done();
  }

  /** The channel must exist ({@code UNKNOWN_PEER}) and the actor own it ({@code NOT_ALLOWED}). */
  static Outcome removeAdmin(CommandContext context, ChangeChannelAdmin command) {
    Channel channel = context.shard().channels().get(command.getChannelId());
    Outcome refused = refuseNonOwner(channel, command);
    if (refused != null) {
      return refused;
    }
    channel.removeAdmin(command.getUserId());
    return new Outcome.Done();
  }

  /**
   * The channel must exist ({@code UNKNOWN_PEER}); a subscriber on this shard must exist ({@code
   * UNKNOWN_USER}); subscribing again changes nothing.
   */
  static Outcome subscribe(CommandContext context, ChangeSubscription command) {
    Channel channel = context.shard().channels().get(command.getChannelId());
    if (channel == null) {
      return CommandContext.rejected(
          Rejection.UNKNOWN_PEER, "no channel " + command.getChannelId());
    }
    long userId = command.getUserId();
    if (userId < 1 || (context.isLocal(userId) && context.localUser(userId) == null)) {
      return CommandContext.rejected(Rejection.UNKNOWN_USER, "no user " + userId);
    }
    channel.subscribe(userId);
    return new Outcome.Done();
  }

  /** The channel must exist ({@code UNKNOWN_PEER}); unsubscribing a non-subscriber is a no-op. */
  static Outcome unsubscribe(CommandContext context, ChangeSubscription command) {
    Channel channel = context.shard().channels().get(command.getChannelId());
    if (channel == null) {
      return CommandContext.rejected(
          Rejection.UNKNOWN_PEER, "no channel " + command.getChannelId());
    }
    channel.unsubscribe(command.getUserId());
    return new Outcome.Done();
  }

  /**
   * A post.
   *
   * <ol>
   *   <li>The channel must exist ({@code UNKNOWN_PEER}); the author must be its owner or an admin
   *       ({@code NOT_ALLOWED}).
   *   <li>A random id in the author's window of this channel makes this a retry: answer with the
   *       original, change nothing.
   *   <li>Remember the random id; append the post (next channel pts, bucket of its month); push it
   *       to every subscriber.
   * </ol>
   */
  static Outcome post(CommandContext context, PostToChannel command) {
    Channel channel = context.shard().channels().get(command.getChannelId());
    if (channel == null) {
      return CommandContext.rejected(
          Rejection.UNKNOWN_PEER, "no channel " + command.getChannelId());
    }
    if (!channel.canPost(command.getAuthorId())) {
      return CommandContext.rejected(
          Rejection.NOT_ALLOWED,
          command.getAuthorId() + " is neither owner nor admin of channel " + channel.id());
    }
    SendWindow window =
        channel.postWindow(command.getAuthorId(), context.limits().idempotencyWindow());
    OptionalLong original = window.find(command.getRandomId());
    if (original.isPresent()) {
      int originalPts =
          channel
              .posts()
              .ptsOf(original.getAsLong())
              .orElseThrow(
                  () -> new IllegalStateException("a post window names a post the channel lacks"));
      return new Outcome.PostAccepted(
          originalPts, Optional.of(new LogPosition(original.getAsLong())));
    }
    long position = context.position().offset();
    window.remember(command.getRandomId(), position);
    int pts = channel.posts().append(position, Instant.ofEpochMilli(command.getDateMillis()));
    ChannelPost post = Updates.channelPost(pts, command);
    channel.forEachSubscriber(subscriber -> context.push(subscriber, post));
    return new Outcome.PostAccepted(pts, Optional.empty());
  }

  private static Outcome refuseNonOwner(Channel channel, ChangeChannelAdmin command) {
    if (channel == null) {
      return CommandContext.rejected(
          Rejection.UNKNOWN_PEER, "no channel " + command.getChannelId());
    }
    if (command.getOwnerId() != channel.ownerId()) {
      return CommandContext.rejected(
          Rejection.NOT_ALLOWED, "only the owner manages the admins of channel " + channel.id());
    }
    return null;
  }
}
