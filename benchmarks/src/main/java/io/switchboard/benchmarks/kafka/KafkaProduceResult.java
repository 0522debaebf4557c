package io.switchboard.benchmarks.kafka;

import io.switchboard.benchmarks.load.Measurement;
import io.switchboard.benchmarks.load.Report;
import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one run of {@link KafkaProduceLoad} measured. Only sends started after the warm-up count.
 *
 * @param options what the run did
 * @param topic the topic as the cluster showed it before the run
 * @param measured from the end of the warm-up until the last measured send was acknowledged, at
 *     least the configured duration
 * @param acknowledged measured sends acknowledged by the cluster ({@code acks=all}: written by
 *     every in-sync replica, at least {@code min.insync.replicas})
 * @param failures measured and unmeasured sends that failed, by exception class; each failure ends
 *     one of its producer's in-flight slots
 * @param latencyNanos latencies of the acknowledged measured sends, in nanoseconds, from just
 *     before {@code send()} to its callback, on the monotonic clock
 */
public record KafkaProduceResult(
    KafkaLoadOptions options,
    TopicSettings topic,
    Duration measured,
    long acknowledged,
    Map<String, Long> failures,
    Histogram latencyNanos) {

  static final int LABEL_WIDTH = 18;

  public KafkaProduceResult {
    failures = Map.copyOf(failures);
  }

  /** Acknowledged sends per second of the measured time. */
  public double throughputPerSecond() {
    return acknowledged / (measured.toNanos() / 1e9);
  }

  /** Latency at {@code percentile}, in milliseconds. */
  public double latencyMillis(double percentile) {
    return latencyNanos.getValueAtPercentile(percentile) / 1e6;
  }

  /** This run's figures under the name {@code system}, for comparisons with other systems. */
  public Measurement measurement(String system) {
    return new Measurement(system, measured, acknowledged, failed(), latencyNanos);
  }

  public long failed() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The human-readable report, one fact per line, ending with a line break. */
  public String report() {
    KafkaLoadOptions o = options;
    return new Report(LABEL_WIDTH)
        .line("mode", "closed loop, %d in flight per producer", o.inFlight())
        .line(
            "producers",
            "%d on %d KafkaProducer client%s",
            o.producers(),
            o.clients(),
            o.clients() == 1 ? "" : "s")
        .line(
            "message",
            "%d-byte value, %s",
            o.messageBytes(),
            o.keys() == KafkaLoadOptions.Keys.RANDOM ? "random 8-byte key" : "no key")
        .line("producer config", "acks=all, enable.idempotence=true, linger.ms=%d", o.lingerMs())
        .line(
            "topic",
            "%s: %d partitions, replication factor %d on %d brokers",
            topic.name(),
            topic.partitions(),
            topic.replicationFactor(),
            topic.brokers())
        .line(
            "topic config",
            "min.insync.replicas=%d, %s",
            topic.minInsyncReplicas(),
            topic.describeFlush())
        .line("measured", "%.3f s", measured.toNanos() / 1e9)
        .line("acknowledged", "%,d sends", acknowledged)
        .line("failed", "%,d%s", failed(), failures.isEmpty() ? "" : " " + failures)
        .line("throughput", "%,.0f acknowledged sends/s", throughputPerSecond())
        .heading("latency to the acknowledgement (ms):")
        .percentiles(latencyNanos, 1e6, "%.3f")
        .toString();
  }
}
