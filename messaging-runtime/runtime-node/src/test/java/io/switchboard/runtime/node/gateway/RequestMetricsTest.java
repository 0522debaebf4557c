package io.switchboard.runtime.node.gateway;

import static io.switchboard.runtime.node.gateway.Frames.handshake;
import static io.switchboard.runtime.node.gateway.Frames.ping;
import static io.switchboard.runtime.node.gateway.Frames.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBucket;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.GatewaySession;
import io.switchboard.runtime.protocol.InMemoryMessaging;
import io.switchboard.runtime.protocol.OperationDispatcher;
import io.switchboard.runtime.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request counter and duration histogram, as the session handler records them. */
class RequestMetricsTest {

  private static final Labels NODE = Labels.of("node_id", "as-1", "dc", "asia");

  private final GatewayTraffic traffic = new GatewayTraffic(NODE);
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new GatewaySessionHandler(
              new GatewaySession(new GatewayParameters("as-1", "asia", 512, 20)),
              Duration.ofSeconds(10),
              traffic,
              new OperationDispatcher(new InMemoryMessaging(), (operation, failure) -> {}),
              new SessionRegistry(),
              GatewaySessionHandler.MAX_OPERATIONS_IN_FLIGHT));

  @BeforeEach
  void registerTheMetrics() {
    channel.freezeTime();
    traffic.registerRequestMetrics(registry);
  }

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void countsEveryAnsweredRequestByTypeAndOutcome() {
    // The ping arrives while the registration is carried out: it is held back, then answered.
    channel.writeInbound(
        handshake(1), register(2, "Ada"), ping(3, 7), handshake(4), register(5, "Bob"));

    assertThat(answers()).hasSize(5);
    assertThat(requestCounts())
        .containsEntry("handshake/ok", 1.0)
        .containsEntry("handshake/ALREADY_HANDSHAKEN", 1.0)
        .containsEntry("register/ok", 1.0)
        .containsEntry("register/ALREADY_AUTHENTICATED", 1.0)
        .containsEntry("ping/ok", 1.0)
        .containsEntry("send_message/ok", 0.0)
        .containsEntry("get_difference/ok", 0.0)
        .doesNotContainKey("send_message/UNAVAILABLE")
        .doesNotContainKey("body_not_set/ok");
    assertThat(durationCounts())
        .containsEntry("handshake", 2L)
        .containsEntry("register", 2L)
        .containsEntry("ping", 1L)
        .containsEntry("get_history", 0L);
  }

  @Test
  void countsTheFatalErrorThatAnswersARequestBeforeTheHandshake() {
    channel.writeInbound(ping(1, 7));

    assertThat(answers())
        .singleElement()
        .satisfies(
            error ->
                assertThat(error.getError().getCode()).isEqualTo(ErrorCode.HANDSHAKE_REQUIRED));
    assertThat(requestCounts()).containsEntry("ping/HANDSHAKE_REQUIRED", 1.0);
    assertThat(durationCounts()).containsEntry("ping", 1L);
  }

  @Test
  void observesDurationsInClassicBucketsFromHalfAMillisecondToFiveSeconds() {
    channel.writeInbound(handshake(1));

    HistogramSnapshot.HistogramDataPointSnapshot handshakes =
        histogram().getDataPoints().stream()
            .filter(point -> point.getLabels().get("type").equals("handshake"))
            .findFirst()
            .orElseThrow();
    List<Double> upperBounds = new ArrayList<>();
    for (ClassicHistogramBucket bucket : handshakes.getClassicBuckets()) {
      upperBounds.add(bucket.getUpperBound());
    }
    assertThat(upperBounds)
        .startsWith(0.0005, 0.001)
        .endsWith(2.5, 5.0, Double.POSITIVE_INFINITY)
        .hasSize(RequestMetrics.DURATION_BUCKETS_SECONDS.length + 1);
    assertThat(handshakes.getCount()).isEqualTo(1);
    assertThat(handshakes.getSum()).isGreaterThanOrEqualTo(0);
    assertThat(handshakes.hasNativeHistogramData()).isFalse();
  }

  @Test
  void everySeriesCarriesTheNodeLabels() {
    channel.writeInbound(handshake(1));

    assertThat(counter().getDataPoints())
        .isNotEmpty()
        .allSatisfy(point -> assertThat(point.getLabels().get("node_id")).isEqualTo("as-1"));
    assertThat(histogram().getDataPoints())
        .isNotEmpty()
        .allSatisfy(point -> assertThat(point.getLabels().get("dc")).isEqualTo("asia"));
  }

  private List<ServerFrame> answers() {
    List<ServerFrame> frames = new ArrayList<>();
    for (ServerFrame frame = channel.readOutbound();
        frame != null;
        frame = channel.readOutbound()) {
      frames.add(frame);
    }
    return frames;
  }

  /** Requests counted, by "type/outcome". */
  private Map<String, Double> requestCounts() {
    Map<String, Double> counts = new HashMap<>();
    for (CounterSnapshot.CounterDataPointSnapshot point : counter().getDataPoints()) {
      Labels labels = point.getLabels();
      counts.put(labels.get("type") + "/" + labels.get("outcome"), point.getValue());
    }
    return counts;
  }

  /** Durations observed, by type. */
  private Map<String, Long> durationCounts() {
    Map<String, Long> counts = new HashMap<>();
    for (HistogramSnapshot.HistogramDataPointSnapshot point : histogram().getDataPoints()) {
      counts.put(point.getLabels().get("type"), point.getCount());
    }
    return counts;
  }

  private CounterSnapshot counter() {
    return (CounterSnapshot) snapshot("switchboard_gateway_requests");
  }

  private HistogramSnapshot histogram() {
    return (HistogramSnapshot) snapshot("switchboard_gateway_request_duration_seconds");
  }

  private MetricSnapshot snapshot(String name) {
    for (MetricSnapshot snapshot : registry.scrape()) {
      if (snapshot.getMetadata().getName().equals(name)) {
        return snapshot;
      }
    }
    throw new AssertionError("no metric " + name);
  }
}
