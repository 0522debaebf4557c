package io.switchboard.benchmarks.kafka;

/**
 * The benchmark's topic as the cluster showed it before a run.
 *
 * @param name the topic
 * @param partitions its partitions
 * @param replicationFactor replicas of each partition
 * @param brokers brokers in the cluster
 * @param minInsyncReplicas the topic's {@code min.insync.replicas}
 * @param flushMessages the topic's {@code flush.messages}: 1 fsyncs every append before it is
 *     acknowledged; Kafka's default ({@link Long#MAX_VALUE}) leaves the flush to the operating
 *     system and relies on replication
 */
public record TopicSettings(
    String name,
    int partitions,
    int replicationFactor,
    int brokers,
    int minInsyncReplicas,
    long flushMessages) {

  /** {@code flush.messages}, described. */
  public String describeFlush() {
    return flushMessages == 1
        ? "flush.messages=1 (fsync before each acknowledgement)"
        : flushMessages == Long.MAX_VALUE
            ? "flush.messages default (no fsync per message, replication only)"
            : "flush.messages=" + flushMessages;
  }
}
