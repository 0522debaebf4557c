package io.switchboard.runtime.messaging;

import com.google.protobuf.Message;
import io.switchboard.runtime.messaging.log.PostToChannel;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read side: history and differences, served by the leader of the shard read; see {@link
 * MessagingService}. Each read takes index entries from the state under its lock, then fetches the
 * commands from the log and renders them with {@link Updates}, exactly as the pushes were rendered.
 * Entries whose record the log has not published yet (applied a moment before the log advanced its
 * end) are left for the next read, so a difference never skips a pts.
 */
final class UpdateReads {

  private final CommandPipeline pipeline;
  private final MessagingState state;
  private final MessagingLimits limits;
  private final ShardRouter router;
  private final CommandReader reader;

  UpdateReads(CommandPipeline pipeline, CommandReader reader) {
    this.pipeline = pipeline;
    this.state = pipeline.state();
    this.limits = pipeline.limits();
    this.router = pipeline.router();
    this.reader = reader;
  }

  /** Whether the log has published the record at {@code position}, so that it can be read. */
  boolean isReadable(LogPosition position) {
    return reader.isReadable(position.offset());
  }

  /** The accepted command at {@code position}. */
  Message commandAt(LogPosition position) {
    return reader.commandAt(position.offset());
  }

  /** The date of the original command of a retry (read from the log), else the proposed one. */
  Instant dateOf(Optional<LogPosition> duplicateOf, long proposedDate) {
    return duplicateOf
        .map(original -> Updates.dateOf(reader.commandAt(original.offset())))
        .orElse(Instant.ofEpochMilli(proposedDate));
  }

  /**
   * The user's messages with {@code peer} below {@code offsetPts} (all for 0), newest first, at
   * most {@code limit}.
   *
   * <ol>
   *   <li>Take up to the missing number of mailbox entries below the last pts looked at whose peer
   *       key matches.
   *   <li>Read each readable one; keep it when its peer is {@code peer} (keys can collide).
   *   <li>Repeat from the lowest pts taken until the page is full or the mailbox is exhausted.
   * </ol>
   */
  List<MailboxMessage> history(long userId, Peer peer, int offsetPts, int limit) {
    RequestChecks.page(offsetPts, limit, limits);
    router.requireLocal(CommandPipeline.shardOfActor(userId));
    requireReadablePeer(userId, peer);
    List<MailboxMessage> page = new ArrayList<>(limit);
    int before = offsetPts == 0 ? Integer.MAX_VALUE : offsetPts;
    while (page.size() < limit) {
      int wanted = limit - page.size();
      IndexSlice candidates = state.historyCandidates(userId, peer, before, wanted);
      for (int i = 0; i < candidates.pts().length; i++) {
        long position = candidates.positions()[i];
        if (reader.isReadable(position)) {
          MailboxMessage message =
              Updates.mailboxMessage(userId, candidates.pts()[i], reader.commandAt(position));
          if (message.peer().equals(peer)) {
            page.add(message);
          }
        }
      }
      if (candidates.pts().length < wanted) {
        break;
      }
      before = candidates.pts()[candidates.pts().length - 1];
    }
    return page;
  }

  /**
   * Refuses a history read of a peer the user cannot have a conversation with: a group that does
   * not exist or does not have the user, or a user that does not exist. A peer on a shard led
   * elsewhere is not checked (that would take a network call): its page is then simply empty.
   */
  private void requireReadablePeer(long userId, Peer peer) {
    if (!router.leads(Shards.shardOf(peer.id()))) {
      return;
    }
    switch (peer.kind()) {
      case GROUP -> state.requireGroupMember(userId, peer.id());
      case USER -> pipeline.requireKnownIfLedHere(peer.id());
    }
  }

  /**
   * The user's mailbox pts: the pts of its newest update, 0 for an empty mailbox. An index read, no
   * log access.
   */
  int mailboxPts(long userId) {
    router.requireLocal(CommandPipeline.shardOfActor(userId));
    return state.mailboxAfter(userId, Integer.MAX_VALUE, 1).latestPts();
  }

  /**
   * The channel's pts: the pts of its newest post, 0 for a channel without posts or one this node
   * does not hold. An index read, no log access, no reader check.
   */
  int channelPts(long channelId) {
    router.requireLocal(CommandPipeline.shardOfPeer(channelId));
    List<ChannelBucket> buckets = state.channelBuckets(channelId);
    if (buckets.isEmpty()) {
      return 0;
    }
    ChannelBucket newest = buckets.get(buckets.size() - 1);
    return newest.firstPts() + newest.posts() - 1;
  }

  /** The user's messages after {@code pts}, in pts order, at most {@code limit}, no gaps. */
  Difference difference(long userId, int pts, int limit) {
    RequestChecks.page(pts, limit, limits);
    router.requireLocal(CommandPipeline.shardOfActor(userId));
    IndexSlice slice = state.mailboxAfter(userId, pts, limit);
    List<MailboxMessage> messages = new ArrayList<>(slice.pts().length);
    for (int i = 0; i < slice.pts().length && reader.isReadable(slice.positions()[i]); i++) {
      messages.add(
          Updates.mailboxMessage(userId, slice.pts()[i], reader.commandAt(slice.positions()[i])));
    }
    return new Difference(messages, slice.latestPts());
  }

  /** The channel's posts after {@code pts}, in pts order, at most {@code limit}, no gaps. */
  ChannelDifference channelDifference(long userId, long channelId, int pts, int limit) {
    RequestChecks.page(pts, limit, limits);
    router.requireLocal(CommandPipeline.shardOfPeer(channelId));
    IndexSlice slice = state.channelAfter(userId, channelId, pts, limit);
    List<ChannelPost> posts = new ArrayList<>(slice.pts().length);
    for (int i = 0; i < slice.pts().length && reader.isReadable(slice.positions()[i]); i++) {
      PostToChannel post = (PostToChannel) reader.commandAt(slice.positions()[i]);
      posts.add(Updates.channelPost(slice.pts()[i], post));
    }
    return new ChannelDifference(posts, slice.latestPts());
  }
}
