package io.switchboard.controlplane.dcfailover;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last cross-DC lag sample of every shard, read from its primary's metrics text (Prometheus
 * exposition format, {@code switchboard_replication_lag_records|seconds{shard,replica,scope}}).
 * Thread-safe.
 */
final class CrossDcLags {

  private static final Pattern LAG_LINE =
      Pattern.compile("^switchboard_replication_lag_(records|seconds)\\{([^}]*)\\} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /**
   * One shard's lag as its primary reported it.
   *
   * @param primary the primary that reported it
   * @param replica the asynchronous replica with the smallest lag
   * @param records entries the primary holds that the replica has not acknowledged
   * @param seconds the age of the oldest of them
   * @param sampledAt when it was read
   */
  public record Lag(
      String primary, String replica, long records, double seconds, Instant sampledAt) {}

  private final Map<Integer, Lag> lags = new ConcurrentHashMap<>();

  /** The last sample of {@code shard}; empty if none. */
  Optional<Lag> lag(int shard) {
    return Optional.ofNullable(lags.get(shard));
  }

  /**
   * Takes the cross-DC lag samples of {@code primary}'s metrics text (Prometheus exposition
   * format): per shard, the replica with the fewest records behind.
   */
  void record(String primary, String metrics, Instant at) {
    Map<Integer, Map<String, double[]>> byShard = new HashMap<>();
    metrics
        .lines()
        .forEach(
            line -> {
              Matcher sample = LAG_LINE.matcher(line);
              if (!sample.matches()) {
                return;
              }
              Map<String, String> labels = new HashMap<>();
              Matcher label = LABEL.matcher(sample.group(2));
              while (label.find()) {
                labels.put(label.group(1), label.group(2));
              }
              if (!"cross_dc".equals(labels.get("scope"))
                  || !labels.containsKey("shard")
                  || !labels.containsKey("replica")) {
                return;
              }
              double[] values =
                  byShard
                      .computeIfAbsent(Integer.parseInt(labels.get("shard")), s -> new HashMap<>())
                      .computeIfAbsent(labels.get("replica"), r -> new double[2]);
              values[sample.group(1).equals("records") ? 0 : 1] =
                  Double.parseDouble(sample.group(3));
            });
    byShard.forEach(
        (shard, replicas) ->
            replicas.entrySet().stream()
                .min(Map.Entry.comparingByValue((a, b) -> Double.compare(a[0], b[0])))
                .ifPresent(
                    best ->
                        lags.put(
                            shard,
                            new Lag(
                                primary,
                                best.getKey(),
                                (long) best.getValue()[0],
                                best.getValue()[1],
                                at))));
  }
}
