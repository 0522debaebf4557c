package io.switchboard.benchmarks.kafka;

import static io.switchboard.benchmarks.load.OptionPairs.requireRange;

import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.benchmarks.load.OptionPairs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one run of {@link KafkaProduceLoad} does, parsed from {@code --name value} pairs, each at
 * most once, and the flag {@value #FLUSH_EVERY_MESSAGE}; see {@link #USAGE}. Immutable.
 *
 * @param bootstrap the cluster's bootstrap servers, {@code host:port} separated by commas
 * @param producers concurrent producers, each a closed loop, 1 to {@value #MAX_PRODUCERS}
 * @param clients {@code KafkaProducer} instances the producers are spread over evenly, 1 to {@code
 *     producers}; {@code producers} gives each producer its own client, as independent applications
 *     would have
 * @param inFlight sends each producer keeps outstanding, 1 to {@value #MAX_IN_FLIGHT}
 * @param messageBytes length of every record's value, 1 to {@value #MAX_MESSAGE_BYTES}
 * @param keys whether records carry a random key, which spreads them over the partitions by hash
 * @param duration measured time, positive, at most {@link #MAX_DURATION}
 * @param warmup unmeasured time before it, at most {@link #MAX_DURATION}
 * @param topic the topic written to; created when missing
 * @param partitions the topic's partitions, 1 to {@value #MAX_PARTITIONS}
 * @param lingerMs the producers' {@code linger.ms}, 0 to {@value #MAX_LINGER_MS}
 * @param flushEveryMessage whether the topic has {@code flush.messages=1}: every append is fsynced
 *     before it is acknowledged, as the Switchboard log does, instead of Kafka's default of leaving
 *     the flush to the operating system and relying on replication
 */
public record KafkaLoadOptions(
    String bootstrap,
    int producers,
    int clients,
    int inFlight,
    int messageBytes,
    Keys keys,
    Duration duration,
    Duration warmup,
    String topic,
    int partitions,
    int lingerMs,
    boolean flushEveryMessage) {

  /** How records are keyed. */
  public enum Keys {
    /**
     * An 8-byte key drawn at random for every send, like the recipient user id of the messaging
     * benchmark's sends: records spread over all partitions by the key's hash.
     */
    RANDOM,
    /** No key: Kafka's sticky partitioner fills one partition's batch at a time. */
    NONE
  }

  public static final int MAX_PRODUCERS = 4_096;
  public static final int MAX_IN_FLIGHT = 1_024;
  public static final int MAX_MESSAGE_BYTES = 1_000_000;
  public static final int MAX_PARTITIONS = 1_000;
  public static final int MAX_LINGER_MS = 60_000;
  public static final Duration MAX_DURATION = Duration.ofHours(1);

  /** The brokers {@code kafka-cluster.sh start} runs by default. */
  public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094";

  public static final int DEFAULT_PRODUCERS = 64;
  public static final int DEFAULT_IN_FLIGHT = 1;

  /** The messaging load generator's default text length ({@code --text-bytes}). */
  public static final int DEFAULT_MESSAGE_BYTES = 100;

  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(20);
  public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(10);
  public static final String DEFAULT_TOPIC = "switchboard-load";
  public static final int DEFAULT_PARTITIONS = 12;

  /** The flag that turns on {@code flush.messages=1}; it takes no value. */
  public static final String FLUSH_EVERY_MESSAGE = "--kafka-flush-every-message";

  public static final String HELP = "--help";

  public static final String USAGE =
      """
      Usage: java -cp benchmarks.jar io.switchboard.benchmarks.kafka.KafkaProduceLoad [options]
        --bootstrap LIST       the Kafka cluster, host:port,... (default: %s,
                               the cluster of benchmarks/kafka/kafka-cluster.sh start)
        --producers N          concurrent producers, each a closed loop, 1 to %d (default: %d)
        --clients C            KafkaProducer instances the producers are spread over, 1 to N
                               (default: N, one per producer, as separate applications)
        --in-flight K          sends each producer keeps outstanding, 1 to %d (default: %d)
        --message-bytes B      record value length, 1 to %d (default: %d, the messaging load's
                               --text-bytes)
        --keys random|none     random: an 8-byte random key per record (like a recipient id),
                               spread over the partitions by hash; none: no key, sticky
                               partitioner (default: random)
        --duration D           measured time, e.g. 20s, 500ms, 2m (default: %ds)
        --warmup D             unmeasured time before it, may be 0s (default: %ds)
        --topic NAME           created if missing with replication factor 3 and
                               min.insync.replicas=2 (default: %s)
        --partitions P         partitions of a topic it creates, 1 to %d (default: %d)
        --linger-ms MS         the producers' linger.ms, 0 to %d (default: 0)
        %s
                               set flush.messages=1 on the topic: fsync every append before
                               acknowledging it (default: Kafka's own, no fsync per message)
        --help                 print this message
      Producers send with acks=all and enable.idempotence=true.
      """
          .formatted(
              DEFAULT_BOOTSTRAP,
              MAX_PRODUCERS,
              DEFAULT_PRODUCERS,
              MAX_IN_FLIGHT,
              DEFAULT_IN_FLIGHT,
              MAX_MESSAGE_BYTES,
              DEFAULT_MESSAGE_BYTES,
              DEFAULT_DURATION.toSeconds(),
              DEFAULT_WARMUP.toSeconds(),
              DEFAULT_TOPIC,
              MAX_PARTITIONS,
              DEFAULT_PARTITIONS,
              MAX_LINGER_MS,
              FLUSH_EVERY_MESSAGE);

  private static final List<String> OPTIONS =
      List.of(
          "--bootstrap",
          "--producers",
          "--clients",
          "--in-flight",
          "--message-bytes",
          "--keys",
          "--duration",
          "--warmup",
          "--topic",
          "--partitions",
          "--linger-ms");

  /** Kafka's rule for topic names. */
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  /**
   * @throws IllegalArgumentException naming the option when a value is out of bounds
   */
  public KafkaLoadOptions {
    bootstrap = bootstrap(bootstrap);
    requireRange("--producers", producers, 1, MAX_PRODUCERS);
    requireRange("--clients", clients, 1, producers);
    requireRange("--in-flight", inFlight, 1, MAX_IN_FLIGHT);
    requireRange("--message-bytes", messageBytes, 1, MAX_MESSAGE_BYTES);
    if (keys == null) {
      throw new IllegalArgumentException("--keys must be random or none");
    }
    if (duration.isZero() || duration.isNegative() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "--duration must be positive and at most " + MAX_DURATION.toMinutes() + "m");
    }
    if (warmup.isNegative() || warmup.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "--warmup must be at most " + MAX_DURATION.toMinutes() + "m");
    }
    if (topic == null || !TOPIC_NAME.matcher(topic).matches() || topic.matches("\\.{1,2}")) {
      throw new IllegalArgumentException(
          "--topic must be 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-' (and not . or ..): " + topic);
    }
    requireRange("--partitions", partitions, 1, MAX_PARTITIONS);
    requireRange("--linger-ms", lingerMs, 0, MAX_LINGER_MS);
  }

  /** The defaults, against {@code bootstrap}, for {@code producers} with {@code inFlight} each. */
  public static KafkaLoadOptions defaults(String bootstrap, int producers, int inFlight) {
    return new KafkaLoadOptions(
        bootstrap,
        producers,
        producers,
        inFlight,
        DEFAULT_MESSAGE_BYTES,
        Keys.RANDOM,
        DEFAULT_DURATION,
        DEFAULT_WARMUP,
        DEFAULT_TOPIC,
        DEFAULT_PARTITIONS,
        0,
        false);
  }

  /**
   * @throws IllegalArgumentException with a message for the user when an option is unknown,
   *     repeated or missing its value, or a value is invalid or out of bounds
   */
  public static KafkaLoadOptions parse(String... args) {
    List<String> pairs = new ArrayList<>(List.of(args));
    boolean flush = pairs.remove(FLUSH_EVERY_MESSAGE);
    if (pairs.contains(FLUSH_EVERY_MESSAGE)) {
      throw new IllegalArgumentException(FLUSH_EVERY_MESSAGE + " given more than once");
    }
    OptionPairs values = OptionPairs.parse(OPTIONS, pairs.toArray(String[]::new));
    int producers = values.integer("--producers", DEFAULT_PRODUCERS);
    return new KafkaLoadOptions(
        values.text("--bootstrap", DEFAULT_BOOTSTRAP),
        producers,
        values.integer("--clients", producers),
        values.integer("--in-flight", DEFAULT_IN_FLIGHT),
        values.integer("--message-bytes", DEFAULT_MESSAGE_BYTES),
        keys(values.text("--keys", "random")),
        values.duration("--duration", DEFAULT_DURATION),
        values.duration("--warmup", DEFAULT_WARMUP),
        values.text("--topic", DEFAULT_TOPIC),
        values.integer("--partitions", DEFAULT_PARTITIONS),
        values.integer("--linger-ms", 0),
        flush);
  }

  /** The same options with another measured duration and warm-up. */
  public KafkaLoadOptions withTimes(Duration newDuration, Duration newWarmup) {
    return new KafkaLoadOptions(
        bootstrap,
        producers,
        clients,
        inFlight,
        messageBytes,
        keys,
        newDuration,
        newWarmup,
        topic,
        partitions,
        lingerMs,
        flushEveryMessage);
  }

  /** The same options with or without {@code flush.messages=1}. */
  public KafkaLoadOptions withFlushEveryMessage(boolean flush) {
    return new KafkaLoadOptions(
        bootstrap,
        producers,
        clients,
        inFlight,
        messageBytes,
        keys,
        duration,
        warmup,
        topic,
        partitions,
        lingerMs,
        flush);
  }

  private static Keys keys(String text) {
    return switch (text) {
      case "random" -> Keys.RANDOM;
      case "none" -> Keys.NONE;
      default -> throw new IllegalArgumentException("--keys must be random or none: " + text);
    };
  }

  /** Checks every {@code host:port} of the list and returns it without blanks. */
  private static String bootstrap(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("--bootstrap must name at least one host:port");
    }
    List<String> addresses = new ArrayList<>();
    for (String address : text.split(",", -1)) {
      try {
        addresses.add(GatewayAddress.parse(address.trim()).toString());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--bootstrap: " + e.getMessage(), e);
      }
    }
    return String.join(",", addresses);
  }
}
