package io.switchboard.runtime.messaging;

import java.time.Instant;

/**
 * What the author of a channel post gets back. A retried post (same author, channel and random id)
 * gets the receipt of the original post, and nothing is added.
 *
 * @param channelId the channel
 * @param pts the post's position in the channel's log
 * @param date when the post was accepted
 */
public record PostReceipt(long channelId, int pts, Instant date) {}
