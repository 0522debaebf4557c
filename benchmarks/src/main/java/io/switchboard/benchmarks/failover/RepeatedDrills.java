package io.switchboard.benchmarks.failover;

import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.drill.DrillReportView.Moment;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyView;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Repeated failover drills against a real control plane: how long a killed primary's shards take to
 * accept writes again, as percentiles over many kills, and how many acknowledged writes were lost.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.switchboard.benchmarks.failover.RepeatedDrills \
 *     [--drills 20] [--profile default|fast] [--quiet-window 5s] [--fault kill|partition]
 *     [--jar control-plane/target/switchboard.jar]
 * </pre>
 *
 * <ol>
 *   <li>Parse the arguments ({@link DrillOptions}); {@code --help} prints the usage and exits 0,
 *       invalid arguments print the problem and the usage on stderr and exit 1.
 *   <li>Start the control plane ({@link ControlPlaneProcess}) with the profile and the quiet
 *       window, and wait until all its nodes are UP.
 *   <li>Run the drills one after another. Before each: every node UP again, and the next node of a
 *       rotation that takes one node of each DC in turn, skipping nodes that lead no replicated
 *       shard at that moment, and the quiet window passed since the previous drill's promotion
 *       (else the control plane would refuse to fail over a shard that drill moved). Each drill is
 *       a {@code DRILL} operation (the control plane kills the node, waits for the automatic
 *       failover and restores the node); its state is polled every {@value #POLL_MILLIS} ms until
 *       it ends, then its report is read. The failover time is the report's {@code first-write}
 *       moment: milliseconds from the kill to the first write acknowledged after the promotion,
 *       measured by the control plane, not by this poll.
 *   <li>Print one line per drill, then the percentiles (HdrHistogram) of each moment of the
 *       timeline, the acknowledged writes lost in all, and the drills that failed.
 *   <li>Stop the control plane. Exit 0 if every drill succeeded, 3 if some failed (the figures are
 *       printed all the same), 2 if the benchmark itself could not go on.
 * </ol>
 */
public final class RepeatedDrills {

  static final int EXIT_OK = 0;
  static final int EXIT_USAGE = 1;
  static final int EXIT_ERROR = 2;
  static final int EXIT_DRILL_FAILED = 3;

  private static final long POLL_MILLIS = 250;
  private static final Duration NODES_UP_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration CONFLICT_TIMEOUT = Duration.ofMinutes(1);
  private static final List<String> MOMENTS =
      List.of("detected", "confirmed", "fenced", "promoted", "notified", "first-write");
  private static final Set<String> UNFINISHED = Set.of("PLANNED", "APPROVED", "RUNNING");
  private static final long TARGET_P99_MILLIS = 5_000;

  private final DrillOptions options;
  private final PrintStream out;
  private final Map<String, Histogram> moments = new LinkedHashMap<>();
  private final Histogram unavailable = histogram();
  private final List<String> failures = new ArrayList<>();
  private long acknowledged;
  private long lost;
  private int measured;
  private int run;
  private int cursor;

  /** When the last drill's failover promoted new primaries; null before the first. */
  private Instant lastPromotion;

  private RepeatedDrills(DrillOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
    MOMENTS.forEach(name -> moments.put(name, histogram()));
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the steps of the class comment.
   *
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains(DrillOptions.HELP)) {
      out.print(DrillOptions.USAGE);
      return EXIT_OK;
    }
    DrillOptions options;
    try {
      options = DrillOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(DrillOptions.USAGE);
      return EXIT_USAGE;
    }
    RepeatedDrills drills = new RepeatedDrills(options, out);
    try {
      drills.runAll();
    } catch (IOException | RuntimeException e) {
      err.println("error: " + e.getMessage());
      drills.printSummary();
      return EXIT_ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return EXIT_ERROR;
    }
    drills.printSummary();
    return drills.failures.isEmpty() ? EXIT_OK : EXIT_DRILL_FAILED;
  }

  private void runAll() throws IOException, InterruptedException {
    Path dataDir = Files.createTempDirectory("switchboard-drills-");
    List<String> arguments = new ArrayList<>();
    arguments.add("--switchboard.failover.quiet-window=" + options.quietWindow().toMillis() + "ms");
    if (options.profile().equals("fast")) {
      arguments.add("--spring.profiles.active=fast");
    }
    out.printf(
        "repeated failover drills, %s: %d drills, fault %s, profile %s, quiet window %d ms (the product's"
            + " default is 60 s: a safety limit between two failovers of a shard, not part of a"
            + " failover's time), %d cores, load average %s%n",
        Instant.now(),
        options.drills(),
        options.fault(),
        options.profile(),
        options.quietWindow().toMillis(),
        Runtime.getRuntime().availableProcessors(),
        loadAverage());
    try (ControlPlaneProcess controlPlane =
        ControlPlaneProcess.start(options.jar(), dataDir, arguments)) {
      out.printf("control plane pid %d, log %s%n", controlPlane.pid(), controlPlane.log());
      List<String> rotation = rotation(awaitAllUp(controlPlane));
      for (run = 1; run <= options.drills(); run++) {
        drill(controlPlane, rotation);
      }
    }
    out.printf("load average at the end: %s%n", loadAverage());
  }

  /** One drill: the next node, the operation until it ends, its report into the figures. */
  private void drill(ControlPlaneProcess controlPlane, List<String> rotation)
      throws IOException, InterruptedException {
    awaitQuietWindow();
    awaitAllUp(controlPlane);
    Map<String, Long> led = replicatedShardsLed(controlPlane);
    String node = null;
    for (int i = 0; i < rotation.size() && node == null; i++) {
      String candidate = rotation.get(cursor++ % rotation.size());
      if (led.getOrDefault(candidate, 0L) > 0) {
        node = candidate;
      }
    }
    if (node == null) {
      throw new IOException("no node leads a replicated shard: nothing to drill");
    }
    OperationView operation = awaitEnd(controlPlane, startDrill(controlPlane, node));
    DrillReportView report =
        controlPlane.get("/api/v1/drills/" + operation.id(), DrillReportView.class);
    String prefix =
        String.format("drill %3d/%d  %-14s leads %3d", run, options.drills(), node, led.get(node));
    lastPromotion = Instant.now();
    if (report == null) {
      failures.add(
          node + " (" + operation.id() + "): " + operation.state() + ", " + operation.failure());
      out.printf("%s  no report: %s, %s%n", prefix, operation.state(), operation.failure());
      return;
    }
    Map<String, Long> timeline =
        report.timeline().stream()
            .filter(m -> m.millis() != null)
            .collect(Collectors.toMap(Moment::name, Moment::millis, (a, b) -> a));
    timeline.forEach(
        (name, millis) -> {
          if (moments.containsKey(name)) {
            moments.get(name).recordValue(Math.max(0, millis));
          }
        });
    if (timeline.containsKey("promoted")) {
      lastPromotion = report.startedAt().plusMillis(timeline.get("promoted"));
    }
    if (timeline.containsKey("first-write")) {
      measured++;
      unavailable.recordValue(Math.max(0, report.unavailableMillis()));
    }
    acknowledged += report.acknowledged();
    lost += report.lost();
    boolean succeeded = operation.state().equals("SUCCEEDED");
    if (!succeeded) {
      failures.add(
          node + " (" + operation.id() + "): " + operation.state() + ", " + operation.failure());
    }
    out.printf(
        "%s  detected %5s  promoted %5s  first write %5s ms  unavailable %5d ms  acknowledged %5d"
            + "  lost %d  %s%s%n",
        prefix,
        timeline.getOrDefault("detected", -1L),
        timeline.getOrDefault("promoted", -1L),
        timeline.containsKey("first-write") ? timeline.get("first-write") : "none",
        report.unavailableMillis(),
        report.acknowledged(),
        report.lost(),
        report.passed() ? "PASS" : "FAIL",
        succeeded ? "" : " (" + operation.state() + ": " + operation.failure() + ")");
  }

  /**
   * Waits until the quiet window has passed since the last drill's promotion. A drill moves only
   * the shards its node led, so then no shard is in its window and the next failover is not
   * refused: a precondition of the next drill, not part of any measurement.
   */
  private void awaitQuietWindow() throws InterruptedException {
    if (lastPromotion != null) {
      long wait =
          Duration.between(Instant.now(), lastPromotion.plus(options.quietWindow())).toMillis();
      if (wait > 0) {
        Thread.sleep(wait + POLL_MILLIS);
      }
    }
  }

  /**
   * Starts a drill of {@code node}; while another operation holds something the drill needs (409),
   * tries again for up to {@link #CONFLICT_TIMEOUT}.
   */
  private OperationView startDrill(ControlPlaneProcess controlPlane, String node)
      throws IOException, InterruptedException {
    OperationRequest request =
        new OperationRequest("DRILL", Map.of("node", node, "fault", options.fault()), false);
    long deadline = System.nanoTime() + CONFLICT_TIMEOUT.toNanos();
    while (true) {
      HttpResponse<String> response = controlPlane.post("/api/v1/operations", request);
      if (response.statusCode() == 200 || response.statusCode() == 201) {
        return ControlPlaneProcess.read(response, OperationView.class);
      }
      if (response.statusCode() != 409 || System.nanoTime() - deadline > 0) {
        throw new IOException(
            "the drill of "
                + node
                + " was refused: HTTP "
                + response.statusCode()
                + " "
                + response.body());
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** Polls the operation until its state is terminal; fails after the drill timeout. */
  private OperationView awaitEnd(ControlPlaneProcess controlPlane, OperationView started)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + options.drillTimeout().toNanos();
    OperationView operation = started;
    while (UNFINISHED.contains(operation.state())) {
      if (System.nanoTime() - deadline > 0) {
        throw new IOException(
            "drill "
                + started.id()
                + " of "
                + started.parameters().get("node")
                + " has not ended after "
                + options.drillTimeout()
                + ": "
                + operation.state());
      }
      Thread.sleep(POLL_MILLIS);
      operation = controlPlane.get("/api/v1/operations/" + started.id(), OperationView.class);
    }
    return operation;
  }

  /** Waits until every node is UP; the topology then. */
  private static TopologyView awaitAllUp(ControlPlaneProcess controlPlane)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + NODES_UP_TIMEOUT.toNanos();
    while (true) {
      TopologyView topology = controlPlane.get("/api/v1/topology", TopologyView.class);
      List<String> notUp =
          topology.nodes().filter(n -> n.health() != NodeHealth.UP).map(NodeView::id).toList();
      if (topology.nodes().findAny().isPresent() && notUp.isEmpty()) {
        return topology;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("nodes not UP after " + NODES_UP_TIMEOUT + ": " + notUp);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** One node of each DC in turn: the first of every DC, then the second, and so on. */
  private static List<String> rotation(TopologyView topology) {
    List<String> rotation = new ArrayList<>();
    int most = topology.dataCenters().stream().mapToInt(dc -> dc.nodes().size()).max().orElse(0);
    for (int i = 0; i < most; i++) {
      for (var dc : topology.dataCenters()) {
        if (i < dc.nodes().size()) {
          rotation.add(dc.nodes().get(i).id());
        }
      }
    }
    return rotation;
  }

  /** How many shards with followers each node leads in the newest map. */
  private static Map<String, Long> replicatedShardsLed(ControlPlaneProcess controlPlane)
      throws IOException, InterruptedException {
    return controlPlane.get("/api/v1/shards", ShardMapView.class).shards().stream()
        .filter(shard -> !shard.followers().isEmpty())
        .collect(Collectors.groupingBy(ShardMapView.ShardSummary::primary, Collectors.counting()));
  }

  private void printSummary() {
    out.printf(
        "%nfault %s, profile %s, quiet window %d ms: %d drills run, %d measured (milliseconds"
            + " after the fault)%n",
        options.fault(),
        options.profile(),
        options.quietWindow().toMillis(),
        Math.min(run, options.drills()),
        measured);
    out.printf("%-24s %6s %8s %8s %8s %8s%n", "", "count", "p50", "p90", "p99", "max");
    moments.forEach((name, histogram) -> printRow(name, histogram));
    printRow("longest write wait", unavailable);
    out.printf("acknowledged writes: %d, lost: %d%n", acknowledged, lost);
    out.printf("failed drills: %d%n", failures.size());
    failures.forEach(failure -> out.println("  " + failure));
    Histogram firstWrite = moments.get("first-write");
    boolean met =
        measured > 0
            && failures.isEmpty()
            && lost == 0
            && firstWrite.getValueAtPercentile(99) < TARGET_P99_MILLIS;
    out.printf(
        "target (first write p99 < %d ms, 0 acknowledged lost, every drill succeeded): %s%n",
        TARGET_P99_MILLIS, met ? "met" : "NOT met");
  }

  private void printRow(String name, Histogram histogram) {
    if (histogram.getTotalCount() == 0) {
      out.printf("%-24s %6d%n", name, 0);
      return;
    }
    out.printf(
        "%-24s %6d %8d %8d %8d %8d%n",
        name,
        histogram.getTotalCount(),
        histogram.getValueAtPercentile(50),
        histogram.getValueAtPercentile(90),
        histogram.getValueAtPercentile(99),
        histogram.getMaxValue());
  }

  /** Milliseconds up to 10 minutes, 3 significant digits. */
  private static Histogram histogram() {
    return new Histogram(Duration.ofMinutes(10).toMillis(), 3);
  }

  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format("%.2f", load);
  }
}
