package io.switchboard.runtime.node.gateway;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.ServerFrame;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Traffic counters of one node's gateway, shared by all its connections. The single source of truth
 * for both the stats endpoint and the Prometheus metrics; the answered requests are counted and
 * timed in Prometheus instruments ({@link RequestMetrics}), which {@link #registerRequestMetrics}
 * adds to a registry.
 *
 * <p>Thread-safe; counters only grow, except {@link #connectionsOpen()}, which equals connections
 * opened minus connections closed.
 */
public final class GatewayTraffic {

  private final LongAdder connectionsOpen = new LongAdder();
  private final LongAdder connectionsAccepted = new LongAdder();
  private final LongAdder framesReceived = new LongAdder();
  private final LongAdder framesSent = new LongAdder();
  private final LongAdder slowConsumerDisconnects = new LongAdder();
  private final LongAdder bytesReceived = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();
  private final Map<ErrorCode, LongAdder> protocolErrors = new EnumMap<>(ErrorCode.class);
  private final RequestMetrics requests;

  /** Counters whose request metrics carry no constant labels. */
  public GatewayTraffic() {
    this(Labels.EMPTY);
  }

  /**
   * @param nodeLabels the constant labels of the request metrics: the node's, which every other
   *     metric of the node carries too
   */
  public GatewayTraffic(Labels nodeLabels) {
    this.requests = new RequestMetrics(nodeLabels);
    for (ErrorCode code : ErrorCode.values()) {
      if (isReportable(code)) {
        protocolErrors.put(code, new LongAdder());
      }
    }
  }

  void connectionOpened() {
    connectionsAccepted.increment();
    connectionsOpen.increment();
  }

  void connectionClosed() {
    connectionsOpen.decrement();
  }

  void frameReceived() {
    framesReceived.increment();
  }

  /** Counts a frame sent to a client, and the protocol error it reports, if any. */
  void frameSent(ServerFrame frame) {
    framesSent.increment();
    if (frame.hasError()) {
      protocolErrors.get(frame.getError().getCode()).increment();
    }
  }

  void slowConsumerDisconnected() {
    slowConsumerDisconnects.increment();
  }

  void bytesReceived(int count) {
    bytesReceived.add(count);
  }

  void bytesSent(int count) {
    bytesSent.add(count);
  }

  /**
   * Counts the answer to a request of {@code type} and its duration, from decoding the request to
   * writing the answer.
   */
  void requestAnswered(ClientFrame.BodyCase type, ServerFrame answer, long durationNanos) {
    requests.record(type, answer, durationNanos);
  }

  /** Adds the request counter and the request duration histogram to {@code registry}. */
  public void registerRequestMetrics(PrometheusRegistry registry) {
    requests.registerIn(registry);
  }

  public long connectionsOpen() {
    return connectionsOpen.sum();
  }

  public long connectionsAccepted() {
    return connectionsAccepted.sum();
  }

  public long framesReceived() {
    return framesReceived.sum();
  }

  public long framesSent() {
    return framesSent.sum();
  }

  /**
   * Connections closed because their client did not read its answers ({@link SlowConsumerGuard}).
   */
  public long slowConsumerDisconnects() {
    return slowConsumerDisconnects.sum();
  }

  /** Bytes read from client connections. */
  public long bytesReceived() {
    return bytesReceived.sum();
  }

  /** Bytes written to client connections; see {@link ByteCounter} for when they count. */
  public long bytesSent() {
    return bytesSent.sum();
  }

  /** Protocol errors reported to clients, all codes together. */
  public long protocolErrors() {
    return protocolErrors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Protocol errors reported to clients per code; every defined code is present, zero or not. */
  public Map<ErrorCode, Long> protocolErrorsByCode() {
    Map<ErrorCode, Long> counts = new EnumMap<>(ErrorCode.class);
    protocolErrors.forEach((code, count) -> counts.put(code, count.sum()));
    return Collections.unmodifiableMap(counts);
  }

  private static boolean isReportable(ErrorCode code) {
    return code != ErrorCode.ERROR_CODE_UNSPECIFIED && code != ErrorCode.UNRECOGNIZED;
  }
}
