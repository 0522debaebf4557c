package io.switchboard.benchmarks.kafka;

import io.switchboard.benchmarks.load.LoadSchedule;
import io.switchboard.benchmarks.load.ProgressMeter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Load generator for Apache Kafka, the peer system of the replication benchmark: N producers send
 * records of a fixed size with {@code acks=all} and idempotence to a topic with replication factor
 * 3 and {@code min.insync.replicas=2}, each keeping K sends outstanding (a closed loop). It prints
 * acknowledged sends per second and latency percentiles (HdrHistogram), in the format of the
 * messaging load generator.
 *
 * <pre>
 * benchmarks/kafka/kafka-cluster.sh start
 * java -cp benchmarks/target/benchmarks.jar io.switchboard.benchmarks.kafka.KafkaProduceLoad \
 *     --producers 64 --duration 20s [--in-flight 1] [--kafka-flush-every-message] ...
 * benchmarks/kafka/kafka-cluster.sh stop
 * </pre>
 *
 * <p>Algorithm of {@link #run(KafkaLoadOptions, PrintStream)}:
 *
 * <ol>
 *   <li>Make the topic ready ({@link BenchmarkTopic}): created or reconfigured, every partition led
 *       and fully in sync, its configs read back for the report.
 *   <li>Create {@code clients} {@code KafkaProducer}s ({@code acks=all}, {@code
 *       enable.idempotence=true}, {@code linger.ms}, otherwise Kafka's defaults) and fetch the
 *       topic's metadata with each, so no send waits for it.
 *   <li>Fix the schedule: warm-up, then the measured duration; no send starts once it is over.
 *   <li>Each producer starts {@code inFlight} sends and starts the next one from the callback of
 *       each acknowledged one. A send's latency runs from just before {@code send()} to its
 *       callback, on the monotonic clock. A failed send is counted by exception class and ends its
 *       in-flight slot (with idempotence and retries, Kafka reports only failures it gave up on).
 *   <li>A send started after the warm-up and acknowledged is recorded in its producer's histogram
 *       (three significant digits) and counted.
 *   <li>A progress line each second; when every producer has its last answer, merge the counts and
 *       histograms. Sends still unanswered {@link #drainTimeout} after the end fail the run.
 * </ol>
 *
 * <p>Exit status of {@link #main}: 0 on success, 1 for invalid arguments (the usage goes to
 * stderr), 2 when the cluster cannot be reached, the topic cannot be made ready or the run fails.
 */
public final class KafkaProduceLoad {

  static final int EXIT_OK = 0;
  static final int EXIT_USAGE = 1;
  static final int EXIT_FAILED = 2;

  private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int REQUEST_TIMEOUT_MS = 20_000;
  private static final int DELIVERY_TIMEOUT_MS = 30_000;
  private static final int MAX_BLOCK_MS = 10_000;

  private KafkaProduceLoad() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Parses {@code args}, runs the load and prints its report on {@code out}.
   *
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains(KafkaLoadOptions.HELP)) {
      out.print(KafkaLoadOptions.USAGE);
      return EXIT_OK;
    }
    KafkaLoadOptions options;
    try {
      options = KafkaLoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(KafkaLoadOptions.USAGE);
      return EXIT_USAGE;
    }
    out.printf(
        "kafka produce load, %s: %d cores, max heap %d MiB, load average %s%n",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        loadAverage());
    try {
      KafkaProduceResult result = run(options, out);
      out.print(result.report());
      out.printf("load average after the run: %s%n", loadAverage());
      return EXIT_OK;
    } catch (IOException | RuntimeException e) {
      err.println("error: " + e.getMessage());
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return EXIT_FAILED;
    }
  }

  /**
   * Runs the steps of the class comment against the cluster of {@code options}, printing progress
   * on {@code progress}. Callable by other benchmarks in the same JVM.
   *
   * @throws IOException when the cluster cannot be reached, the topic cannot be made ready, a
   *     producer cannot be created or sends stay unanswered
   */
  public static KafkaProduceResult run(KafkaLoadOptions options, PrintStream progress)
      throws IOException, InterruptedException {
    TopicSettings topic;
    try {
      topic = BenchmarkTopic.prepare(options);
    } catch (ExecutionException | TimeoutException | KafkaException | IllegalStateException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new IOException(
          "cannot make topic "
              + options.topic()
              + " ready at "
              + options.bootstrap()
              + ": "
              + (cause instanceof IllegalStateException ? cause.getMessage() : cause.toString()),
          cause);
    }
    progress.printf(
        "topic %s: %d partitions, replication factor %d, min.insync.replicas=%d, %s%n",
        topic.name(),
        topic.partitions(),
        topic.replicationFactor(),
        topic.minInsyncReplicas(),
        topic.describeFlush());
    List<KafkaProducer<byte[], byte[]>> clients = new ArrayList<>(options.clients());
    try {
      for (int i = 0; i < options.clients(); i++) {
        KafkaProducer<byte[], byte[]> client = new KafkaProducer<>(producerConfig(options, i));
        clients.add(client);
        client.partitionsFor(options.topic());
      }
      return drive(options, topic, clients, progress);
    } catch (KafkaException e) {
      throw new IOException("producer failed: " + e, e);
    } finally {
      for (KafkaProducer<byte[], byte[]> client : clients) {
        client.close(Duration.ofSeconds(5));
      }
    }
  }

  /** The configuration of producer client {@code index}. */
  static Properties producerConfig(KafkaLoadOptions options, int index) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-load-" + index);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, options.lingerMs());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    // Bounds for a benchmark run; none of them changes how fast sends go.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs(options));
    return config;
  }

  /** How long after the end of the schedule the last answers may take. */
  static Duration drainTimeout(KafkaLoadOptions options) {
    return Duration.ofMillis(deliveryTimeoutMs(options)).plusSeconds(10);
  }

  private static int deliveryTimeoutMs(KafkaLoadOptions options) {
    return DELIVERY_TIMEOUT_MS + options.lingerMs();
  }

  private static KafkaProduceResult drive(
      KafkaLoadOptions options,
      TopicSettings topic,
      List<KafkaProducer<byte[], byte[]>> clients,
      PrintStream progress)
      throws IOException, InterruptedException {
    Shared shared = new Shared(new CountDownLatch(options.producers()));
    byte[] value = "x".repeat(options.messageBytes()).getBytes(StandardCharsets.US_ASCII);
    LoadSchedule schedule = LoadSchedule.startingNow(options.warmup(), options.duration());
    List<ProducerLoop> loops = new ArrayList<>(options.producers());
    for (int i = 0; i < options.producers(); i++) {
      loops.add(
          new ProducerLoop(
              clients.get(i % clients.size()),
              options.topic(),
              value,
              options.keys() == KafkaLoadOptions.Keys.RANDOM,
              schedule,
              shared));
    }
    for (ProducerLoop loop : loops) {
      loop.start(options.inFlight());
    }
    supervise(options, schedule, shared, progress);
    Histogram latencyNanos = new Histogram(3);
    long acknowledged = 0;
    long lastAck = schedule.endNanos();
    Map<String, Long> failures = new TreeMap<>();
    for (ProducerLoop loop : loops) {
      synchronized (loop) {
        latencyNanos.add(loop.latencyNanos);
        acknowledged += loop.measuredAcks;
        if (loop.measuredAcks > 0 && loop.lastMeasuredAckNanos - lastAck > 0) {
          lastAck = loop.lastMeasuredAckNanos;
        }
        loop.failures.forEach((type, count) -> failures.merge(type, count, Long::sum));
      }
    }
    return new KafkaProduceResult(
        options,
        topic,
        Duration.ofNanos(lastAck - schedule.measureFromNanos()),
        acknowledged,
        failures,
        latencyNanos);
  }

  /** Prints progress each second until every producer has finished. */
  private static void supervise(
      KafkaLoadOptions options, LoadSchedule schedule, Shared shared, PrintStream progress)
      throws IOException, InterruptedException {
    ProgressMeter meter = new ProgressMeter(schedule, shared.acknowledged, progress, "sends");
    long nextReport = schedule.startNanos() + PROGRESS_INTERVAL_NANOS;
    long giveUp = schedule.endNanos() + drainTimeout(options).toNanos();
    while (!shared.finished.await(
        Math.max(0, nextReport - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      long now = System.nanoTime();
      if (now - nextReport >= 0) {
        meter.report(now);
        nextReport += PROGRESS_INTERVAL_NANOS;
      }
      if (now - giveUp > 0) {
        throw new IOException(
            shared.finished.getCount()
                + " producers still had sends unanswered "
                + drainTimeout(options).toSeconds()
                + " s after the end");
      }
    }
  }

  /** The first three fields of {@code /proc/loadavg}, or {@code unknown}. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", Arrays.copyOf(fields, Math.min(3, fields.length)));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** What every producer of a run shares. */
  private static final class Shared {

    /** Acknowledged sends so far, warm-up included, for the progress lines. */
    final LongAdder acknowledged = new LongAdder();

    /** Counted down by each producer when its last send is answered. */
    final CountDownLatch finished;

    Shared(CountDownLatch finished) {
      this.finished = finished;
    }
  }

  /**
   * One producer's closed loop. Callbacks run on the client's I/O thread (or the sending thread
   * when {@code send()} fails at once), so the counters are guarded by the loop's monitor, which is
   * never held while calling {@code send()}.
   */
  private static final class ProducerLoop {

    final Histogram latencyNanos = new Histogram(3);
    final Map<String, Long> failures = new TreeMap<>();
    long measuredAcks;
    long lastMeasuredAckNanos;

    private final KafkaProducer<byte[], byte[]> client;
    private final String topic;
    private final byte[] value;
    private final boolean keyed;
    private final LoadSchedule schedule;
    private final Shared shared;
    private int outstanding;

    ProducerLoop(
        KafkaProducer<byte[], byte[]> client,
        String topic,
        byte[] value,
        boolean keyed,
        LoadSchedule schedule,
        Shared shared) {
      this.client = client;
      this.topic = topic;
      this.value = value;
      this.keyed = keyed;
      this.schedule = schedule;
      this.shared = shared;
    }

    void start(int inFlight) {
      synchronized (this) {
        outstanding = inFlight;
      }
      for (int i = 0; i < inFlight; i++) {
        send();
      }
    }

    private void send() {
      byte[] key = keyed ? randomKey() : null;
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
      long startNanos = System.nanoTime();
      try {
        client.send(record, (metadata, failure) -> completed(startNanos, failure));
      } catch (RuntimeException e) {
        completed(startNanos, e);
      }
    }

    private void completed(long startNanos, Exception failure) {
      long now = System.nanoTime();
      boolean sendNext;
      synchronized (this) {
        if (failure == null) {
          shared.acknowledged.increment();
          if (schedule.isMeasured(startNanos)) {
            latencyNanos.recordValue(Math.max(0, now - startNanos));
            measuredAcks++;
            lastMeasuredAckNanos = now;
          }
        } else {
          failures.merge(failure.getClass().getSimpleName(), 1L, Long::sum);
        }
        sendNext = failure == null && !schedule.isOver(now);
        if (!sendNext && --outstanding == 0) {
          shared.finished.countDown();
        }
      }
      if (sendNext) {
        send();
      }
    }

    private static byte[] randomKey() {
      long id = ThreadLocalRandom.current().nextLong();
      byte[] key = new byte[Long.BYTES];
      for (int i = 0; i < key.length; i++) {
        key[i] = (byte) (id >>> (8 * i));
      }
      return key;
    }
  }
}
