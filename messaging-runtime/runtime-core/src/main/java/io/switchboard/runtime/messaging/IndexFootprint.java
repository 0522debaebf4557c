package io.switchboard.runtime.messaging;

/**
 * Memory of the messaging indexes, as {@link MessagingState#indexFootprint()} counts it: the
 * primitive arrays of every mailbox (a log position and a peer key per message), of every channel's
 * post buckets (a log position per post) and of the idempotency windows, plus the objects holding
 * them; sizes as on a 64-bit HotSpot JVM with compressed references. Not counted: per-user,
 * per-group and per-channel records (profiles, member and subscriber sets), which grow with the
 * number of users and not of messages, and pending outbox entries, which leave memory once
 * delivered.
 *
 * @param storedMessages messages in mailboxes (each copy counts) plus channel posts
 * @param indexBytes bytes of the arrays and holders counted
 */
public record IndexFootprint(long storedMessages, long indexBytes) {

  /** Index bytes per stored message; 0 when nothing is stored. */
  public double bytesPerStoredMessage() {
    return storedMessages == 0 ? 0 : (double) indexBytes / storedMessages;
  }
}
