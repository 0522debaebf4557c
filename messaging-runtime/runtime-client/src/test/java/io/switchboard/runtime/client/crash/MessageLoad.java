package io.switchboard.runtime.client.crash;

import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.protocol.MessageSent;
import io.switchboard.runtime.protocol.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Concurrent messaging traffic: one thread per sender keeps up to {@code maxInFlight} sends
 * outstanding, each to another user chosen at random or, now and then, to the group, with a unique
 * text and a random_id the test chose, and records every attempt and its outcome in the {@link
 * AckLedger}. Runs until {@link #stopSending()}; the sends still in flight then resolve when the
 * clients are closed (or answered).
 */
final class MessageLoad {

  /** One sending user: its client and the random source the client draws random_ids from. */
  record Sender(long userId, GatewayClient client, ScriptedRandomIds randomIds) {}

  private static final int GROUP_PERCENT = 15;

  private final AckLedger ledger;
  private final int cycle;
  private final List<Sender> senders;
  private final List<Long> userIds;
  private final long groupId;
  private final long seed;
  private final int maxInFlight;
  private final List<Thread> threads = new ArrayList<>();
  private final Set<CompletableFuture<MessageSent>> outstanding = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  /**
   * @param userIds every user a sender may write to (a sender never writes to itself)
   * @param groupId a group every sender is a member of
   * @param seed decides the recipients and random_ids of each sender
   */
  MessageLoad(
      AckLedger ledger,
      int cycle,
      List<Sender> senders,
      List<Long> userIds,
      long groupId,
      long seed,
      int maxInFlight) {
    this.ledger = ledger;
    this.cycle = cycle;
    this.senders = List.copyOf(senders);
    this.userIds = List.copyOf(userIds);
    this.groupId = groupId;
    this.seed = seed;
    this.maxInFlight = maxInFlight;
  }

  void start() {
    for (int i = 0; i < senders.size(); i++) {
      Sender sender = senders.get(i);
      SplittableRandom random = new SplittableRandom(seed * 31 + i);
      Thread thread =
          new Thread(
              () -> sendUntilStopped(sender, random),
              "crash-load-c" + cycle + "-" + sender.userId());
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /**
   * Stops starting sends and waits for the sender threads to end.
   *
   * @throws AssertionError if a sender thread does not end within 10 s
   */
  void stopSending() throws InterruptedException {
    stopped = true;
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
      if (thread.isAlive()) {
        throw new AssertionError("sender thread " + thread.getName() + " did not stop");
      }
    }
  }

  /** How many sends started by this load have not completed. */
  int outstanding() {
    return outstanding.size();
  }

  private void sendUntilStopped(Sender sender, SplittableRandom random) {
    Semaphore permits = new Semaphore(maxInFlight);
    int count = 0;
    try {
      while (!stopped) {
        if (!permits.tryAcquire(20, TimeUnit.MILLISECONDS)) {
          continue;
        }
        Peer peer;
        String to;
        if (random.nextInt(100) < GROUP_PERCENT) {
          peer = Peer.newBuilder().setGroupId(groupId).build();
          to = "group " + groupId;
        } else {
          long recipient;
          do {
            recipient = userIds.get(random.nextInt(userIds.size()));
          } while (recipient == sender.userId());
          peer = Peer.newBuilder().setUserId(recipient).build();
          to = "user " + recipient;
        }
        long randomId;
        do {
          randomId = random.nextLong();
        } while (randomId == 0);
        count++;
        String text =
            "cycle %d, %d -> %s, #%d [%016x]"
                .formatted(cycle, sender.userId(), to, count, randomId);
        AckLedger.Send send = ledger.attempt(sender.userId(), cycle, peer, randomId, text);
        CompletableFuture<MessageSent> answer;
        try {
          answer =
              sender
                  .randomIds()
                  .withRandomId(send.randomId(), () -> sender.client().send(peer, text));
        } catch (RuntimeException e) {
          answer = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<MessageSent> sending = answer;
        outstanding.add(sending);
        sending.whenComplete(
            (sent, failure) -> {
              outstanding.remove(sending);
              if (failure == null) {
                ledger.acked(send, sent);
              } else {
                ledger.failed(send, failure);
              }
              permits.release();
            });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
