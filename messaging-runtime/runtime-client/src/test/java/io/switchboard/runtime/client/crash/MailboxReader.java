package io.switchboard.runtime.client.crash;

import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.protocol.Difference;
import io.switchboard.runtime.protocol.History;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Message;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.RequestRules;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads one user's mailbox from pts 0 with {@code getDifference}, page by page, and remembers what
 * it read, so that later {@link #catchUp()} calls read only what arrived since. Every pts that is
 * not the one after the previous update (a gap, a repeat, a step back) is kept as a problem; so is
 * an update that is not a message.
 */
final class MailboxReader {

  static final int PAGE = RequestRules.MAX_PAGE_LIMIT;

  private static final long ANSWER_SECONDS = 30;

  private final long owner;
  private final GatewayClient client;
  private final List<MailboxUpdate> updates = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private long mailboxPts;

  MailboxReader(long owner, GatewayClient client) {
    this.owner = owner;
    this.client = client;
  }

  /** Reads every update after the last one read, until the mailbox's pts. */
  void catchUp() throws Exception {
    while (true) {
      long from = lastPts();
      Difference page = client.getDifference(from, PAGE).get(ANSWER_SECONDS, TimeUnit.SECONDS);
      mailboxPts = page.getPts();
      for (MailboxUpdate update : page.getUpdatesList()) {
        long expected = lastPts() + 1;
        if (update.getPts() != expected) {
          problems.add(
              "user %d: pts %d follows pts %d (expected %d)"
                  .formatted(owner, update.getPts(), lastPts(), expected));
        }
        if (!update.hasNewMessage()) {
          problems.add(
              "user %d: pts %d is not a message: %s".formatted(owner, update.getPts(), update));
        }
        updates.add(update);
      }
      if (page.getUpdatesCount() == 0 || lastPts() >= page.getPts()) {
        return;
      }
      if (lastPts() <= from) {
        problems.add("user %d: a difference after pts %d did not advance".formatted(owner, from));
        return;
      }
    }
  }

  long owner() {
    return owner;
  }

  /** What was read, in the order read. */
  List<MailboxUpdate> updates() {
    return updates;
  }

  /** The mailbox's pts as the last read difference reported it. */
  long mailboxPts() {
    return mailboxPts;
  }

  /** Gaps, repeats and non-message updates seen so far. */
  List<String> problems() {
    return problems;
  }

  private long lastPts() {
    return updates.isEmpty() ? 0 : updates.get(updates.size() - 1).getPts();
  }

  /**
   * The whole history of one conversation, newest first, paged with {@code offset_pts}.
   *
   * @throws AssertionError if a page does not continue below the previous one
   */
  static List<Message> history(GatewayClient client, Peer peer) throws Exception {
    List<Message> messages = new ArrayList<>();
    long offset = 0;
    while (true) {
      History page = client.getHistory(peer, offset, PAGE).get(ANSWER_SECONDS, TimeUnit.SECONDS);
      for (Message message : page.getMessagesList()) {
        if (offset != 0 && message.getPts() >= offset) {
          throw new AssertionError(
              "history of " + peer + " below pts " + offset + " returned pts " + message.getPts());
        }
        messages.add(message);
        offset = message.getPts();
      }
      if (page.getMessagesCount() < PAGE) {
        return messages;
      }
    }
  }
}
