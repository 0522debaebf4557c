package io.switchboard.benchmarks.replication;

import static io.switchboard.benchmarks.load.OptionPairs.requireRange;

import io.switchboard.benchmarks.kafka.KafkaLoadOptions;
import io.switchboard.benchmarks.load.OptionPairs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one run of {@link QuorumVsKafka} does, parsed from {@code --name value} pairs, each at most
 * once, and the flag {@value KafkaLoadOptions#FLUSH_EVERY_MESSAGE}; see {@link #USAGE}. The load
 * options apply to both systems alike.
 *
 * @param clients concurrent senders: Switchboard clients (one connection and user each) and Kafka
 *     producers (one {@code KafkaProducer} each), 2 to {@value #MAX_CLIENTS}
 * @param inFlight sends each of them keeps outstanding in the closed loop, 1 to {@value
 *     #MAX_IN_FLIGHT} (the Switchboard gateway's limit per connection)
 * @param textBytes message size: Switchboard's message text and Kafka's record value, 1 to {@value
 *     #MAX_TEXT_BYTES}
 * @param duration measured time of each system's run, positive, at most {@link #MAX_DURATION}
 * @param warmup unmeasured time before it, at most {@link #MAX_DURATION}
 * @param crossDcShare Switchboard only: share of sends to a user homed in another data centre
 * @param partitions Kafka only: partitions of the topic, 1 to {@value
 *     KafkaLoadOptions#MAX_PARTITIONS}
 * @param kafkaFlushEveryMessage Kafka only: {@code flush.messages=1} on the topic (fsync before
 *     each acknowledgement, as Switchboard's log does) instead of Kafka's default
 * @param kafkaScript the cluster script, {@code kafka-cluster.sh}
 * @param kafkaDir the cluster directory to use and keep; empty for a fresh temporary one, deleted
 *     after the run
 * @param kafkaBasePort the first broker port; brokers on it and the next two, controllers 100 above
 */
record ComparisonOptions(
    int clients,
    int inFlight,
    int textBytes,
    Duration duration,
    Duration warmup,
    double crossDcShare,
    int partitions,
    boolean kafkaFlushEveryMessage,
    Path kafkaScript,
    Optional<Path> kafkaDir,
    int kafkaBasePort) {

  static final int MAX_CLIENTS = 4_096;
  static final int MAX_IN_FLIGHT = 64;
  static final int MAX_TEXT_BYTES = 4_096;
  static final Duration MAX_DURATION = Duration.ofHours(1);

  static final int DEFAULT_CLIENTS = 64;
  static final int DEFAULT_IN_FLIGHT = 16;
  static final int DEFAULT_TEXT_BYTES = 100;
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(20);
  static final Duration DEFAULT_WARMUP = Duration.ofSeconds(30);
  static final double DEFAULT_CROSS_DC_SHARE = 0.5;
  static final int DEFAULT_BASE_PORT = 19_092;

  /** The script's path from the repository root, where the benchmarks are run from. */
  static final Path SCRIPT_FROM_ROOT = Path.of("benchmarks", "kafka", "kafka-cluster.sh");

  /** The script's path from the module directory, where Maven runs the tests. */
  static final Path SCRIPT_FROM_MODULE = Path.of("kafka", "kafka-cluster.sh");

  static final String HELP = "--help";

  static final String USAGE =
      """
      Usage: java -cp benchmarks.jar io.switchboard.benchmarks.replication.QuorumVsKafka [options]
      Measures Switchboard's quorum-replicated sends (12 in-process nodes, 3 per DC), then Apache
      Kafka (3 KRaft brokers started with kafka-cluster.sh, replication factor 3,
      min.insync.replicas=2, acks=all) with the same load, one after the other, and prints both
      with the ratios. Kafka is stopped at the end, also when the run fails.
        --clients N            concurrent senders on each side: Switchboard clients and Kafka
                               producers, 2 to %d (default: %d)
        --in-flight K          sends each keeps outstanding (closed loop), 1 to %d (default: %d)
        --text-bytes B         message size: Switchboard text, Kafka record value, 1 to %d
                               (default: %d)
        --duration D           measured time of each system, e.g. 20s, 2m (default: %ds)
        --warmup D             unmeasured time before it, may be 0s (default: %ds)
        --cross-dc F           Switchboard: share of sends to a user in another DC (default: %.1f)
        --partitions P         Kafka: partitions of the topic (default: %d)
        %s
                               Kafka: flush.messages=1, fsync before each acknowledgement as
                               Switchboard does (default: Kafka's own, no fsync per message)
        --kafka-script PATH    the cluster script (default: %s
                               from the repository root, %s from the module)
        --kafka-dir DIR        the cluster directory, kept after the run (default: a fresh
                               temporary directory, deleted after the run)
        --kafka-base-port P    brokers on P, P+1, P+2, controllers 100 above (default: %d)
        --help                 print this message
      """
          .formatted(
              MAX_CLIENTS,
              DEFAULT_CLIENTS,
              MAX_IN_FLIGHT,
              DEFAULT_IN_FLIGHT,
              MAX_TEXT_BYTES,
              DEFAULT_TEXT_BYTES,
              DEFAULT_DURATION.toSeconds(),
              DEFAULT_WARMUP.toSeconds(),
              DEFAULT_CROSS_DC_SHARE,
              KafkaLoadOptions.DEFAULT_PARTITIONS,
              KafkaLoadOptions.FLUSH_EVERY_MESSAGE,
              SCRIPT_FROM_ROOT,
              SCRIPT_FROM_MODULE,
              DEFAULT_BASE_PORT);

  private static final List<String> OPTIONS =
      List.of(
          "--clients",
          "--in-flight",
          "--text-bytes",
          "--duration",
          "--warmup",
          "--cross-dc",
          "--partitions",
          "--kafka-script",
          "--kafka-dir",
          "--kafka-base-port");

  ComparisonOptions {
    requireRange("--clients", clients, 2, MAX_CLIENTS);
    requireRange("--in-flight", inFlight, 1, MAX_IN_FLIGHT);
    requireRange("--text-bytes", textBytes, 1, MAX_TEXT_BYTES);
    if (duration.isZero() || duration.isNegative() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "--duration must be positive and at most " + MAX_DURATION.toMinutes() + "m");
    }
    if (warmup.isNegative() || warmup.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "--warmup must be at most " + MAX_DURATION.toMinutes() + "m");
    }
    if (!(crossDcShare >= 0 && crossDcShare <= 1)) {
      throw new IllegalArgumentException("--cross-dc must be between 0 and 1: " + crossDcShare);
    }
    requireRange("--partitions", partitions, 1, KafkaLoadOptions.MAX_PARTITIONS);
    requireRange("--kafka-base-port", kafkaBasePort, 1_024, 65_000);
    // Kafka's own checks, here rather than after the Switchboard run.
    kafkaLoad(
        "127.0.0.1:" + kafkaBasePort,
        clients,
        inFlight,
        textBytes,
        duration,
        warmup,
        partitions,
        kafkaFlushEveryMessage);
  }

  /**
   * @throws IllegalArgumentException with a message for the user when an option is unknown,
   *     repeated or missing its value, a value is invalid or out of bounds, or no script is found
   */
  static ComparisonOptions parse(String... args) {
    List<String> pairs = new ArrayList<>(List.of(args));
    boolean flush = pairs.remove(KafkaLoadOptions.FLUSH_EVERY_MESSAGE);
    if (pairs.contains(KafkaLoadOptions.FLUSH_EVERY_MESSAGE)) {
      throw new IllegalArgumentException(
          KafkaLoadOptions.FLUSH_EVERY_MESSAGE + " given more than once");
    }
    OptionPairs values = OptionPairs.parse(OPTIONS, pairs.toArray(String[]::new));
    return new ComparisonOptions(
        values.integer("--clients", DEFAULT_CLIENTS),
        values.integer("--in-flight", DEFAULT_IN_FLIGHT),
        values.integer("--text-bytes", DEFAULT_TEXT_BYTES),
        values.duration("--duration", DEFAULT_DURATION),
        values.duration("--warmup", DEFAULT_WARMUP),
        values.decimal("--cross-dc", DEFAULT_CROSS_DC_SHARE),
        values.integer("--partitions", KafkaLoadOptions.DEFAULT_PARTITIONS),
        flush,
        values.text("--kafka-script").map(Path::of).orElseGet(ComparisonOptions::defaultScript),
        values.text("--kafka-dir").map(Path::of),
        values.integer("--kafka-base-port", DEFAULT_BASE_PORT));
  }

  /** The bootstrap servers of the cluster the script starts on {@link #kafkaBasePort}. */
  String kafkaBootstrap() {
    return "127.0.0.1:%d,127.0.0.1:%d,127.0.0.1:%d"
        .formatted(kafkaBasePort, kafkaBasePort + 1, kafkaBasePort + 2);
  }

  /**
   * The Switchboard side: {@code MessagingLoad}'s send phase on the replicated embedded cluster,
   * closed loop, with this run's load.
   */
  List<String> messagingArgs() {
    return List.of(
        "--phases",
        "send",
        "--topology",
        "3-per-dc",
        "--replication",
        "quorum",
        "--rate",
        "0",
        "--clients",
        Integer.toString(clients),
        "--in-flight",
        Integer.toString(inFlight),
        "--text-bytes",
        Integer.toString(textBytes),
        "--cross-dc",
        Double.toString(crossDcShare),
        "--duration",
        duration.toMillis() + "ms",
        "--warmup",
        warmup.toMillis() + "ms");
  }

  /**
   * The Kafka side against {@code bootstrap}: as many producers as clients, one {@code
   * KafkaProducer} each, the same sends in flight, message size and schedule, {@code acks=all}.
   */
  KafkaLoadOptions kafkaLoad(String bootstrap) {
    return kafkaLoad(
        bootstrap,
        clients,
        inFlight,
        textBytes,
        duration,
        warmup,
        partitions,
        kafkaFlushEveryMessage);
  }

  private static KafkaLoadOptions kafkaLoad(
      String bootstrap,
      int clients,
      int inFlight,
      int textBytes,
      Duration duration,
      Duration warmup,
      int partitions,
      boolean kafkaFlushEveryMessage) {
    return new KafkaLoadOptions(
        bootstrap,
        clients,
        clients,
        inFlight,
        textBytes,
        KafkaLoadOptions.Keys.RANDOM,
        duration,
        warmup,
        KafkaLoadOptions.DEFAULT_TOPIC,
        partitions,
        0,
        kafkaFlushEveryMessage);
  }

  private static Path defaultScript() {
    if (Files.isRegularFile(SCRIPT_FROM_ROOT)) {
      return SCRIPT_FROM_ROOT;
    }
    if (Files.isRegularFile(SCRIPT_FROM_MODULE)) {
      return SCRIPT_FROM_MODULE;
    }
    throw new IllegalArgumentException(
        "no "
            + SCRIPT_FROM_ROOT
            + " here: run from the repository root or give --kafka-script PATH");
  }
}
