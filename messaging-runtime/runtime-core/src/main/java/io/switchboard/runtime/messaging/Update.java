package io.switchboard.runtime.messaging;

/**
 * Something new for a user: a message in their mailbox, or a post in a channel they subscribe to.
 * What {@link UpdateListener}s receive and what the difference and history reads return.
 */
public sealed interface Update permits MailboxMessage, ChannelPost {}
