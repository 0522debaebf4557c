package io.switchboard.runtime.node.gateway;

import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.ServerFrame;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Traffic counters of one node's gateway, shared by all its connections. The single source of truth
 * for both the stats endpoint and the Prometheus metrics.
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
  private final Map<ErrorCode, LongAdder> protocolErrors = new EnumMap<>(ErrorCode.class);

  public GatewayTraffic() {
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
