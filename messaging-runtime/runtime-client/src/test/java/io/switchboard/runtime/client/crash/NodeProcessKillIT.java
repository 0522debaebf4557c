package io.switchboard.runtime.client.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.GatewayClientConfig;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.client.process.Polling;
import io.switchboard.runtime.protocol.Authenticated;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Message;
import io.switchboard.runtime.protocol.MessageSent;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.Registered;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash test of a real node process: kills it with SIGKILL while clients are sending, restarts it
 * on the same data directory and ports, and checks that nothing acknowledged was lost.
 *
 * <ol>
 *   <li>Start {@code NodeMain} as its own JVM (a standalone node that is gateway and store and
 *       holds all 1024 shards); register {@value #USERS} users spread over the four home DCs (so
 *       over different shards: most messages cross shards through the durable outbox relay) and a
 *       group of all of them.
 *   <li>Per cycle: every user sends from its own {@link GatewayClient}, {@value #IN_FLIGHT} sends
 *       in flight each, private messages to the other users and some to the group, each with a
 *       unique text and a random_id the test chose. Every acknowledged send is recorded with the
 *       MessageSent it got ({@link AckLedger}). Once some {@value #ACKS_PER_CYCLE} to twice as many
 *       sends of the cycle are acknowledged (drawn from the seed), and while sends are in flight,
 *       the process gets SIGKILL (exit status 137: no shutdown hook, no final fsync or checkpoint).
 *   <li>Restart the process on the same data directory and ports. With fresh clients that
 *       authenticate with the stored tokens:
 *       <ul>
 *         <li>re-send every send whose outcome the crash left unknown, with its random_id: the
 *             answer must come (the request is idempotent) and the message must then be stored
 *             once;
 *         <li>re-send some acknowledged sends of every user: the answer must be the original
 *             MessageSent (same message_id and pts), i.e. the idempotency window survived;
 *         <li>the mailbox pts each user authenticates at is at least the pts of each of its
 *             acknowledged sends;
 *         <li>wait (with a deadline) until the outbox relay has delivered every copy of every
 *             stored message, acknowledged or not, to every recipient;
 *         <li>read every mailbox from pts 0 with getDifference: its pts are exactly 1..n with no
 *             gap and no repeat, n is the mailbox pts; it holds every acknowledged message the user
 *             sent (at the acknowledged pts) or received (private or group), each exactly once, and
 *             nothing the test did not send;
 *         <li>page through the history of every conversation: it is exactly the mailbox's messages
 *             with that peer, newest first.
 *       </ul>
 * </ol>
 *
 * <p>The kill/restart cycle runs {@value #CYCLES} times on the same data directory: each recovery
 * replays everything the earlier incarnations wrote, including what earlier recoveries truncated.
 * The seed printed on stdout fixes the recipients and random_ids; rerun with {@code
 * -Dcrash.seed=<seed>}. The interleaving, and so the moment of the kill, is not reproducible.
 *
 * <p>What it can and cannot catch: a SIGKILL leaves the page cache intact, so an acknowledgement
 * that came before the fsync but after the write survives here (the durable log's FakeDisk
 * simulations cover machine crashes). It catches an acknowledgement before the write (or before a
 * user-space buffer is flushed), recovery that drops or misreads the tail, state rebuilt
 * differently from what was acknowledged (pts reassigned, gaps, repeats), idempotency windows or
 * tokens that do not survive a restart, and outbox entries the relay does not resume. To see it
 * fail, run it with {@code -Dcrash.truncateLogTailBytes=4096}: the test then cuts the log's tail
 * after each kill, as such a bug would.
 */
class NodeProcessKillIT {

  private static final String NODE_ID = "crash-1";
  private static final String NODE_DC = "europe";
  private static final List<String> DCS = List.of("americas", "europe", "asia", "middle-east");
  private static final int USERS = 8;
  private static final int CYCLES = 3;
  private static final int ACKS_PER_CYCLE = 2_000;
  private static final int IN_FLIGHT = 4;

  /**
   * A send whose outcome is unknown is re-sent only if it is among its sender's last this many
   * attempts: then it is certainly still in the server's idempotency window (the sender's last 64
   * accepted sends on a shard), so a re-send cannot store it twice.
   */
  private static final int RESEND_WINDOW = 32;

  /** Acknowledged sends of each user re-sent after each restart to check idempotency. */
  private static final int IDEMPOTENCY_PROBES_PER_USER = 4;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(15);

  private static final Duration RELAY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
  private static final RetryPolicy RETRY =
      new RetryPolicy(4, Duration.ofMillis(50), Duration.ofMillis(500));
  private static final long ANSWER_SECONDS = 30;

  @TempDir Path temp;

  private final AckLedger ledger = new AckLedger();
  private final List<GatewayClient> clients = new ArrayList<>();
  private final List<NodeProcess> incarnations = new ArrayList<>();
  private final List<String> timeline = new ArrayList<>();
  private final List<User> users = new ArrayList<>();
  private long seed;
  private long groupId;
  private NodeProcess node;

  /** A registered user and the token fresh clients authenticate with. */
  private record User(long id, String dc, String token) {}

  /** A client authenticated as {@code user}, whose random_ids the test can choose. */
  private record Connected(
      User user, GatewayClient client, ScriptedRandomIds randomIds, Authenticated authenticated) {}

  @AfterEach
  void stopEverything() throws Exception {
    closeClients();
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyAcknowledgedSendSurvivesSigkillOfTheNodeWithGaplessPts() throws Exception {
    seed = Long.getLong("crash.seed", new SecureRandom().nextLong());
    long testStart = System.nanoTime();
    note("seed %d (rerun with -Dcrash.seed=%d)", seed, seed);
    node = startNode(NodeProcess.Ports.EPHEMERAL);
    NodeProcess.Ports ports = node.ports();
    registerUsersAndGroup();

    for (int cycle = 1; cycle <= CYCLES; cycle++) {
      loadAndKill(cycle);
      loseLogTailIfAsked();
      node = startNode(ports);
      assertThat(node.ports()).as("the restarted node's ports").isEqualTo(ports);
      verifyAfterRestart(cycle);
    }
    note(
        "done in %d ms: %d sends attempted, %d acknowledged, %d unresolved",
        elapsedMillis(testStart),
        ledger.attemptCount(),
        ledger.ackCount(),
        ledger.unresolved().size());
    System.out.println(String.join("\n", timeline));
  }

  private void registerUsersAndGroup() throws Exception {
    List<GatewayClient> registering = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      GatewayClient client = newClient("register-" + i, new ScriptedRandomIds());
      registering.add(client);
      String dc = DCS.get(i % DCS.size());
      Registered registered =
          client.register("user " + i, dc).get(ANSWER_SECONDS, TimeUnit.SECONDS);
      users.add(new User(registered.getUserId(), dc, registered.getToken()));
    }
    groupId =
        registering
            .get(0)
            .createGroup("crash test", users.stream().skip(1).map(User::id).toList())
            .get(ANSWER_SECONDS, TimeUnit.SECONDS)
            .getGroupId();
    note("registered users %s, group %d", users.stream().map(User::id).toList(), groupId);
    closeClients();
  }

  /** Runs the load until enough of this cycle's sends are acknowledged, then kills the node. */
  private void loadAndKill(int cycle) throws Exception {
    List<MessageLoad.Sender> senders = new ArrayList<>();
    for (User user : users) {
      Connected connected = connect(user, "load-c" + cycle);
      senders.add(new MessageLoad.Sender(user.id(), connected.client(), connected.randomIds()));
    }
    int acksBefore = ledger.ackCount();
    int latencyMark = ledger.latencyMark();
    int killAfter = ACKS_PER_CYCLE + new SplittableRandom(seed - cycle).nextInt(ACKS_PER_CYCLE + 1);
    long loadStart = System.nanoTime();
    MessageLoad load =
        new MessageLoad(
            ledger,
            cycle,
            senders,
            users.stream().map(User::id).toList(),
            groupId,
            seed + cycle,
            IN_FLIGHT);
    load.start();
    Polling.until(
        LOAD_TIMEOUT,
        killAfter + " acknowledged sends in cycle " + cycle,
        () -> ledger.ackCount() - acksBefore >= killAfter,
        this::context);
    Polling.until(
        QUIET_TIMEOUT,
        "sends in flight to kill the node under",
        () -> ledger.inFlightCount() > 0,
        this::context);
    int inFlightAtKill = ledger.inFlightCount();
    int acksAtKill = ledger.ackCount() - acksBefore;
    long loadMillis = elapsedMillis(loadStart);
    long pid = node.pid();

    int exitStatus = node.kill();

    assertThat(exitStatus)
        .as(() -> "exit status of the killed node pid " + pid + "\n" + context())
        .isEqualTo(NodeProcess.SIGKILL_EXIT_STATUS);
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
        .as("node pid %d after SIGKILL", pid)
        .isEmpty();
    assertThat(node.output())
        .as("a killed node runs no shutdown hook")
        .doesNotContain("node " + NODE_ID + " (" + NODE_DC + ") closed");
    load.stopSending();
    closeClients();
    Polling.until(
        QUIET_TIMEOUT,
        "every send in flight to fail once the clients are closed",
        () -> load.outstanding() == 0,
        this::context);
    Polling.until(
        QUIET_TIMEOUT,
        "every send of the cycle to be resolved",
        () -> ledger.inFlightCount() == 0,
        this::context);
    note(
        "cycle %d: %d acks in %d ms (%d/s), SIGKILL pid %d with %d sends in flight -> exit %d;"
            + " %s; %d acks in all, %d unresolved: %s",
        cycle,
        acksAtKill,
        loadMillis,
        acksAtKill * 1000L / Math.max(1, loadMillis),
        pid,
        inFlightAtKill,
        exitStatus,
        ledger.latencies(latencyMark),
        ledger.ackCount(),
        ledger.unresolved().size(),
        ledger.failureSummary());
  }

  private void verifyAfterRestart(int cycle) throws Exception {
    long verifyStart = System.nanoTime();
    Map<Long, Connected> readers = new LinkedHashMap<>();
    for (User user : users) {
      readers.put(user.id(), connect(user, "verify-c" + cycle));
    }
    List<String> problems = new ArrayList<>(authenticatedPtsBelowAcknowledgedSends(readers));
    Map<Long, MailboxReader> mailboxes = new LinkedHashMap<>();
    for (Connected reader : readers.values()) {
      mailboxes.put(reader.user().id(), new MailboxReader(reader.user().id(), reader.client()));
    }
    int undeliveredAtRestart = undeliveredCopies(mailboxes).size();
    Set<String> storedAtRestart = new HashSet<>();
    for (MailboxReader mailbox : mailboxes.values()) {
      mailbox.updates().forEach(update -> storedAtRestart.add(update.getNewMessage().getText()));
    }
    List<AckLedger.Send> unknownOutcomes = ledger.unresolved();
    long unknownButStored =
        unknownOutcomes.stream().filter(send -> storedAtRestart.contains(send.text())).count();

    int resent = resendUnresolvedSends(readers);
    int probes = resendAcknowledgedSends(readers, problems);

    long relayStart = System.nanoTime();
    List<String> undelivered = new ArrayList<>();
    Polling.until(
        RELAY_TIMEOUT,
        "the outbox relay to deliver every copy of every stored message after restart " + cycle,
        () -> {
          undelivered.clear();
          undelivered.addAll(undeliveredCopies(mailboxes));
          return undelivered.isEmpty();
        },
        () -> describeProblems("undelivered copies", undelivered) + context());
    long relayMillis = elapsedMillis(relayStart);

    for (MailboxReader mailbox : mailboxes.values()) {
      mailbox.catchUp();
      problems.addAll(auditMailbox(mailbox));
      problems.addAll(auditHistory(readers.get(mailbox.owner()).client(), mailbox));
    }
    assertThat(problems)
        .as(() -> describeProblems("problems after restart " + cycle, problems) + context())
        .isEmpty();
    closeClients();
    note(
        "restart %d: %d of %d sends of unknown outcome had been stored; %d copies undelivered at"
            + " the first read, all delivered %d ms later; %d sends of unknown outcome re-sent, %d"
            + " acknowledged sends re-sent and answered as originally; mailbox pts %s; verified in"
            + " %d ms",
        cycle,
        unknownButStored,
        unknownOutcomes.size(),
        undeliveredAtRestart,
        relayMillis,
        resent,
        probes,
        mailboxes.values().stream().map(MailboxReader::mailboxPts).toList(),
        elapsedMillis(verifyStart));
  }

  /**
   * The users whose mailbox pts, as authentication reports it after the restart, is below the pts
   * of one of their acknowledged sends: their mailbox lost its tail.
   */
  private List<String> authenticatedPtsBelowAcknowledgedSends(Map<Long, Connected> readers) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<Long, List<AckLedger.Ack>> entry : ledger.acksBySender().entrySet()) {
      AckLedger.Ack highest =
          entry.getValue().stream().max(Comparator.comparingLong(AckLedger.Ack::pts)).orElseThrow();
      long authenticatedPts = readers.get(entry.getKey()).authenticated().getPts();
      if (authenticatedPts < highest.pts()) {
        problems.add(
            "user %d authenticated at mailbox pts %d after the restart, below %s"
                .formatted(entry.getKey(), authenticatedPts, highest));
      }
    }
    return problems;
  }

  /**
   * Re-sends, with the same random_id and text, every send whose outcome the crash left unknown and
   * that is still in its sender's idempotency window; each must now be acknowledged.
   *
   * @return how many were re-sent
   */
  private int resendUnresolvedSends(Map<Long, Connected> readers) throws Exception {
    int resent = 0;
    for (AckLedger.Send send : ledger.unresolved()) {
      if (ledger.attempts(send.senderId()) - send.seq() >= RESEND_WINDOW) {
        continue;
      }
      ledger.retry(send);
      MessageSent sent = resend(readers.get(send.senderId()), send);
      ledger.acked(send, sent);
      resent++;
    }
    return resent;
  }

  /**
   * Re-sends the latest acknowledged sends of every user (private and group): each must be answered
   * with the original message_id and pts, and adds nothing (the audit checks that).
   *
   * @param problems collects every answer that is not the original
   * @return how many were re-sent
   */
  private int resendAcknowledgedSends(Map<Long, Connected> readers, List<String> problems)
      throws Exception {
    int probes = 0;
    for (Map.Entry<Long, List<AckLedger.Ack>> entry : ledger.acksBySender().entrySet()) {
      List<AckLedger.Ack> acks = entry.getValue();
      List<AckLedger.Ack> latest = new ArrayList<>();
      latest.addAll(latestOf(acks, false, IDEMPOTENCY_PROBES_PER_USER - 1));
      latest.addAll(latestOf(acks, true, 1));
      for (AckLedger.Ack ack : latest) {
        if (ledger.attempts(ack.send().senderId()) - ack.send().seq() >= RESEND_WINDOW) {
          continue;
        }
        MessageSent again = resend(readers.get(entry.getKey()), ack.send());
        if (again.getMessageId() != ack.messageId() || again.getPts() != ack.pts()) {
          problems.add(
              "re-send of %s answered message_id %016x pts %d; acknowledged before the crash with"
                      .formatted(ack.send(), again.getMessageId(), again.getPts())
                  + " message_id %016x pts %d".formatted(ack.messageId(), ack.pts()));
        }
        probes++;
      }
    }
    return probes;
  }

  private static List<AckLedger.Ack> latestOf(List<AckLedger.Ack> acks, boolean group, int count) {
    List<AckLedger.Ack> matching =
        acks.stream().filter(ack -> ack.send().peer().hasGroupId() == group).toList();
    return matching.subList(Math.max(0, matching.size() - count), matching.size());
  }

  private MessageSent resend(Connected sender, AckLedger.Send send) throws Exception {
    try {
      return sender
          .randomIds()
          .withRandomId(send.randomId(), () -> sender.client().send(send.peer(), send.text()))
          .get(ANSWER_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(
          "re-sending "
              + send
              + " after the restart failed: "
              + AckLedger.unwrap(e)
              + "\n"
              + context(),
          e);
    }
  }

  /**
   * Every copy the outbox relay has yet to deliver: the copies missing of each message of which
   * some copy is stored. A stored message was accepted, and what was accepted must reach every
   * recipient, acknowledged or not. (An acknowledged send always stores a copy with its own
   * command, so one without any copy was lost, not delayed: {@link #auditMailbox} reports it.)
   */
  private List<String> undeliveredCopies(Map<Long, MailboxReader> mailboxes) throws Exception {
    Map<String, Set<Long>> holders = new HashMap<>();
    for (MailboxReader mailbox : mailboxes.values()) {
      mailbox.catchUp();
      for (MailboxUpdate update : mailbox.updates()) {
        holders
            .computeIfAbsent(update.getNewMessage().getText(), text -> new TreeSet<>())
            .add(mailbox.owner());
      }
    }
    List<String> undelivered = new ArrayList<>();
    for (AckLedger.Send send : ledger.sends()) {
      Set<Long> held = holders.getOrDefault(send.text(), Set.of());
      if (held.isEmpty()) {
        continue;
      }
      for (long owner : ownersOf(send)) {
        if (!held.contains(owner)) {
          undelivered.add(
              "user %d lacks its copy of %s, stored for users %s".formatted(owner, send, held));
        }
      }
    }
    return undelivered;
  }

  /** The users whose mailboxes get a copy of {@code send}: both ends, or every group member. */
  private List<Long> ownersOf(AckLedger.Send send) {
    return send.peer().hasGroupId()
        ? users.stream().map(User::id).toList()
        : List.of(send.senderId(), send.peer().getUserId());
  }

  /** The acknowledged sends of which {@code owner}'s mailbox must hold a copy. */
  private List<AckLedger.Ack> expectedIn(long owner) {
    return ledger.acks().stream()
        .filter(
            ack ->
                ack.send().senderId() == owner
                    || ack.send().peer().hasGroupId()
                    || ack.send().peer().getUserId() == owner)
        .toList();
  }

  /** Checks one mailbox, read completely, against the ledger; returns what is wrong. */
  private List<String> auditMailbox(MailboxReader mailbox) {
    long owner = mailbox.owner();
    List<String> problems = new ArrayList<>(mailbox.problems());
    List<MailboxUpdate> updates = mailbox.updates();
    if (mailbox.mailboxPts() != updates.size()) {
      problems.add(
          "user %d: mailbox pts %d but %d updates were read from pts 0"
              .formatted(owner, mailbox.mailboxPts(), updates.size()));
    }
    Map<String, MailboxUpdate> copies = new HashMap<>();
    for (MailboxUpdate update : updates) {
      Message message = update.getNewMessage();
      String key = copyKey(message.getFromUserId(), message.getMessageId());
      MailboxUpdate earlier = copies.putIfAbsent(key, update);
      if (earlier != null) {
        problems.add(
            "user %d: message %s stored twice, at pts %d and %d"
                .formatted(owner, key, earlier.getPts(), update.getPts()));
      }
      Optional<AckLedger.Send> sent = ledger.sendWithText(message.getText());
      if (sent.isEmpty()) {
        problems.add(
            "user %d: pts %d holds a message nobody sent: %s"
                .formatted(owner, update.getPts(), message));
        continue;
      }
      AckLedger.Send send = sent.get();
      Peer expectedPeer =
          send.peer().hasGroupId() || send.senderId() == owner
              ? send.peer()
              : Peer.newBuilder().setUserId(send.senderId()).build();
      if (message.getFromUserId() != send.senderId() || !message.getPeer().equals(expectedPeer)) {
        problems.add(
            "user %d: pts %d is %s, but it was sent as %s"
                .formatted(owner, update.getPts(), message, send));
      }
    }
    for (AckLedger.Ack ack : expectedIn(owner)) {
      MailboxUpdate copy = copies.get(copyKey(ack.send().senderId(), ack.messageId()));
      if (copy == null) {
        problems.add("user %d: acknowledged message missing: %s".formatted(owner, ack));
      } else if (!copy.getNewMessage().getText().equals(ack.send().text())) {
        problems.add("user %d: %s stored as %s".formatted(owner, ack, copy));
      } else if (ack.send().senderId() == owner && copy.getPts() != ack.pts()) {
        problems.add(
            "user %d: own copy of %s at pts %d, acknowledged at pts %d"
                .formatted(owner, ack.send(), copy.getPts(), ack.pts()));
      }
    }
    return problems;
  }

  /**
   * The history of every conversation of the mailbox, paged, is exactly its messages with that
   * peer, newest first; so it too holds every acknowledged message.
   */
  private List<String> auditHistory(GatewayClient client, MailboxReader mailbox) throws Exception {
    Map<Peer, List<Message>> conversations = new LinkedHashMap<>();
    for (MailboxUpdate update : mailbox.updates()) {
      conversations
          .computeIfAbsent(update.getNewMessage().getPeer(), peer -> new ArrayList<>())
          .add(0, update.getNewMessage());
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<Peer, List<Message>> conversation : conversations.entrySet()) {
      List<Message> history = MailboxReader.history(client, conversation.getKey());
      List<Message> expected = conversation.getValue();
      if (!history.equals(expected)) {
        List<Long> historyPts = history.stream().map(Message::getPts).toList();
        List<Long> expectedPts = expected.stream().map(Message::getPts).toList();
        problems.add(
            "user %d: history with %s has pts %s, the mailbox %s"
                .formatted(
                    mailbox.owner(),
                    conversation.getKey().toString().trim(),
                    historyPts.equals(expectedPts) ? "(same pts, other content)" : historyPts,
                    expectedPts));
      }
    }
    return problems;
  }

  private static String copyKey(long senderId, long messageId) {
    return senderId + "/" + Long.toHexString(messageId);
  }

  /**
   * With {@code -Dcrash.truncateLogTailBytes=N}, cuts the last N written bytes off the node's
   * newest log segment while the node is down (the zeros the segment wrote ahead of its records do
   * not count): what a store that acknowledged appends before writing them would lose in a crash.
   * The test must then fail; this is how to check that it can.
   */
  private void loseLogTailIfAsked() throws Exception {
    long bytes = Long.getLong("crash.truncateLogTailBytes", 0);
    if (bytes <= 0) {
      return;
    }
    Path segment;
    try (Stream<Path> files =
        Files.list(temp.resolve("node-data").resolve("store").resolve("log"))) {
      segment =
          files
              .filter(file -> file.getFileName().toString().endsWith(".seg"))
              .max(Comparator.naturalOrder())
              .orElseThrow();
    }
    try (FileChannel channel =
        FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long written = writtenLength(channel);
      channel.truncate(Math.max(0, written - bytes));
      note(
          "FAULT INJECTED: cut %d of %d written bytes off %s",
          written - channel.size(), written, segment);
    }
  }

  /** Where the last byte that is not zero ends: zeros after it were written ahead of records. */
  private static long writtenLength(FileChannel channel) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
    for (long end = channel.size(); end > 0; end -= chunk.capacity()) {
      long start = Math.max(0, end - chunk.capacity());
      chunk.clear().limit((int) (end - start));
      while (chunk.hasRemaining() && channel.read(chunk, start + chunk.position()) >= 0) {
        // reads until the chunk is full
      }
      for (int i = chunk.position() - 1; i >= 0; i--) {
        if (chunk.get(i) != 0) {
          return start + i + 1;
        }
      }
    }
    return 0;
  }

  private NodeProcess startNode(NodeProcess.Ports ports) throws Exception {
    int incarnation = incarnations.size() + 1;
    long start = System.nanoTime();
    NodeProcess started =
        NodeProcess.start(
            NODE_ID,
            NODE_DC,
            temp.resolve("node-data"),
            ports,
            temp.resolve("node-" + incarnation + ".out"),
            START_TIMEOUT);
    incarnations.add(started);
    note(
        "node incarnation %d: pid %d serving on %s after %d ms",
        incarnation, started.pid(), started.ports(), elapsedMillis(start));
    return started;
  }

  private GatewayClient newClient(String name, ScriptedRandomIds randomIds) throws Exception {
    GatewayClient client =
        GatewayClient.connect(
            GatewayClientConfig.of(
                    name, List.of(new GatewayAddress("127.0.0.1", node.ports().gateway())))
                .withTimeout(CLIENT_TIMEOUT)
                .withRetry(RETRY)
                .withRandom(randomIds));
    clients.add(client);
    return client;
  }

  private Connected connect(User user, String name) throws Exception {
    ScriptedRandomIds randomIds = new ScriptedRandomIds();
    GatewayClient client = newClient(name + "-" + user.id(), randomIds);
    Authenticated authenticated =
        client.authenticate(user.token()).get(ANSWER_SECONDS, TimeUnit.SECONDS);
    assertThat(authenticated.getUserId())
        .as("user authenticated with its token")
        .isEqualTo(user.id());
    return new Connected(user, client, randomIds, authenticated);
  }

  private void closeClients() throws Exception {
    for (GatewayClient client : clients) {
      client.close();
    }
    clients.clear();
  }

  private void note(String format, Object... args) {
    timeline.add(format.formatted(args));
  }

  private static long elapsedMillis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static String describeProblems(String what, List<String> problems) {
    return "%d %s, first ones:%n  %s%n"
        .formatted(problems.size(), what, String.join("\n  ", AckLedger.firstFew(problems)));
  }

  /** What a failure message shows besides: the run so far and the node's output. */
  private String context() {
    StringBuilder context = new StringBuilder("--- run (seed ").append(seed).append(") ---\n");
    timeline.forEach(line -> context.append(line).append('\n'));
    context
        .append("ledger: ")
        .append(ledger.attemptCount())
        .append(" attempted, ")
        .append(ledger.ackCount())
        .append(" acknowledged, ")
        .append(ledger.inFlightCount())
        .append(" in flight, unresolved ")
        .append(ledger.failureSummary())
        .append('\n');
    incarnations.forEach(process -> context.append(process.output()).append('\n'));
    return context.toString();
  }
}
