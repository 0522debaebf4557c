package io.switchboard.runtime.messaging;

import java.time.Instant;

/**
 * A post in a channel's log, stored once however many subscribers read it.
 *
 * @param channelId the channel
 * @param pts position in the channel's log: 1, 2, 3, ... with no gaps; the post's id
 * @param authorId the owner or admin who posted it
 * @param text the UTF-8 text
 * @param date when the channel's shard accepted it (the proposing leader's clock)
 */
public record ChannelPost(long channelId, int pts, long authorId, String text, Instant date)
    implements Update {}
