package io.switchboard.runtime.client.crash;

import io.switchboard.runtime.protocol.MessageSent;
import io.switchboard.runtime.protocol.Peer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Every send the test attempted and what became of it: acknowledged (with the {@link MessageSent}
 * the gateway answered), failed, or still in flight. Only acknowledged sends are promised to
 * survive a crash; a failed or in-flight one may or may not have been stored. Thread-safe: sender
 * threads attempt, client threads resolve.
 */
final class AckLedger {

  /**
   * One attempted send.
   *
   * @param seq the sender's attempt number, from 1: the order in which the sender sent
   * @param cycle the crash cycle during which it was first attempted
   */
  record Send(long senderId, int seq, int cycle, Peer peer, long randomId, String text) {

    @Override
    public String toString() {
      return "send #%d of user %d to %s (random_id %016x, cycle %d)"
          .formatted(
              seq,
              senderId,
              peer.hasGroupId() ? "group " + peer.getGroupId() : "user " + peer.getUserId(),
              randomId,
              cycle);
    }
  }

  /** An acknowledged send and the gateway's answer. */
  record Ack(Send send, long messageId, long pts) {

    @Override
    public String toString() {
      return "acknowledged " + send + " (message_id %016x, pts %d)".formatted(messageId, pts);
    }
  }

  private final Map<String, Send> byText = new HashMap<>();
  private final Map<Long, Integer> lastSeq = new HashMap<>();
  private final Map<Send, Ack> acks = new LinkedHashMap<>();
  private final Map<Send, Throwable> failures = new LinkedHashMap<>();
  private final Map<Send, Long> inFlight = new LinkedHashMap<>();
  private final List<Long> ackMicros = new ArrayList<>();

  /** Records that {@code senderId} is about to send {@code text}; texts are unique. */
  synchronized Send attempt(long senderId, int cycle, Peer peer, long randomId, String text) {
    int seq = lastSeq.merge(senderId, 1, Integer::sum);
    Send send = new Send(senderId, seq, cycle, peer, randomId, text);
    if (byText.putIfAbsent(text, send) != null) {
      throw new IllegalArgumentException("texts must be unique: " + text);
    }
    inFlight.put(send, System.nanoTime());
    return send;
  }

  /** Starts another attempt of an earlier send (a re-send with the same random_id). */
  synchronized void retry(Send send) {
    inFlight.put(send, System.nanoTime());
  }

  /** Records the gateway's answer to {@code send}; a later answer to a re-send is not kept. */
  synchronized void acked(Send send, MessageSent sent) {
    Long started = inFlight.remove(send);
    if (started != null) {
      ackMicros.add((System.nanoTime() - started) / 1_000);
    }
    failures.remove(send);
    acks.putIfAbsent(send, new Ack(send, sent.getMessageId(), sent.getPts()));
  }

  synchronized void failed(Send send, Throwable failure) {
    inFlight.remove(send);
    if (!acks.containsKey(send)) {
      failures.put(send, unwrap(failure));
    }
  }

  /**
   * Time from attempt to acknowledgement of the sends acknowledged since {@code from} (an earlier
   * {@link #latencyMark()}): median, 99th percentile and maximum.
   */
  synchronized String latencies(int from) {
    List<Long> sorted = new ArrayList<>(ackMicros.subList(from, ackMicros.size()));
    if (sorted.isEmpty()) {
      return "no acks";
    }
    sorted.sort(null);
    return "ack latency p50 %.1f ms, p99 %.1f ms, max %.1f ms"
        .formatted(
            sorted.get(sorted.size() / 2) / 1000.0,
            sorted.get(sorted.size() * 99 / 100) / 1000.0,
            sorted.get(sorted.size() - 1) / 1000.0);
  }

  synchronized int latencyMark() {
    return ackMicros.size();
  }

  synchronized int ackCount() {
    return acks.size();
  }

  synchronized int inFlightCount() {
    return inFlight.size();
  }

  synchronized List<Ack> acks() {
    return List.copyOf(acks.values());
  }

  /** The sends attempted but neither acknowledged nor in flight: their outcome is unknown. */
  synchronized List<Send> unresolved() {
    return List.copyOf(failures.keySet());
  }

  /** Every send attempted, acknowledged or not. */
  synchronized List<Send> sends() {
    return List.copyOf(byText.values());
  }

  synchronized Optional<Send> sendWithText(String text) {
    return Optional.ofNullable(byText.get(text));
  }

  /** How many sends {@code senderId} attempted in all. */
  synchronized int attempts(long senderId) {
    return lastSeq.getOrDefault(senderId, 0);
  }

  synchronized int attemptCount() {
    return byText.size();
  }

  /** The failures of unresolved sends, counted by exception class and message. */
  synchronized Map<String, Integer> failureSummary() {
    Map<String, Integer> summary = new TreeMap<>();
    failures.values().forEach(f -> summary.merge(describe(f), 1, Integer::sum));
    return summary;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    int cut = message.indexOf(' ', 40);
    return failure.getClass().getSimpleName()
        + ": "
        + (cut < 0 ? message : message.substring(0, cut) + " ...");
  }

  /** Acknowledged sends grouped by sender, in attempt order. */
  synchronized Map<Long, List<Ack>> acksBySender() {
    Map<Long, List<Ack>> bySender = new TreeMap<>();
    for (Ack ack : acks.values()) {
      bySender.computeIfAbsent(ack.send().senderId(), id -> new ArrayList<>()).add(ack);
    }
    bySender.values().forEach(list -> list.sort(Comparator.comparingInt(ack -> ack.send().seq())));
    return bySender;
  }

  static <T> List<T> firstFew(Collection<T> items) {
    return items.stream().limit(20).toList();
  }
}
