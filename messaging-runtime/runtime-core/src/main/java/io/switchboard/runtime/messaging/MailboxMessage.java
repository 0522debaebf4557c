package io.switchboard.runtime.messaging;

import java.time.Instant;

/**
 * A message as it stands in one user's mailbox. Its id there is its {@code pts}: every copy of a
 * message (the sender's, each recipient's) has its own pts in its own mailbox, as in Telegram's
 * private chats and basic groups.
 *
 * @param pts position in the owner's mailbox: 1, 2, 3, ... with no gaps
 * @param peer the conversation: the other user of a private chat, or the group
 * @param senderId who sent it
 * @param outgoing whether the mailbox owner sent it
 * @param randomId the sender's idempotency key
 * @param text the UTF-8 text
 * @param date when the sender's shard accepted it (the proposing leader's clock)
 */
public record MailboxMessage(
    int pts, Peer peer, long senderId, boolean outgoing, long randomId, String text, Instant date)
    implements Update {}
