package io.switchboard.runtime.serving;

import io.switchboard.runtime.messaging.MailboxMessage;
import io.switchboard.runtime.messaging.MessagingService;
import io.switchboard.runtime.messaging.NotLeaderException;
import io.switchboard.runtime.messaging.Peer;
import io.switchboard.runtime.messaging.SendReceipt;
import io.switchboard.runtime.protocol.MessageSent;
import io.switchboard.runtime.protocol.SendMessage;
import io.switchboard.runtime.sharding.Shards;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Carries out send_message on the messaging service and answers it as the protocol defines.
 *
 * <p>A message for another shard reaches it through the outbox relay, after the send's own command
 * is committed. A private send is answered as soon as its command is committed on the sender's
 * shard (the sender's copy, with its pts): the relay then delivers the recipient's copy, wherever
 * the recipient's shard is led. Waiting for that copy would make the answer's latency depend on
 * whether the recipient's shard happens to be led by the same node, and, with replicated shards,
 * cost a second replicated commit on the answer's path.
 *
 * <p>One answer depends on a delivery: a group send's {@code pts} is that of the sender's copy,
 * which the group's shard knows only when the sender lives there too. Otherwise the answer waits
 * until the copy arrives in the sender's mailbox. If it does not arrive within the timeout, the
 * send is answered with a failure the gateway reports as INTERNAL (it did happen: a retry with the
 * same random_id is answered with the copy's pts). If another node leads the sender's shard, the
 * copy's pts cannot be learnt here and the answer carries pts 0.
 *
 * <p>A copy is recognised by its owner, sender, random_id and peer as it arrives ({@link
 * MailboxCopies}), or, for a retried send whose copy arrived earlier, by these and its date in the
 * owner's recent history.
 */
final class MessageSends {

  /** How many pages of history are searched for the copy of a retried send. */
  private static final int HISTORY_PAGES = 5;

  private static final int PAGE = 100;

  private final MessagingService service;
  private final Executor readExecutor;
  private final MailboxCopies copies;
  private final Duration copyTimeout;

  MessageSends(
      MessagingService service, Executor readExecutor, MailboxCopies copies, Duration copyTimeout) {
    this.service = service;
    this.readExecutor = readExecutor;
    this.copies = copies;
    this.copyTimeout = copyTimeout;
  }

  /**
   * Starts the send on the calling thread, so that the sends of one connection are appended in call
   * order; see the class comment for when the answer completes.
   */
  CompletableFuture<MessageSent> send(long senderId, SendMessage request) {
    return Answers.of(() -> start(senderId, request), sent -> sent);
  }

  private CompletableFuture<MessageSent> start(long senderId, SendMessage request) {
    Peer peer = WireFormat.peer(request.getPeer());
    long randomId = request.getRandomId();
    Optional<MailboxCopies.Copy> awaited = awaitedCopy(senderId, peer, randomId);
    if (awaited.isEmpty()) {
      return command(senderId, peer, randomId, request.getText())
          .thenApply(
              receipt -> WireFormat.messageSent(randomId, receipt.pts().orElse(0), receipt.date()));
    }
    MailboxCopies.Copy copy = awaited.get();
    CompletableFuture<MailboxMessage> arrival = copies.expect(copy);
    CompletableFuture<MessageSent> answer;
    try {
      answer =
          command(senderId, peer, randomId, request.getText())
              .thenCompose(receipt -> afterReceipt(copy, arrival, receipt));
    } catch (RuntimeException e) {
      copies.forget(copy, arrival);
      throw e;
    }
    answer.whenComplete((sent, failure) -> copies.forget(copy, arrival));
    return answer;
  }

  private CompletableFuture<SendReceipt> command(
      long senderId, Peer peer, long randomId, String text) {
    return peer.kind() == Peer.Kind.USER
        ? service.sendToUser(senderId, peer.id(), randomId, text)
        : service.sendToGroup(senderId, peer.id(), randomId, text);
  }

  /**
   * The copy whose arrival the answer waits for: the sender's own copy of a group message on
   * another shard than the sender's.
   */
  private static Optional<MailboxCopies.Copy> awaitedCopy(long senderId, Peer peer, long randomId) {
    boolean sameShard = Shards.shardOf(senderId) == Shards.shardOf(peer.id());
    if (sameShard || peer.kind() == Peer.Kind.USER) {
      return Optional.empty();
    }
    return Optional.of(new MailboxCopies.Copy(senderId, senderId, randomId, peer));
  }

  /**
   * Once the send is durable: looks for a copy that arrived before (a retried send), waits for it
   * at most the timeout, and answers.
   */
  private CompletableFuture<MessageSent> afterReceipt(
      MailboxCopies.Copy copy, CompletableFuture<MailboxMessage> arrival, SendReceipt receipt) {
    if (receipt.pts().isPresent()) {
      return CompletableFuture.completedFuture(
          WireFormat.messageSent(copy.randomId(), receipt.pts().getAsInt(), receipt.date()));
    }
    // Only a retry's copy can have arrived before the arrival was expected: a first send's copy is
    // relayed after its command is committed, and the expectation was registered before that. A
    // copy owned by a shard led elsewhere cannot be seen here: the search fails at once, and so
    // does
    // the wait.
    if (receipt.retry() || !service.leads(Shards.shardOf(copy.owner()))) {
      searchHistory(copy, arrival, receipt.date());
    }
    return arrival
        .orTimeout(copyTimeout.toNanos(), TimeUnit.NANOSECONDS)
        .handle((message, failure) -> groupAnswer(copy, receipt, message, failure));
  }

  private MessageSent groupAnswer(
      MailboxCopies.Copy copy, SendReceipt receipt, MailboxMessage message, Throwable failure) {
    if (message != null) {
      return WireFormat.messageSent(copy.randomId(), message.pts(), receipt.date());
    }
    Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
    if (cause instanceof NotLeaderException) {
      return WireFormat.messageSent(copy.randomId(), 0, receipt.date());
    }
    throw new IllegalStateException(
        "the group message was sent, but the sender's copy did not arrive in time to learn its pts",
        cause);
  }

  /**
   * Completes {@code arrival} with the copy if it is already in its owner's recent history (a
   * retried send), or exceptionally if the history cannot be read here; on the read executor.
   */
  private void searchHistory(
      MailboxCopies.Copy copy, CompletableFuture<MailboxMessage> arrival, Instant date) {
    try {
      readExecutor.execute(
          () -> {
            try {
              if (!arrival.isDone()) {
                findInHistory(copy, date).ifPresent(arrival::complete);
              }
            } catch (RuntimeException e) {
              arrival.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      arrival.completeExceptionally(e);
    }
  }

  private Optional<MailboxMessage> findInHistory(MailboxCopies.Copy copy, Instant date) {
    int offset = 0;
    for (int page = 0; page < HISTORY_PAGES; page++) {
      List<MailboxMessage> messages = service.history(copy.owner(), copy.peer(), offset, PAGE);
      for (MailboxMessage message : messages) {
        if (message.senderId() == copy.senderId()
            && message.randomId() == copy.randomId()
            && message.date().equals(date)) {
          return Optional.of(message);
        }
      }
      if (messages.isEmpty()) {
        break;
      }
      offset = messages.get(messages.size() - 1).pts();
    }
    return Optional.empty();
  }
}
