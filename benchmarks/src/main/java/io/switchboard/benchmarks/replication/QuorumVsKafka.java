package io.switchboard.benchmarks.replication;

import io.switchboard.benchmarks.kafka.KafkaLoadOptions;
import io.switchboard.benchmarks.kafka.KafkaProduceLoad;
import io.switchboard.benchmarks.kafka.KafkaProduceResult;
import io.switchboard.benchmarks.kafka.TopicSettings;
import io.switchboard.benchmarks.load.Measurement;
import io.switchboard.benchmarks.messaging.MessagingLoad;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The replication benchmark (issue 4): durable acknowledged sends per second and p50/p99/p99.9
 * latency of Switchboard with quorum replication, and of Apache Kafka on the same machine under the
 * same load, in one run, with the ratios.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.switchboard.benchmarks.replication.QuorumVsKafka \
 *     [--clients 64] [--in-flight 16] [--text-bytes 100] [--duration 20s] [--warmup 30s] ...
 * </pre>
 *
 * <ol>
 *   <li>Parse the arguments ({@link ComparisonOptions}); {@code --help} prints the usage on stdout
 *       and exits 0, invalid arguments print the problem and the usage on stderr and exit 1.
 *   <li><b>Switchboard</b>: {@link MessagingLoad}'s send phase on the embedded cluster of 12 nodes
 *       (3 per data centre) in this JVM with quorum replication ({@code --replication quorum}: each
 *       shard on a primary and two followers in its home DC, a send acknowledged once the sender's
 *       shard has it durable (fsynced) on 2 of the 3; plus an asynchronous copy in another DC),
 *       closed loop: {@code clients} connections, each with {@code in-flight} sends outstanding.
 *       The cluster is closed and its data deleted before the next step.
 *   <li>A full garbage collection, so that Kafka's run does not pay for Switchboard's garbage.
 *   <li><b>Kafka</b>: start the three KRaft brokers with {@code kafka-cluster.sh} ({@link
 *       ScriptedKafkaCluster}; first use fetches the jars), make the topic ready (replication
 *       factor 3, {@code min.insync.replicas=2}), run {@link KafkaProduceLoad}: as many producers
 *       as Switchboard had clients, each with the same sends in flight, {@code acks=all}, records
 *       of the same size, the same warm-up and measured time, latency timed the same way (from the
 *       send to its acknowledgement, HdrHistogram, three significant digits). Stop the cluster,
 *       also when anything failed.
 *   <li>Print the {@link ComparisonReport}: both systems' throughput and p50/p99/p99.9/max, the
 *       ratios Switchboard/Kafka and whether the target holds.
 * </ol>
 *
 * <p>Exit status 0 when both systems were measured, 1 for invalid arguments, 2 when either run
 * failed (with Switchboard's figures still printed if only Kafka's run failed).
 *
 * <p>Both systems run one after the other, never at the same time: on a 2-core machine they would
 * measure each other.
 */
public final class QuorumVsKafka {

  static final int EXIT_OK = 0;
  static final int EXIT_USAGE = 1;
  static final int EXIT_FAILED = 2;

  /** Measures Kafka under a comparison's load; the real one is {@link #scriptedKafka}. */
  @FunctionalInterface
  interface KafkaSide {
    Measurement measure(ComparisonOptions options, PrintStream out)
        throws IOException, InterruptedException;
  }

  /** Runs a Kafka load against a ready cluster; the real one is {@link KafkaProduceLoad#run}. */
  @FunctionalInterface
  interface KafkaLoad {
    KafkaProduceResult run(KafkaLoadOptions options, PrintStream out)
        throws IOException, InterruptedException;
  }

  /** What a run measured. */
  record Comparison(Measurement switchboard, Measurement kafka, ComparisonReport report) {}

  private QuorumVsKafka() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, QuorumVsKafka::scriptedKafka));
  }

  /**
   * Runs the steps of the class comment with {@code kafka} as the Kafka side.
   *
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err, KafkaSide kafka) {
    if (Arrays.asList(args).contains(ComparisonOptions.HELP)) {
      out.print(ComparisonOptions.USAGE);
      return EXIT_OK;
    }
    ComparisonOptions options;
    try {
      options = ComparisonOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(ComparisonOptions.USAGE);
      return EXIT_USAGE;
    }
    try {
      compare(options, out, kafka);
      return EXIT_OK;
    } catch (IOException | RuntimeException e) {
      err.println("error: " + describe(e));
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return EXIT_FAILED;
    }
  }

  /** Measures both systems, one after the other, and prints the report. */
  static Comparison compare(ComparisonOptions options, PrintStream out, KafkaSide kafka)
      throws IOException, InterruptedException {
    out.printf(
        "quorum replication vs Apache Kafka, %s: %d cores, max heap %d MiB, load average %s%n",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        MessagingLoad.loadAverage());
    out.println(setup(options));
    out.println();
    out.println("==== 1/2 Switchboard, quorum replication ====");
    List<Measurement> runs =
        MessagingLoad.measureSends(out, options.messagingArgs().toArray(String[]::new));
    Measurement switchboard = runs.get(0);
    out.printf(
        Locale.ROOT,
        "Switchboard: %,.0f durable acknowledged sends/s, p99 %.3f ms%n",
        switchboard.throughputPerSecond(),
        switchboard.latencyMillis(99));
    System.gc();
    out.println();
    out.printf(
        "==== 2/2 Apache Kafka (after a full GC; load average %s) ====%n",
        MessagingLoad.loadAverage());
    Measurement kafkaRun;
    try {
      kafkaRun = kafka.measure(options, out);
    } catch (IOException | RuntimeException e) {
      out.printf(
          Locale.ROOT,
          "Kafka's run failed; Switchboard measured %,.0f sends/s, p50 %.3f ms, p99 %.3f ms,"
              + " p99.9 %.3f ms%n",
          switchboard.throughputPerSecond(),
          switchboard.latencyMillis(50),
          switchboard.latencyMillis(99),
          switchboard.latencyMillis(99.9));
      throw e;
    }
    ComparisonReport report = new ComparisonReport(setup(options), switchboard, kafkaRun);
    out.println();
    out.print(report);
    out.printf("load average after the run: %s%n", MessagingLoad.loadAverage());
    return new Comparison(switchboard, kafkaRun, report);
  }

  /** One line: the load both systems ran. */
  static String setup(ComparisonOptions options) {
    return String.format(
        Locale.ROOT,
        "load on both: closed loop, %d clients/producers x %d in flight, %d-byte messages,"
            + " %.1f s warm-up, %.1f s measured, one system at a time",
        options.clients(),
        options.inFlight(),
        options.textBytes(),
        options.warmup().toMillis() / 1e3,
        options.duration().toMillis() / 1e3);
  }

  /**
   * The real Kafka side: starts the cluster with the script in {@code --kafka-dir} or a fresh
   * temporary directory, runs the load, prints its report and stops the cluster (deleting a
   * temporary directory), whatever happened.
   */
  static Measurement scriptedKafka(ComparisonOptions options, PrintStream out)
      throws IOException, InterruptedException {
    return scriptedKafka(options, out, KafkaProduceLoad::run);
  }

  /** {@link #scriptedKafka(ComparisonOptions, PrintStream)} with {@code load} as the load. */
  static Measurement scriptedKafka(ComparisonOptions options, PrintStream out, KafkaLoad load)
      throws IOException, InterruptedException {
    Path dir =
        options.kafkaDir().isPresent()
            ? options.kafkaDir().get()
            : Files.createTempDirectory("switchboard-kafka-cluster-");
    try (ScriptedKafkaCluster cluster =
        ScriptedKafkaCluster.start(
            options.kafkaScript(),
            dir,
            options.kafkaDir().isEmpty(),
            options.kafkaBasePort(),
            out)) {
      KafkaProduceResult result = load.run(options.kafkaLoad(cluster.bootstrap()), out);
      out.print(result.report());
      return result.measurement(describe(result.topic(), brokerVersion(options.kafkaScript())));
    }
  }

  /** What ran on the Kafka side, e.g. {@code Apache Kafka 4.1.1, 3 brokers, ...}. */
  static String describe(TopicSettings topic, String version) {
    return String.format(
        Locale.ROOT,
        "Apache Kafka %s, %d brokers (KRaft), %d partitions, replication factor %d,"
            + " min.insync.replicas=%d, acks=all, %s",
        version,
        topic.brokers(),
        topic.partitions(),
        topic.replicationFactor(),
        topic.minInsyncReplicas(),
        topic.describeFlush());
  }

  /** The version the script fetched ({@code lib/.kafka-version} next to it), or {@code ?}. */
  private static String brokerVersion(Path script) {
    Path parent = script.toAbsolutePath().getParent();
    try {
      return Files.readString(parent.resolve("lib").resolve(".kafka-version")).trim();
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** The failure's message, its suppressed failures' and its cause's unless already included. */
  private static String describe(Exception e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable cause = e.getCause();
    if (cause != null && !text.toString().contains(String.valueOf(cause.getMessage()))) {
      text.append(": ").append(cause);
    }
    for (Throwable suppressed : e.getSuppressed()) {
      text.append(" (also: ").append(suppressed.getMessage()).append(')');
    }
    return text.toString();
  }
}
