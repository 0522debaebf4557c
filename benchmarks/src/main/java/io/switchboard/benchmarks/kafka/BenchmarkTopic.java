package io.switchboard.benchmarks.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes the benchmark's topic ready: replication factor {@value #REPLICATION_FACTOR}, {@code
 * min.insync.replicas} {@value #MIN_INSYNC_REPLICAS}, and {@code flush.messages=1} or Kafka's
 * default, with every partition led and fully in sync before the load starts.
 *
 * <p>A missing topic is created with the requested partitions. An existing one is reused if it has
 * replication factor {@value #REPLICATION_FACTOR} (its partition count is kept and reported); its
 * two configs are set to the requested values and read back until the cluster shows them.
 */
final class BenchmarkTopic {

  static final short REPLICATION_FACTOR = 3;
  static final int MIN_INSYNC_REPLICAS = 2;

  /** How long the cluster may take to answer the first request. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  /** How long the cluster may take to answer, create the topic or apply its configs. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private static final long POLL_MILLIS = 100;

  private BenchmarkTopic() {}

  /**
   * Creates or reconfigures the topic of {@code options} and waits until it is ready.
   *
   * @throws IllegalStateException when no broker answers within {@link #CONNECT_TIMEOUT}, an
   *     existing topic has another replication factor, or the cluster has fewer than {@value
   *     #REPLICATION_FACTOR} brokers
   * @throws TimeoutException when the cluster does not answer or get ready within {@link
   *     #READY_TIMEOUT}
   */
  static TopicSettings prepare(KafkaLoadOptions options)
      throws ExecutionException, InterruptedException, TimeoutException {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "switchboard-load-admin");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Admin admin = Admin.create(config);
    try {
      int brokers;
      try {
        brokers =
            admin
                .describeCluster()
                .nodes()
                .get(CONNECT_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)
                .size();
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "no broker at "
                + options.bootstrap()
                + " answered within "
                + CONNECT_TIMEOUT.toSeconds()
                + " s: is the cluster running? (benchmarks/kafka/kafka-cluster.sh start)",
            e);
      }
      if (brokers < REPLICATION_FACTOR) {
        throw new IllegalStateException(
            "the cluster at "
                + options.bootstrap()
                + " has "
                + brokers
                + " broker(s); replication factor "
                + REPLICATION_FACTOR
                + " needs "
                + REPLICATION_FACTOR);
      }
      String topic = options.topic();
      String flush = options.flushEveryMessage() ? "1" : null;
      if (!create(admin, options, flush, deadline)) {
        reconfigure(admin, topic, flush, deadline);
      }
      TopicDescription description = awaitInSync(admin, topic, deadline);
      Config applied = awaitConfig(admin, topic, flush, deadline);
      return new TopicSettings(
          topic,
          description.partitions().size(),
          description.partitions().get(0).replicas().size(),
          brokers,
          Integer.parseInt(applied.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()),
          Long.parseLong(applied.get(TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG).value()));
    } finally {
      // Not the default close, which waits for abandoned calls up to their own timeout.
      admin.close(Duration.ofSeconds(5));
    }
  }

  /**
   * @return false when the topic already exists
   */
  private static boolean create(Admin admin, KafkaLoadOptions options, String flush, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    NewTopic topic = new NewTopic(options.topic(), options.partitions(), REPLICATION_FACTOR);
    topic.configs(
        flush == null
            ? Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(MIN_INSYNC_REPLICAS))
            : Map.of(
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                String.valueOf(MIN_INSYNC_REPLICAS),
                TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG,
                flush));
    try {
      admin.createTopics(List.of(topic)).all().get(remaining(deadline), TimeUnit.NANOSECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw e;
    }
  }

  private static void reconfigure(Admin admin, String topic, String flush, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    TopicDescription description = describe(admin, topic, deadline);
    int replicas = description.partitions().get(0).replicas().size();
    if (replicas != REPLICATION_FACTOR) {
      throw new IllegalStateException(
          "topic "
              + topic
              + " exists with replication factor "
              + replicas
              + "; the benchmark needs "
              + REPLICATION_FACTOR
              + ": choose another --topic");
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Collection<AlterConfigOp> changes =
        List.of(
            new AlterConfigOp(
                new ConfigEntry(
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(MIN_INSYNC_REPLICAS)),
                AlterConfigOp.OpType.SET),
            flush == null
                ? new AlterConfigOp(
                    new ConfigEntry(TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG, ""),
                    AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(
                    new ConfigEntry(TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG, flush),
                    AlterConfigOp.OpType.SET));
    admin
        .incrementalAlterConfigs(Map.of(resource, changes))
        .all()
        .get(remaining(deadline), TimeUnit.NANOSECONDS);
  }

  /** Waits until every partition has a leader and all its replicas in sync. */
  private static TopicDescription awaitInSync(Admin admin, String topic, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (true) {
      try {
        TopicDescription description = describe(admin, topic, deadline);
        boolean ready = !description.partitions().isEmpty();
        for (TopicPartitionInfo partition : description.partitions()) {
          ready &=
              partition.leader() != null
                  && !partition.leader().isEmpty()
                  && partition.isr().size() == partition.replicas().size();
        }
        if (ready) {
          return description;
        }
      } catch (ExecutionException e) {
        // Just created: brokers may not know the topic yet (UnknownTopicOrPartition); retry.
        if (remaining(deadline) <= 0) {
          throw e;
        }
      }
      pause(deadline, "topic " + topic + " to have every partition led and in sync");
    }
  }

  /** Reads the topic's config until it shows {@code flush} and {@code min.insync.replicas}. */
  private static Config awaitConfig(Admin admin, String topic, String flush, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    String expectedFlush = flush == null ? String.valueOf(Long.MAX_VALUE) : flush;
    while (true) {
      Config config =
          admin
              .describeConfigs(List.of(resource))
              .all()
              .get(remaining(deadline), TimeUnit.NANOSECONDS)
              .get(resource);
      ConfigEntry flushEntry = config.get(TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG);
      ConfigEntry minIsr = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
      if (flushEntry != null
          && expectedFlush.equals(flushEntry.value())
          && minIsr != null
          && String.valueOf(MIN_INSYNC_REPLICAS).equals(minIsr.value())) {
        return config;
      }
      pause(deadline, "topic " + topic + " to show flush.messages=" + expectedFlush);
    }
  }

  private static TopicDescription describe(Admin admin, String topic, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get(remaining(deadline), TimeUnit.NANOSECONDS)
        .get(topic);
  }

  private static void pause(long deadline, String awaited)
      throws InterruptedException, TimeoutException {
    if (remaining(deadline) <= 0) {
      throw new TimeoutException("waited " + READY_TIMEOUT.toSeconds() + " s for " + awaited);
    }
    Thread.sleep(POLL_MILLIS);
  }

  private static long remaining(long deadline) {
    return deadline - System.nanoTime();
  }
}
