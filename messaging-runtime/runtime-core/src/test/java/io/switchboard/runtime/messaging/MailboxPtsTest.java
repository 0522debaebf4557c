package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MailboxPtsTest {

  @TempDir Path directory;

  private TestNode node;

  @BeforeEach
  void open() throws IOException {
    node = TestNode.open(directory);
  }

  @AfterEach
  void close() throws IOException {
    node.close();
  }

  @Test
  void everyMessageTakesTheNextPtsOfEachMailboxItLandsIn() {
    long alice = node.registerUser("alice");
    long bob = node.registerUser("bob");
    long carol = node.registerUser("carol");
    Map<Long, Integer> expectedCount = new HashMap<>(Map.of(alice, 0, bob, 0, carol, 0));
    Map<Long, Integer> lastSentPts = new HashMap<>(Map.of(alice, 0, bob, 0, carol, 0));

    for (int i = 0; i < 60; i++) {
      long sender = i % 3 == 0 ? carol : i % 2 == 0 ? alice : bob;
      long recipient = sender == alice ? bob : alice;
      SendReceipt receipt = await(node.service.sendToUser(sender, recipient, i, "message " + i));
      expectedCount.merge(sender, 1, Integer::sum);
      expectedCount.merge(recipient, 1, Integer::sum);
      assertThat(receipt.pts().getAsInt()).isGreaterThan(lastSentPts.get(sender));
      lastSentPts.put(sender, receipt.pts().getAsInt());
    }
    node.relayDue();

    for (long user : List.of(alice, bob, carol)) {
      List<MailboxMessage> mailbox = node.mailbox(user);
      assertThat(mailbox)
          .extracting(MailboxMessage::pts)
          .containsExactlyElementsOf(
              IntStream.rangeClosed(1, expectedCount.get(user)).boxed().toList());
      assertThat(mailbox)
          .filteredOn(MailboxMessage::outgoing)
          .extracting(MailboxMessage::pts)
          .endsWith(lastSentPts.get(user));
      assertThat(node.service.getDifference(user, 0, 1).latestPts())
          .isEqualTo(expectedCount.get(user));
    }
  }

  @Test
  void concurrentSendsFromManyThreadsLeaveEveryMailboxGapless() throws Exception {
    long recipient = node.registerUser("recipient");
    List<Long> senders = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      senders.add(node.registerUser("sender " + i));
    }
    int perSender = 25;
    ExecutorService threads = Executors.newFixedThreadPool(senders.size());
    try {
      List<Future<List<SendReceipt>>> sent = new ArrayList<>();
      for (long sender : senders) {
        sent.add(
            threads.submit(
                () -> {
                  List<CompletableFuture<SendReceipt>> inFlight = new ArrayList<>();
                  for (int i = 0; i < perSender; i++) {
                    inFlight.add(node.service.sendToUser(sender, recipient, i, "hello " + i));
                  }
                  return inFlight.stream().map(TestNode::await).toList();
                }));
      }
      for (Future<List<SendReceipt>> receipts : sent) {
        assertThat(receipts.get())
            .extracting(receipt -> receipt.pts().getAsInt())
            .containsExactlyElementsOf(IntStream.rangeClosed(1, perSender).boxed().toList());
      }
    } finally {
      threads.shutdown();
    }
    node.relayDue();

    List<MailboxMessage> received = node.mailbox(recipient);
    assertThat(received)
        .extracting(MailboxMessage::pts)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, senders.size() * perSender).boxed().toList());
    assertThat(received)
        .extracting(message -> message.senderId() + "/" + message.randomId())
        .doesNotHaveDuplicates();
    for (long sender : senders) {
      assertThat(received)
          .filteredOn(message -> message.senderId() == sender)
          .extracting(MailboxMessage::randomId)
          .as("messages of one sender arrive in the order they were sent")
          .containsExactlyElementsOf(LongStream.range(0, perSender).boxed().toList());
    }
  }
}
