package io.switchboard.runtime.messaging;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * What the sender of a message gets back. A retried send (same sender and random id) gets the
 * receipt of the original send, and nothing is added.
 *
 * @param pts the pts of the sender's own copy in their mailbox: always present for a private
 *     message; for a group message only when the sender's mailbox is on the group's shard, else the
 *     copy reaches the sender's mailbox through the outbox and arrives as an update
 * @param date when the message was accepted
 * @param retry whether this send repeated an accepted one (same sender and random id): the receipt
 *     is the original's, and the copies the original sent may have arrived long ago
 */
public record SendReceipt(OptionalInt pts, Instant date, boolean retry) {}
