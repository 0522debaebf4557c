package io.switchboard.benchmarks.messaging;

import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.benchmarks.load.Report;
import io.switchboard.runtime.messaging.IndexFootprint;
import io.switchboard.runtime.store.LogStats;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The send phase of {@link MessagingLoad}.
 *
 * <ol>
 *   <li>Without a target, start the {@link InProcessMessagingCluster} of the options' topology and
 *       replication; print how its shards are replicated.
 *   <li>Register {@code clients} users over as many connections ({@link LoadUser#register}), homed
 *       round-robin in the four data centres; each connects to a gateway of its home data centre
 *       (round-robin over that data centre's nodes), or to the target.
 *   <li>Run {@link SendLoad} closed loop or at the fixed rate; for {@code --rate half}, closed loop
 *       first, then open loop at half the throughput it reached. Print each run's report. After
 *       each run, wait until the nodes' logs stop growing (the relay has caught up), so that a
 *       following run does not pay for the previous one's backlog.
 *   <li>Close the connections and the nodes, then read the nodes' logs back ({@link
 *       InProcessMessagingCluster#readClosedLogs}): print the index memory per stored message and
 *       the log records by kind. Delete the nodes' data.
 * </ol>
 */
final class SendPhase {

  /** The name of the load generator's event loop threads ({@link ThreadSwitches.Role}). */
  static final String CLIENT_THREADS = "messaging-load";

  /** Bounds the registration of every user. */
  static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

  /** How often the log counters are read while waiting for the cluster to settle after a run. */
  static final Duration SETTLE_POLL = Duration.ofMillis(500);

  /** How long the logs must not grow for the cluster to count as settled. */
  static final Duration SETTLE_QUIET = Duration.ofSeconds(5);

  /** The longest wait for the cluster to settle. */
  static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);

  /** What the phase measured. */
  record Result(List<SendResult> runs, Optional<IndexFootprint> index) {}

  private final MessagingLoadOptions options;
  private final PrintStream out;

  SendPhase(MessagingLoadOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  Result run() throws IOException, InterruptedException {
    InProcessMessagingCluster cluster =
        options.target().isPresent()
            ? null
            : InProcessMessagingCluster.start(
                options.topology(), options.replication(), options.commitWindow());
    try {
      List<SendResult> runs;
      try (FrameClient client = new FrameClient(1, CLIENT_THREADS)) {
        runs = sendThrough(client, cluster);
      } finally {
        if (cluster != null) {
          cluster.close();
        }
      }
      Optional<IndexFootprint> index = Optional.empty();
      if (cluster != null) {
        out.println("reading the nodes' logs back to measure the index...");
        InProcessMessagingCluster.ClosedLogs logs = cluster.readClosedLogs();
        index = Optional.of(logs.index());
        Report report =
            new Report(SendResult.LABEL_WIDTH)
                .heading(
                    "messaging index of the nodes after the phase (mailboxes, idempotency windows):")
                .line(
                    "  stored messages",
                    "%,d (every mailbox copy counts%s)",
                    logs.index().storedMessages(),
                    cluster.replication() == Replication.QUORUM ? ", on every replica" : "")
                .line("  index bytes", "%,d", logs.index().indexBytes())
                .line(
                    "  bytes/message",
                    "%.2f index bytes per stored message",
                    logs.index().bytesPerStoredMessage())
                .heading("log records of the nodes after the phase, by kind:");
        logs.recordsByKind().forEach((kind, count) -> report.line("  " + kind, "%,d", count));
        out.print(report);
      }
      return new Result(runs, index);
    } finally {
      if (cluster != null) {
        cluster.deleteData();
      }
    }
  }

  private List<SendResult> sendThrough(FrameClient client, InProcessMessagingCluster cluster)
      throws IOException, InterruptedException {
    List<String> dcs = InProcessMessagingCluster.dataCenters();
    IntFunction<GatewayAddress> gatewayOf;
    String where;
    if (cluster == null) {
      GatewayAddress target = options.target().orElseThrow();
      gatewayOf = index -> target;
      where = "the gateway at " + target;
    } else {
      gatewayOf =
          index -> {
            List<GatewayAddress> gateways = cluster.gatewaysIn(dcs.get(index % dcs.size()));
            return gateways.get(index / dcs.size() % gateways.size());
          };
      where = cluster.describe();
    }
    out.printf("send phase: %s%n", where);
    if (cluster != null) {
      cluster.describeReplicas().forEach(line -> out.printf("  %s%n", line));
    }
    List<LoadUser> users =
        LoadUser.register(client, options.clients(), dcs, gatewayOf, SETUP_TIMEOUT);
    out.printf(
        "registered %d users over %d connections, homed round-robin in %s%n",
        users.size(), users.size(), String.join(", ", dcs));
    Supplier<Optional<LogStats>> stats =
        cluster == null ? Optional::empty : () -> Optional.of(cluster.logStats());
    List<SendResult> runs = new ArrayList<>();
    if (options.rate().mode() == SendRate.Mode.HALF_OF_MAX) {
      SendResult max = sendRun(users, SendRate.CLOSED_LOOP, stats, client);
      runs.add(max);
      int half = (int) Math.max(1, Math.round(max.throughputPerSecond() / 2));
      out.printf(
          "half-rate check: open loop at %d sends/s, half the closed loop's throughput%n", half);
      SendResult halfRate = sendRun(users, SendRate.fixed(half), stats, client);
      runs.add(halfRate);
      out.printf(
          "half-rate check: max %,.0f durable sends/s; at %,d sends/s p99 %.3f ms, p99.9 %.3f ms%n",
          max.throughputPerSecond(),
          half,
          halfRate.latencyMillis(99),
          halfRate.latencyMillis(99.9));
    } else {
      runs.add(sendRun(users, options.rate(), stats, client));
    }
    return runs;
  }

  private SendResult sendRun(
      List<LoadUser> users, SendRate rate, Supplier<Optional<LogStats>> stats, FrameClient client)
      throws IOException, InterruptedException {
    SendLoad load =
        new SendLoad(
            users,
            rate,
            options.inFlight(),
            options.crossDcShare(),
            options.textBytes(),
            options.warmup(),
            options.duration(),
            stats,
            client.pushes(),
            out);
    out.printf(
        "send run (%s): %.1f s warm-up, then %.1f s measured%s%n",
        rate.mode() == SendRate.Mode.CLOSED_LOOP
            ? "closed loop, " + options.inFlight() + " in flight per client"
            : "open loop at " + rate.perSecond() + " sends/s",
        options.warmup().toMillis() / 1e3,
        options.duration().toMillis() / 1e3,
        options.commitWindow().isZero()
            ? ""
            : "; commit window " + options.commitWindow().toMillis() + " ms");
    SendResult result = load.run();
    out.print(result.report());
    settle(stats);
    return result;
  }

  /**
   * Waits until the nodes' logs have not grown for {@link #SETTLE_QUIET} (or the run's duration, if
   * shorter): the outbox relay has delivered what the run left pending (or its lanes are backing
   * off), so that the next run does not pay for this one's backlog. Prints how long that took and
   * how many records were appended after the run's last answer. Without log counters (a target
   * gateway), pauses {@link #SETTLE_QUIET} instead.
   */
  private void settle(Supplier<Optional<LogStats>> stats) throws InterruptedException {
    Duration quiet =
        options.duration().compareTo(SETTLE_QUIET) < 0 ? options.duration() : SETTLE_QUIET;
    long start = System.nanoTime();
    Optional<LogStats> first = stats.get();
    if (first.isEmpty()) {
      Thread.sleep(quiet.toMillis());
      return;
    }
    long previous = first.get().records();
    long quietSince = start;
    long lastGrowth = start;
    while (System.nanoTime() - quietSince < quiet.toNanos()
        && System.nanoTime() - start < SETTLE_TIMEOUT.toNanos()) {
      Thread.sleep(Math.min(SETTLE_POLL.toMillis(), quiet.toMillis()));
      long records = stats.get().orElseThrow().records();
      if (records != previous) {
        previous = records;
        quietSince = System.nanoTime();
        lastGrowth = quietSince;
      }
    }
    out.printf(
        Locale.ROOT,
        "relay backlog: %,d log records appended in the %.1f s after the last answer%n",
        previous - first.get().records(),
        (lastGrowth - start) / 1e9);
  }
}
