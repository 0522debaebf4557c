package io.switchboard.benchmarks.messaging;

import static io.switchboard.benchmarks.load.OptionPairs.requireRange;

import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.benchmarks.load.OptionPairs;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What one run of {@link MessagingLoad} does, parsed from {@code --name value} pairs, each at most
 * once; see {@link #USAGE}.
 *
 * @param phases the phases to run, in the order of {@link Phase}; never empty
 * @param clients connections of the send phase, one registered user each, 2 to {@value
 *     #MAX_CLIENTS}
 * @param inFlight sends each client keeps outstanding in a closed loop, 1 to {@value
 *     #MAX_IN_FLIGHT} (the gateway carries out at most 64 operations of a connection at once)
 * @param duration measured time of each send run, positive, at most {@link #MAX_DURATION}
 * @param warmup unmeasured time before it, at most {@link #MAX_DURATION}
 * @param rate closed loop, a fixed open-loop rate, or both at half the closed loop's throughput
 * @param topology the in-process cluster of the send phase (unused with {@code target})
 * @param replication how that cluster places copies of each shard; {@link Replication#QUORUM} needs
 *     an {@code N-per-dc} topology (unused with {@code target})
 * @param crossDcShare the share of sends whose recipient is homed in another data centre, 0 to 1
 * @param commitWindow the group commit window of every node's log (zero: each batch is synced at
 *     once), at most {@link #MAX_COMMIT_WINDOW}; N-per-dc topologies only
 * @param textBytes length of every message text, 1 to 4096
 * @param idleConnections idle authenticated connections of the idle phase, at least 1
 * @param idleNodes node processes that hold them; empty to use as few as the file limit allows
 * @param idleSources loopback source addresses the idle connections come from (127.0.0.2 on), 1 to
 *     {@value #MAX_IDLE_SOURCES}
 * @param target a gateway to send through instead of an in-process cluster
 */
record MessagingLoadOptions(
    Set<Phase> phases,
    int clients,
    int inFlight,
    Duration duration,
    Duration warmup,
    SendRate rate,
    Topology topology,
    Replication replication,
    double crossDcShare,
    Duration commitWindow,
    int textBytes,
    int idleConnections,
    OptionalInt idleNodes,
    int idleSources,
    Optional<GatewayAddress> target) {

  /** The phases of a run, in the order they run. */
  enum Phase {
    SEND,
    IDLE
  }

  static final int MAX_CLIENTS = 4_096;
  static final int MAX_IN_FLIGHT = 64;
  static final int MAX_IDLE_CONNECTIONS = 1_000_000;
  static final int MAX_IDLE_NODES = 64;
  static final int MAX_IDLE_SOURCES = 250;
  static final Duration MAX_DURATION = Duration.ofHours(1);
  static final Duration MAX_COMMIT_WINDOW = Duration.ofSeconds(1);

  static final int DEFAULT_CLIENTS = 64;
  static final int DEFAULT_IN_FLIGHT = 16;
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(20);
  static final Duration DEFAULT_WARMUP = Duration.ofSeconds(40);
  static final double DEFAULT_CROSS_DC_SHARE = 0.5;
  static final int DEFAULT_TEXT_BYTES = 100;
  static final int DEFAULT_IDLE_CONNECTIONS = 20_000;
  static final int DEFAULT_IDLE_SOURCES = 4;

  static final String HELP = "--help";

  static final String USAGE =
      """
      Usage: java -cp benchmarks.jar io.switchboard.benchmarks.messaging.MessagingLoad [options]
        --phases LIST          send,idle or one of them (default: send,idle)
        --clients N            send phase: connections, one registered user each, 2 to %d
                               (default: %d)
        --in-flight K          sends each client keeps outstanding in a closed loop, 1 to %d
                               (default: %d)
        --rate R               0: closed loop; R > 0: open loop at R sends/s in all, latency
                               from each send's intended time; half: a closed-loop run, then
                               an open-loop run at half its throughput (default: 0)
        --duration D           measured time of each send run, e.g. 20s, 500ms, 2m (default: %ds)
        --warmup D             unmeasured time before it, may be 0s (default: %ds)
        --topology T           in-process cluster: single (one node, all shards) or N-per-dc
                               (N nodes in each of the 4 data centres; 3-per-dc is the control
                               plane's embedded cluster) (default: 3-per-dc)
        --replication R        quorum: every shard on a primary and 2 followers in its home DC,
                               acknowledged once 2 of the 3 are durable, plus an async copy in
                               another DC (the product's default); single: one copy per shard
                               (default: quorum, single with --topology single)
        --cross-dc F           share of sends to a user homed in another DC, 0 to 1
                               (default: %.1f)
        --commit-window D      group commit window of every node's log, e.g. 5ms: a batch is
                               synced no sooner than D after the previous sync started (as
                               durable, fewer fsyncs); N-per-dc topologies (default: 0ms)
        --text-bytes N         message text length, 1 to 4096 (default: %d)
        --target HOST:PORT     send through this gateway instead of an in-process cluster
        --idle-connections N   idle phase: authenticated idle connections; 0 skips the phase
                               (default: %d)
        --idle-nodes K         node processes holding them (default: as few as the open-file
                               limit allows)
        --idle-sources N       loopback source addresses 127.0.0.2 and up, 1 to %d (default: %d)
        --help                 print this message
      """
          .formatted(
              MAX_CLIENTS,
              DEFAULT_CLIENTS,
              MAX_IN_FLIGHT,
              DEFAULT_IN_FLIGHT,
              DEFAULT_DURATION.toSeconds(),
              DEFAULT_WARMUP.toSeconds(),
              DEFAULT_CROSS_DC_SHARE,
              DEFAULT_TEXT_BYTES,
              DEFAULT_IDLE_CONNECTIONS,
              MAX_IDLE_SOURCES,
              DEFAULT_IDLE_SOURCES);

  private static final List<String> OPTIONS =
      List.of(
          "--phases",
          "--clients",
          "--in-flight",
          "--rate",
          "--duration",
          "--warmup",
          "--topology",
          "--replication",
          "--cross-dc",
          "--commit-window",
          "--text-bytes",
          "--target",
          "--idle-connections",
          "--idle-nodes",
          "--idle-sources");

  MessagingLoadOptions {
    phases = Set.copyOf(phases);
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("--phases must name at least one phase");
    }
    requireRange("--clients", clients, 2, MAX_CLIENTS);
    requireRange("--in-flight", inFlight, 1, MAX_IN_FLIGHT);
    if (duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "--duration must be positive and at most " + MAX_DURATION.toMinutes() + "m");
    }
    if (warmup.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "--warmup must be at most " + MAX_DURATION.toMinutes() + "m");
    }
    if (!(crossDcShare >= 0 && crossDcShare <= 1)) {
      throw new IllegalArgumentException("--cross-dc must be between 0 and 1: " + crossDcShare);
    }
    if (replication == Replication.QUORUM && topology.isSingleNode()) {
      throw new IllegalArgumentException(
          "--replication quorum needs an N-per-dc topology: one node cannot hold three copies");
    }
    if (commitWindow.compareTo(MAX_COMMIT_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "--commit-window must be at most " + MAX_COMMIT_WINDOW.toMillis() + "ms");
    }
    if (!commitWindow.isZero() && topology.isSingleNode()) {
      throw new IllegalArgumentException("--commit-window needs an N-per-dc topology");
    }
    requireRange("--text-bytes", textBytes, 1, 4_096);
    requireRange("--idle-connections", idleConnections, 1, MAX_IDLE_CONNECTIONS);
    idleNodes.ifPresent(nodes -> requireRange("--idle-nodes", nodes, 1, MAX_IDLE_NODES));
    requireRange("--idle-sources", idleSources, 1, MAX_IDLE_SOURCES);
  }

  /**
   * @throws IllegalArgumentException with a message for the user when an option is unknown,
   *     repeated or missing its value, or a value is invalid or out of bounds
   */
  static MessagingLoadOptions parse(String... args) {
    OptionPairs values = OptionPairs.parse(OPTIONS, args);
    Set<Phase> phases = phases(values.text("--phases", "send,idle"));
    int idleConnections = values.integer("--idle-connections", DEFAULT_IDLE_CONNECTIONS);
    if (idleConnections == 0) {
      phases.remove(Phase.IDLE);
      if (phases.isEmpty()) {
        throw new IllegalArgumentException("--idle-connections 0 leaves no phase to run");
      }
      idleConnections = DEFAULT_IDLE_CONNECTIONS;
    }
    Topology topology = values.text("--topology").map(Topology::parse).orElse(Topology.EMBEDDED);
    return new MessagingLoadOptions(
        phases,
        values.integer("--clients", DEFAULT_CLIENTS),
        values.integer("--in-flight", DEFAULT_IN_FLIGHT),
        values.duration("--duration", DEFAULT_DURATION),
        values.duration("--warmup", DEFAULT_WARMUP),
        values.text("--rate").map(SendRate::parse).orElse(SendRate.CLOSED_LOOP),
        topology,
        values
            .text("--replication")
            .map(Replication::parse)
            .orElse(topology.isSingleNode() ? Replication.SINGLE : Replication.QUORUM),
        values.decimal("--cross-dc", DEFAULT_CROSS_DC_SHARE),
        values.duration("--commit-window", Duration.ZERO),
        values.integer("--text-bytes", DEFAULT_TEXT_BYTES),
        idleConnections,
        values.text("--idle-nodes").isPresent()
            ? OptionalInt.of(values.integer("--idle-nodes", 0))
            : OptionalInt.empty(),
        values.integer("--idle-sources", DEFAULT_IDLE_SOURCES),
        values.text("--target").map(MessagingLoadOptions::target));
  }

  boolean runs(Phase phase) {
    return phases.contains(phase);
  }

  private static Set<Phase> phases(String text) {
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    for (String name : text.split(",", -1)) {
      try {
        phases.add(Phase.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--phases: unknown phase '" + name.trim() + "'");
      }
    }
    return phases;
  }

  private static GatewayAddress target(String text) {
    try {
      return GatewayAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--target: " + e.getMessage(), e);
    }
  }
}
