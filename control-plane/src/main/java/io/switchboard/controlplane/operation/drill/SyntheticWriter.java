package io.switchboard.controlplane.operation.drill;

import io.switchboard.api.topology.NodeView;
import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Peer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One synthetic user of a drill writing notes to itself, one at a time, and remembering which
 * writes were acknowledged and when: the client-side checker. A write that fails after the client's
 * retries is not acknowledged (it may or may not be stored); the writer goes on.
 */
final class SyntheticWriter implements AutoCloseable {

  private final GatewayClient client;
  private final long userId;
  private final String token;
  private final int shard;
  private final String prefix;
  private final AtomicBoolean writing = new AtomicBoolean(true);
  private final List<String> acknowledged = new ArrayList<>();
  private final List<Instant> acknowledgedAt = new ArrayList<>();
  private final Thread thread;

  /**
   * @param client a client authenticated as the user
   * @param token the user's token, for other sessions of the drill
   */
  SyntheticWriter(GatewayClient client, long userId, String token, int shard, String prefix) {
    this.client = client;
    this.userId = userId;
    this.token = token;
    this.shard = shard;
    this.prefix = prefix;
    this.thread = new Thread(this::write, "drill-writer-" + userId);
    thread.setDaemon(true);
  }

  /** Where a synthetic writer connects to reach {@code node}'s gateway; empty without one. */
  static java.util.Optional<GatewayAddress> gatewayOf(NodeView node) {
    if (node.gatewayAddress() == null) {
      return java.util.Optional.empty();
    }
    String[] hostPort = node.gatewayAddress().split(":");
    return java.util.Optional.of(new GatewayAddress(hostPort[0], Integer.parseInt(hostPort[1])));
  }

  void start() {
    thread.start();
  }

  int shard() {
    return shard;
  }

  long userId() {
    return userId;
  }

  String token() {
    return token;
  }

  private void write() {
    Peer self = Peer.newBuilder().setUserId(userId).build();
    for (long i = 0; writing.get(); i++) {
      String text = prefix + " " + i;
      try {
        client.send(self, text).get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception notAcknowledged) {
        continue;
      }
      synchronized (this) {
        acknowledged.add(text);
        acknowledgedAt.add(Instant.now());
      }
    }
  }

  /** How many writes were acknowledged so far. */
  synchronized int acknowledgedCount() {
    return acknowledged.size();
  }

  /** The first acknowledgement after {@code moment}, if any. */
  synchronized Instant firstAcknowledgedAfter(Instant moment) {
    return acknowledgedAt.stream().filter(at -> at.isAfter(moment)).findFirst().orElse(null);
  }

  /**
   * The longest wait between two consecutive acknowledgements from the last one before {@code
   * moment}.
   */
  synchronized long longestGapMillisAcross(Instant moment) {
    long longest = 0;
    for (int i = 1; i < acknowledgedAt.size(); i++) {
      if (acknowledgedAt.get(i).isAfter(moment)) {
        longest =
            Math.max(
                longest,
                acknowledgedAt.get(i).toEpochMilli() - acknowledgedAt.get(i - 1).toEpochMilli());
      }
    }
    return longest;
  }

  /** When {@code text} was acknowledged; null if it was not. */
  synchronized Instant acknowledgedAt(String text) {
    int index = acknowledged.indexOf(text);
    return index < 0 ? null : acknowledgedAt.get(index);
  }

  /** Stops writing and waits for the write in flight. */
  void stop() throws InterruptedException {
    writing.set(false);
    thread.join(TimeUnit.SECONDS.toMillis(35));
  }

  /** The acknowledged writes missing from the user's mailbox (read back with getDifference). */
  List<String> lost() throws Exception {
    Set<String> stored = storedTexts();
    List<String> lost = new ArrayList<>();
    synchronized (this) {
      for (String text : acknowledged) {
        if (!stored.contains(text)) {
          lost.add(text);
        }
      }
    }
    return lost;
  }

  /** Every message text in the user's mailbox (read back with getDifference). */
  Set<String> storedTexts() throws Exception {
    Set<String> stored = new HashSet<>();
    long pts = 0;
    while (true) {
      var page = client.getDifference(pts, 100).get(30, TimeUnit.SECONDS);
      if (page.getUpdatesCount() == 0) {
        break;
      }
      for (MailboxUpdate update : page.getUpdatesList()) {
        pts = update.getPts();
        if (update.hasNewMessage()) {
          stored.add(update.getNewMessage().getText());
        }
      }
    }
    return stored;
  }

  @Override
  public void close() {
    writing.set(false);
    thread.interrupt();
    try {
      client.close();
    } catch (java.io.IOException ignored) {
      // the connection is gone either way
    }
  }
}
