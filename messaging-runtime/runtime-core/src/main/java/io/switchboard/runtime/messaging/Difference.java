package io.switchboard.runtime.messaging;

import java.util.List;

/**
 * A page of a user's mailbox after a given pts.
 *
 * @param messages the messages with pts from the asked pts + 1 on, in pts order, without gaps
 * @param latestPts the mailbox's newest pts; the client has everything once it has reached it
 */
public record Difference(List<MailboxMessage> messages, int latestPts) {

  public Difference {
    messages = List.copyOf(messages);
  }
}
