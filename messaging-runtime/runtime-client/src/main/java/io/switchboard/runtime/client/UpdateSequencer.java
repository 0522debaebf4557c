package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.ChannelDifference;
import io.switchboard.runtime.protocol.ChannelPost;
import io.switchboard.runtime.protocol.Difference;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Update;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Turns pushes and fetched differences into the exactly-once, in-order delivery {@link
 * UpdateListener} promises. Each stream (the mailbox, each known channel) is sequenced on its own:
 *
 * <ol>
 *   <li>Until a stream is anchored (its last seen pts known) its updates are held.
 *   <li>An update with pts at most the last seen one is a duplicate and dropped; the next pts is
 *       delivered, followed by any held updates it makes contiguous; a higher pts reveals a gap: it
 *       is held and the stream fetches what it missed.
 *   <li>A fetch asks for the difference after the last seen pts and offers each update it returns
 *       as in step 2. If that made progress and the stream is still behind (the state pts is
 *       higher, or a gap remains before held updates), it fetches again; a failed fetch waits for
 *       the next gap or {@link #resynchronize()}.
 * </ol>
 *
 * <p>A post of a channel not yet known starts the channel's stream just before it. At most one
 * fetch per stream is outstanding.
 *
 * <p>Thread-safe; the listener is called with the sequencer's lock held, so never concurrently.
 */
final class UpdateSequencer {

  /** Fetches differences for the sequencer; futures complete on any thread. */
  interface Fetcher {

    CompletableFuture<Difference> difference(long pts);

    CompletableFuture<ChannelDifference> channelDifference(long channelId, long pts);
  }

  private static final System.Logger log = System.getLogger(UpdateSequencer.class.getName());
  private static final long UNANCHORED = -1;

  private final UpdateListener listener;
  private final Fetcher fetcher;
  private final Stream mailbox = new Stream(0);
  private final Map<Long, Stream> channels = new HashMap<>();

  UpdateSequencer(UpdateListener listener, Fetcher fetcher) {
    this.listener = listener;
    this.fetcher = fetcher;
  }

  /** Starts the mailbox at {@code pts} unless it is anchored already; delivers what that allows. */
  synchronized void anchorMailbox(long pts) {
    mailbox.anchor(pts);
  }

  /** Starts a channel at {@code channelPts} unless it is known already. */
  synchronized void anchorChannel(long channelId, long channelPts) {
    channels.computeIfAbsent(channelId, Stream::new).anchor(channelPts);
  }

  /** Stops sequencing a channel; a later post of it starts it afresh. */
  synchronized void forgetChannel(long channelId) {
    channels.remove(channelId);
  }

  /** The pts of the last mailbox update delivered, or the anchor; empty before anchoring. */
  synchronized OptionalLong mailboxPts() {
    return mailbox.pts == UNANCHORED ? OptionalLong.empty() : OptionalLong.of(mailbox.pts);
  }

  /** Takes one pushed update. */
  synchronized void accept(Update update) {
    switch (update.getKindCase()) {
      case MAILBOX -> mailbox.offer(update.getMailbox().getPts(), update);
      case CHANNEL_POST -> {
        ChannelPost post = update.getChannelPost();
        Stream channel = channels.computeIfAbsent(post.getChannelId(), Stream::new);
        channel.anchor(post.getChannelPts() - 1);
        channel.offer(post.getChannelPts(), update);
      }
      case KIND_NOT_SET -> deliver(update);
    }
  }

  /** Fetches what every anchored stream missed, as after a reconnect. */
  synchronized void resynchronize() {
    mailbox.fetch();
    channels.values().forEach(Stream::fetch);
  }

  private void deliver(Update update) {
    try {
      listener.onUpdate(update);
    } catch (RuntimeException e) {
      log.log(System.Logger.Level.WARNING, "the update listener failed on " + update, e);
    }
  }

  /** One pts-ordered stream: the mailbox (channel id 0) or one channel. */
  private final class Stream {

    private final long channelId;
    private final NavigableMap<Long, Update> held = new TreeMap<>();
    private long pts = UNANCHORED;
    private boolean fetching;

    Stream(long channelId) {
      this.channelId = channelId;
    }

    void anchor(long at) {
      if (pts == UNANCHORED) {
        pts = at;
        deliverHeld();
      }
    }

    void offer(long updatePts, Update update) {
      if (pts != UNANCHORED && updatePts <= pts) {
        return;
      }
      if (pts == UNANCHORED || updatePts > pts + 1) {
        held.put(updatePts, update);
        fetch();
        return;
      }
      deliver(update);
      pts = updatePts;
      deliverHeld();
    }

    void fetch() {
      if (fetching || pts == UNANCHORED) {
        return;
      }
      fetching = true;
      long from = pts;
      if (channelId == 0) {
        fetcher
            .difference(from)
            .whenComplete(
                (difference, failure) ->
                    fetched(
                        from,
                        failure == null ? mailboxUpdates(difference.getUpdatesList()) : null,
                        failure == null ? difference.getPts() : 0,
                        failure));
      } else {
        fetcher
            .channelDifference(channelId, from)
            .whenComplete(
                (difference, failure) ->
                    fetched(
                        from,
                        failure == null ? posts(difference.getPostsList()) : null,
                        failure == null ? difference.getChannelPts() : 0,
                        failure));
      }
    }

    private void fetched(long from, List<Update> updates, long statePts, Throwable failure) {
      synchronized (UpdateSequencer.this) {
        if (failure != null) {
          fetching = false;
          log.log(
              System.Logger.Level.DEBUG,
              "fetching the " + (channelId == 0 ? "mailbox" : "channel " + channelId) + " failed",
              failure);
          return;
        }
        for (Update update : updates) {
          offer(ptsOf(update), update);
        }
        fetching = false;
        if (pts > from && (pts < statePts || !held.isEmpty())) {
          fetch();
        }
      }
    }

    private void deliverHeld() {
      held.headMap(pts, true).clear();
      while (!held.isEmpty() && held.firstKey() == pts + 1) {
        deliver(held.pollFirstEntry().getValue());
        pts++;
      }
      if (!held.isEmpty()) {
        fetch();
      }
    }
  }

  private static long ptsOf(Update update) {
    return update.hasMailbox()
        ? update.getMailbox().getPts()
        : update.getChannelPost().getChannelPts();
  }

  private static List<Update> mailboxUpdates(List<MailboxUpdate> updates) {
    return updates.stream().map(update -> Update.newBuilder().setMailbox(update).build()).toList();
  }

  private static List<Update> posts(List<ChannelPost> posts) {
    return posts.stream().map(post -> Update.newBuilder().setChannelPost(post).build()).toList();
  }
}
