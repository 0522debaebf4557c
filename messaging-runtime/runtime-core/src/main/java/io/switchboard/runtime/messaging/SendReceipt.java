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
 */
public record SendReceipt(OptionalInt pts, Instant date) {}
