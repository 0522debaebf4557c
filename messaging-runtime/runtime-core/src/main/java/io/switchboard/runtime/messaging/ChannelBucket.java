package io.switchboard.runtime.messaging;

import java.time.YearMonth;

/**
 * One partition of a channel's posts: those of one (channel, year-month), the layout the design
 * document prescribes for channels. A bucket holds the contiguous pts range {@code [firstPts,
 * firstPts + posts)}.
 *
 * @param channelId the channel
 * @param month the UTC year-month of the bucket's posts
 * @param firstPts pts of its first post
 * @param posts how many posts it holds
 */
public record ChannelBucket(long channelId, YearMonth month, int firstPts, int posts) {}
