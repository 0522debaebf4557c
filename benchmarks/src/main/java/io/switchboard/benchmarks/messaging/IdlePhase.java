package io.switchboard.benchmarks.messaging;

import io.switchboard.benchmarks.load.Directories;
import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.benchmarks.load.LoadSchedule;
import io.switchboard.benchmarks.load.ProgressMeter;
import io.switchboard.benchmarks.load.Report;
import io.switchboard.benchmarks.messaging.HeapHistogram.Growth;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The idle phase of {@link MessagingLoad}: heap per idle authenticated connection.
 *
 * <ol>
 *   <li>Split the connections over as few node processes as the open-file limit allows (each
 *       process may hold at most {@code limit - }{@value #FD_RESERVE} sockets), or over {@code
 *       --idle-nodes}; each node process is paired with one holder process on the client side, for
 *       the same reason.
 *   <li>Start the node processes ({@link NodeProcess}): standalone gateway-and-store nodes, every
 *       one in its own JVM with default options, so that its heap holds the node alone.
 *   <li>Register up to {@value #USERS_PER_NODE} users on each node and keep their tokens; close the
 *       registration connections.
 *   <li>Baseline: each node's live heap after a full collection ({@code jcmd GC.class_histogram})
 *       and its resident set.
 *   <li>Start the holders ({@link IdleConnectionHolder}): each opens its node's share from the
 *       loopback source addresses 127.0.0.2 and up in turn, handshakes and authenticates every
 *       connection with one of the tokens (several connections per user: sessions are per
 *       connection), then sends nothing. Progress each second.
 *   <li>Once every holder holds its share, wait {@link #SETTLE} and read each node's open
 *       connections from its metrics, then its live heap and resident set again.
 *   <li>Heap per idle connection: the growth of the live heap, summed over the nodes, divided by
 *       the connections the nodes report open. Also per node, the resident set growth, and the
 *       classes that grew most.
 *   <li>Stop the holders and the nodes, delete their files.
 * </ol>
 */
final class IdlePhase {

  /** Open files a process keeps for itself: class path, logs, selectors, listening sockets. */
  static final int FD_RESERVE = 512;

  static final int USERS_PER_NODE = 100;

  /** Pause between the last connection and the measurement, for stragglers to settle. */
  static final Duration SETTLE = Duration.ofSeconds(2);

  /** Bounds the opening of all connections. */
  static final Duration OPEN_TIMEOUT = Duration.ofMinutes(10);

  private static final int LARGEST_GROWTHS = 10;

  /** What one node process held and how its heap grew. */
  record NodeMeasurement(
      String nodeId,
      long pid,
      int connections,
      long connectionsOpen,
      HeapHistogram before,
      HeapHistogram after,
      long residentBefore,
      long residentAfter) {

    long heapGrowth() {
      return after.totalBytes() - before.totalBytes();
    }
  }

  /** What the phase measured. */
  record Result(int connections, int sources, List<NodeMeasurement> nodes) {

    long connectionsOpen() {
      return nodes.stream().mapToLong(NodeMeasurement::connectionsOpen).sum();
    }

    /** Live heap growth per idle authenticated connection, in bytes, over every node. */
    double heapBytesPerConnection() {
      return nodes.stream().mapToLong(NodeMeasurement::heapGrowth).sum()
          / (double) connectionsOpen();
    }

    /** The classes that grew most, summed over the nodes, largest first. */
    List<Growth> largestGrowth() {
      Map<String, long[]> summed = new HashMap<>();
      for (NodeMeasurement node : nodes) {
        for (Growth growth : node.after().largestGrowthSince(node.before(), Integer.MAX_VALUE)) {
          long[] sum = summed.computeIfAbsent(growth.className(), name -> new long[2]);
          sum[0] += growth.bytes();
          sum[1] += growth.instances();
        }
      }
      return summed.entrySet().stream()
          .map(entry -> new Growth(entry.getKey(), entry.getValue()[0], entry.getValue()[1]))
          .sorted((a, b) -> Long.compare(b.bytes(), a.bytes()))
          .limit(LARGEST_GROWTHS)
          .toList();
    }

    String report() {
      Report report = new Report(SendResult.LABEL_WIDTH);
      report.line(
          "connections",
          "%,d idle authenticated (%,d open by the nodes' metrics) from %d source addresses",
          connections,
          connectionsOpen(),
          sources);
      for (NodeMeasurement node : nodes) {
        report.line(
            "  " + node.nodeId(),
            "pid %d, %,d open: live heap %.1f -> %.1f MiB (%,.0f bytes per connection),"
                + " resident set %+.1f MiB",
            node.pid(),
            node.connectionsOpen(),
            node.before().totalBytes() / 1048576.0,
            node.after().totalBytes() / 1048576.0,
            node.heapGrowth() / (double) node.connectionsOpen(),
            (node.residentAfter() - node.residentBefore()) / 1048576.0);
      }
      report.line(
          "heap/connection",
          "%,.0f bytes per idle authenticated connection (live heap after full GC)",
          heapBytesPerConnection());
      report.heading("largest live heap growth per connection (bytes, objects, class):");
      for (Growth growth : largestGrowth()) {
        report.heading(
            String.format(
                Locale.ROOT,
                "  %,8.0f %6.2f  %s",
                growth.bytes() / (double) connectionsOpen(),
                growth.instances() / (double) connectionsOpen(),
                growth.className()));
      }
      return report.toString();
    }
  }

  private final MessagingLoadOptions options;
  private final String classpath;
  private final PrintStream out;

  /**
   * @param classpath the class path the node and holder processes run with: this JVM's
   */
  IdlePhase(MessagingLoadOptions options, String classpath, PrintStream out) {
    this.options = options;
    this.classpath = classpath;
    this.out = out;
  }

  /** How many node processes hold {@code connections} under an open-file limit. */
  static int processesFor(int connections, OptionalLong openFileLimit) {
    if (openFileLimit.isEmpty()) {
      return 1;
    }
    long perProcess = Math.max(1, openFileLimit.getAsLong() - FD_RESERVE);
    return (int) ((connections + perProcess - 1) / perProcess);
  }

  /** {@code count} split into {@code parts} shares differing by at most one, larger first. */
  static List<Integer> shares(int count, int parts) {
    List<Integer> shares = new ArrayList<>(parts);
    for (int part = 0; part < parts; part++) {
      shares.add(count / parts + (part < count % parts ? 1 : 0));
    }
    return shares;
  }

  /** The soft limit on open files of this process ({@code /proc/self/limits}), if known. */
  static OptionalLong openFileLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited")
              ? OptionalLong.empty()
              : OptionalLong.of(Long.parseLong(soft));
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return OptionalLong.empty();
  }

  /** The loopback source addresses: 127.0.0.2, 127.0.0.3, ... */
  static List<String> sourceAddresses(int count) {
    List<String> sources = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sources.add("127.0.0." + (2 + i));
    }
    return sources;
  }

  Result run() throws IOException, InterruptedException {
    int connections = options.idleConnections();
    OptionalLong limit = openFileLimit();
    int processes =
        options.idleNodes().orElse(Math.min(connections, processesFor(connections, limit)));
    List<Integer> shares = shares(connections, processes);
    List<String> sources = sourceAddresses(options.idleSources());
    out.printf(
        "idle phase: %,d idle authenticated connections over %d node process%s (%s each) from %s;"
            + " open-file limit per process %s%n",
        connections,
        processes,
        processes == 1 ? "" : "es",
        shares.get(0).equals(shares.get(processes - 1))
            ? String.format("%,d", shares.get(0))
            : String.format("%,d-%,d", shares.get(processes - 1), shares.get(0)),
        String.join(", ", sources),
        limit.isPresent() ? String.format("%,d", limit.getAsLong()) : "unknown");
    if (limit.isPresent() && shares.get(0) > limit.getAsLong() - FD_RESERVE) {
      out.printf(
          "warning: %,d connections per process exceed the open-file limit of %,d less %d reserved;"
              + " expect 'Too many open files'%n",
          shares.get(0), limit.getAsLong(), FD_RESERVE);
    }
    Path directory = Files.createTempDirectory("switchboard-idle-connections-");
    List<NodeProcess> nodes = new ArrayList<>();
    List<ChildProcess> holders = new ArrayList<>();
    try {
      for (int k = 0; k < processes; k++) {
        NodeProcess node =
            NodeProcess.start("idle-" + (k + 1), classpath, directory.resolve("node-" + (k + 1)));
        nodes.add(node);
        out.printf(
            "started node %s, pid %d, gateway %s%n", node.nodeId(), node.pid(), node.gateway());
      }
      List<Path> tokenFiles = registerUsers(nodes, shares, directory);
      List<HeapHistogram> before = new ArrayList<>();
      List<Long> residentBefore = new ArrayList<>();
      for (NodeProcess node : nodes) {
        before.add(node.heapHistogram());
        residentBefore.add(node.residentBytes());
      }
      holdConnections(nodes, shares, tokenFiles, sources, directory, holders);
      Thread.sleep(SETTLE.toMillis());
      List<NodeMeasurement> measured = new ArrayList<>();
      for (int k = 0; k < processes; k++) {
        NodeProcess node = nodes.get(k);
        long open = node.connectionsOpen();
        measured.add(
            new NodeMeasurement(
                node.nodeId(),
                node.pid(),
                shares.get(k),
                open,
                before.get(k),
                node.heapHistogram(),
                residentBefore.get(k),
                node.residentBytes()));
      }
      Result result = new Result(connections, sources.size(), measured);
      out.print(result.report());
      return result;
    } finally {
      for (ChildProcess holder : holders) {
        holder.input().close();
      }
      for (ChildProcess holder : holders) {
        holder.awaitExit(Duration.ofSeconds(10));
        holder.close();
      }
      nodes.forEach(NodeProcess::close);
      Directories.deleteRecursively(directory);
    }
  }

  /** Registers users on every node; returns the files with their tokens, one per node. */
  private List<Path> registerUsers(List<NodeProcess> nodes, List<Integer> shares, Path directory)
      throws IOException, InterruptedException {
    List<Path> files = new ArrayList<>();
    try (FrameClient client = new FrameClient(1, "idle-setup")) {
      for (int k = 0; k < nodes.size(); k++) {
        GatewayAddress gateway = nodes.get(k).gateway();
        int users = Math.min(USERS_PER_NODE, shares.get(k));
        List<CompletableFuture<String>> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
          String name = "idle-" + i;
          tokens.add(
              client
                  .connect(gateway, null)
                  .thenCompose(
                      connection ->
                          connection
                              .handshake(LoadUser.CLIENT_NAME)
                              .thenCompose(
                                  accepted ->
                                      connection.register(
                                          name, InProcessMessagingCluster.dataCenters().get(0)))
                              .thenApply(
                                  registered -> {
                                    connection.close();
                                    return registered.getRegistered().getToken();
                                  })));
        }
        List<String> lines = new ArrayList<>();
        for (CompletableFuture<String> token : tokens) {
          try {
            lines.add(token.get(SendPhase.SETUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
          } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot register a user on " + nodes.get(k).nodeId(), e);
          }
        }
        Path file = directory.resolve("tokens-" + (k + 1) + ".txt");
        Files.write(file, lines);
        files.add(file);
      }
    }
    out.printf("registered %d users per node%n", Math.min(USERS_PER_NODE, shares.get(0)));
    return files;
  }

  /** Starts one holder per node and waits until each holds its share, printing progress. */
  private void holdConnections(
      List<NodeProcess> nodes,
      List<Integer> shares,
      List<Path> tokenFiles,
      List<String> sources,
      Path directory,
      List<ChildProcess> holders)
      throws IOException, InterruptedException {
    LongAdder opened = new LongAdder();
    List<CompletableFuture<Integer>> held = new ArrayList<>();
    for (int k = 0; k < nodes.size(); k++) {
      CompletableFuture<Integer> holding = new CompletableFuture<>();
      AtomicLong reported = new AtomicLong();
      held.add(holding);
      holders.add(
          ChildProcess.start(
              "holder-" + (k + 1),
              IdleConnectionHolder.command(
                  classpath, nodes.get(k).gateway(), shares.get(k), tokenFiles.get(k), sources),
              directory.resolve("holder-" + (k + 1) + ".log"),
              line -> {
                if (line.startsWith(IdleConnectionHolder.OPENED)) {
                  long count = Long.parseLong(line.substring(IdleConnectionHolder.OPENED.length()));
                  opened.add(count - reported.getAndSet(count));
                } else if (line.startsWith(IdleConnectionHolder.HELD)) {
                  holding.complete(
                      Integer.parseInt(line.substring(IdleConnectionHolder.HELD.length())));
                } else if (line.startsWith(IdleConnectionHolder.FAILED)) {
                  holding.completeExceptionally(
                      new IOException(line.substring(IdleConnectionHolder.FAILED.length())));
                }
              }));
    }
    LoadSchedule schedule = LoadSchedule.startingNow(Duration.ZERO, OPEN_TIMEOUT);
    ProgressMeter meter = new ProgressMeter(schedule, opened, out, "connections");
    CompletableFuture<Void> all = CompletableFuture.allOf(held.toArray(CompletableFuture[]::new));
    long nextReport = schedule.startNanos() + TimeUnit.SECONDS.toNanos(1);
    while (!all.isDone()) {
      try {
        all.get(Math.max(1, nextReport - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new IOException("a holder failed: " + e.getCause().getMessage(), e.getCause());
      } catch (TimeoutException e) {
        meter.report(System.nanoTime());
        nextReport += TimeUnit.SECONDS.toNanos(1);
        for (int k = 0; k < holders.size(); k++) {
          if (!holders.get(k).isAlive() && !held.get(k).isDone()) {
            throw new IOException("holder " + (k + 1) + " exited:\n" + holders.get(k).lastLines());
          }
        }
        if (schedule.isOver(System.nanoTime())) {
          throw new IOException("the connections were not all open after " + OPEN_TIMEOUT);
        }
      }
    }
    int total = held.stream().mapToInt(CompletableFuture::join).sum();
    out.printf("holding %,d idle authenticated connections%n", total);
  }
}
