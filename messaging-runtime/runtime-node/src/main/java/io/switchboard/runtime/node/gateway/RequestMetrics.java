package io.switchboard.runtime.node.gateway;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.ServerFrame;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The Prometheus instruments of a gateway's answered requests, kept as instruments (not callbacks)
 * because a histogram cannot be read from plain counters:
 *
 * <ul>
 *   <li>{@value #REQUESTS}{@code {type, outcome}}: requests answered, by type (the request's body
 *       field, such as {@code send_message}) and outcome ({@code ok}, or the code of the error that
 *       answered it);
 *   <li>{@value #DURATIONS}{@code {type}}: a classic histogram of the time from decoding a request
 *       to writing its answer, with {@link #DURATION_BUCKETS_SECONDS}.
 * </ul>
 *
 * <p>The series of every type with outcome {@code ok} exist from the start, so that rates never
 * miss a series; an error outcome appears with its first occurrence. Labels are resolved once per
 * type and outcome, so recording an answer allocates nothing.
 *
 * <p>Thread-safe.
 */
final class RequestMetrics {

  static final String REQUESTS = "switchboard_gateway_requests_total";
  static final String DURATIONS = "switchboard_gateway_request_duration_seconds";

  /**
   * Upper bounds from half a millisecond (an answer from this node's own store) to 5 s (when a call
   * to a peer times out).
   */
  static final double[] DURATION_BUCKETS_SECONDS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };

  private static final String OK = "ok";
  private static final ErrorCode[] CODES = ErrorCode.values();

  private final Counter requests;
  private final Histogram durations;
  private final Map<ClientFrame.BodyCase, TypeInstruments> byType =
      new EnumMap<>(ClientFrame.BodyCase.class);

  /**
   * @param constLabels labels every series carries: the node's
   */
  RequestMetrics(Labels constLabels) {
    requests =
        Counter.builder()
            .name(REQUESTS)
            .help("Client requests answered, by type and outcome (ok or the error code).")
            .constLabels(constLabels)
            .labelNames("type", "outcome")
            .withoutExemplars()
            .build();
    durations =
        Histogram.builder()
            .name(DURATIONS)
            .help("Time from decoding a client request to writing its answer, by type.")
            .constLabels(constLabels)
            .labelNames("type")
            .classicOnly()
            .classicUpperBounds(DURATION_BUCKETS_SECONDS)
            .withoutExemplars()
            .build();
    for (ClientFrame.BodyCase type : ClientFrame.BodyCase.values()) {
      if (type != ClientFrame.BodyCase.BODY_NOT_SET) {
        byType.put(type, new TypeInstruments(type.name().toLowerCase(Locale.ROOT)));
      }
    }
  }

  /** Counts {@code answer} to a request of {@code type} and observes its duration. */
  void record(ClientFrame.BodyCase type, ServerFrame answer, long durationNanos) {
    TypeInstruments instruments = byType.get(type);
    CounterDataPoint outcome =
        answer.hasError() ? instruments.error(answer.getError().getCode()) : instruments.ok;
    outcome.inc();
    instruments.duration.observe(Unit.nanosToSeconds(durationNanos));
  }

  /** Adds both instruments to {@code registry}. */
  void registerIn(PrometheusRegistry registry) {
    registry.register(requests);
    registry.register(durations);
  }

  /** The resolved series of one request type. */
  private final class TypeInstruments {

    private final String type;
    private final CounterDataPoint ok;
    private final DistributionDataPoint duration;
    private final AtomicReferenceArray<CounterDataPoint> errors =
        new AtomicReferenceArray<>(CODES.length);

    TypeInstruments(String type) {
      this.type = type;
      this.ok = requests.labelValues(type, OK);
      this.duration = durations.labelValues(type);
    }

    /** The series of {@code code}, resolved on first use (a race resolves the same series). */
    CounterDataPoint error(ErrorCode code) {
      CounterDataPoint series = errors.get(code.ordinal());
      if (series == null) {
        series = requests.labelValues(type, code.name());
        errors.set(code.ordinal(), series);
      }
      return series;
    }
  }
}
