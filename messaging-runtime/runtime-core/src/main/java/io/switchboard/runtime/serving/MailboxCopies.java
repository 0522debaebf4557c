package io.switchboard.runtime.serving;

import io.switchboard.runtime.messaging.MailboxMessage;
import io.switchboard.runtime.messaging.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a send wait for a copy of its message to arrive in a mailbox, as the service reports new
 * updates. A waiter is registered before the send is started, so no arrival is missed; {@link
 * #arrived} is fed every new mailbox message by the endpoint's update listener. Thread-safe.
 */
final class MailboxCopies {

  /**
   * Names a copy: the mailbox it lands in, and the sender, random id and peer (as the owner sees
   * it) every copy of the send carries.
   */
  record Copy(long owner, long senderId, long randomId, Peer peer) {

    static Copy of(long owner, MailboxMessage message) {
      return new Copy(owner, message.senderId(), message.randomId(), message.peer());
    }
  }

  private final Map<Copy, List<CompletableFuture<MailboxMessage>>> waiting =
      new ConcurrentHashMap<>();

  /**
   * Starts waiting for {@code copy}; the future completes with the first such message reported from
   * now on. The caller must {@link #forget} it when done, whatever happened.
   */
  CompletableFuture<MailboxMessage> expect(Copy copy) {
    CompletableFuture<MailboxMessage> arrival = new CompletableFuture<>();
    waiting.compute(
        copy,
        (key, futures) -> {
          List<CompletableFuture<MailboxMessage>> list =
              futures == null ? new ArrayList<>(1) : futures;
          list.add(arrival);
          return list;
        });
    return arrival;
  }

  /** Stops waiting with {@code arrival}. */
  void forget(Copy copy, CompletableFuture<MailboxMessage> arrival) {
    waiting.computeIfPresent(
        copy,
        (key, futures) -> {
          futures.remove(arrival);
          return futures.isEmpty() ? null : futures;
        });
  }

  /** A new message in {@code owner}'s mailbox: completes whoever waits for it. */
  void arrived(long owner, MailboxMessage message) {
    if (waiting.isEmpty()) {
      return;
    }
    List<CompletableFuture<MailboxMessage>> futures = waiting.remove(Copy.of(owner, message));
    if (futures != null) {
      futures.forEach(arrival -> arrival.complete(message));
    }
  }

  /** How many copies are awaited; for tests. */
  int waiting() {
    return waiting.size();
  }
}
