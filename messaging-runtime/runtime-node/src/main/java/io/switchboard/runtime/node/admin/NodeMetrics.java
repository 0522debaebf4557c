package io.switchboard.runtime.node.admin;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.switchboard.runtime.node.cluster.NodeStore;
import io.switchboard.runtime.node.gateway.GatewayTraffic;
import io.switchboard.runtime.node.identity.NodeIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The Prometheus metrics of one node, in a registry of its own: never the default registry, because
 * several nodes may share a JVM. Every switchboard metric carries the constant labels {@code
 * node_id} and {@code dc} ({@link #nodeLabels}); the standard JVM metrics are registered too.
 *
 * <p>Values are read at scrape time from {@link NodeStatus}, {@link GatewayTraffic} and, on a node
 * with the store role, its {@link NodeStore}, so the metrics and the stats endpoint can never
 * disagree. The exceptions are the request counter and the request duration histogram, which the
 * gateway records as it answers ({@link GatewayTraffic#registerRequestMetrics}).
 *
 * <p>Thread-safe.
 */
public final class NodeMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  /** The metrics of a node without the store role. */
  public NodeMetrics(NodeStatus status) {
    this(status, Optional.empty());
  }

  /**
   * @param status the node's status; its traffic should have been created with {@link #nodeLabels}
   *     of the node, or its request metrics lack them
   * @param store the node's store, on a node with the store role
   */
  public NodeMetrics(NodeStatus status, Optional<NodeStore> store) {
    Labels node = nodeLabels(status.identity());
    GatewayTraffic traffic = status.traffic();
    GaugeWithCallback.builder()
        .name("switchboard_node_uptime_seconds")
        .help("Seconds since the node started.")
        .constLabels(node)
        .callback(gauge -> gauge.call(status.uptime().toMillis() / 1000.0))
        .register(registry);
    GaugeWithCallback.builder()
        .name("switchboard_gateway_connections_open")
        .help("Client connections open now.")
        .constLabels(node)
        .callback(gauge -> gauge.call(traffic.connectionsOpen()))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_gateway_connections_accepted_total")
        .help("Client connections accepted.")
        .constLabels(node)
        .callback(counter -> counter.call(traffic.connectionsAccepted()))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_gateway_frames_received_total")
        .help("Client frames decoded.")
        .constLabels(node)
        .callback(counter -> counter.call(traffic.framesReceived()))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_gateway_frames_sent_total")
        .help("Frames sent to clients.")
        .constLabels(node)
        .callback(counter -> counter.call(traffic.framesSent()))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_gateway_slow_consumer_disconnects_total")
        .help("Client connections closed because the client did not read its answers.")
        .constLabels(node)
        .callback(counter -> counter.call(traffic.slowConsumerDisconnects()))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_gateway_protocol_errors_total")
        .help("Error frames sent to clients, by error code.")
        .constLabels(node)
        .labelNames("code")
        .callback(
            counter ->
                traffic
                    .protocolErrorsByCode()
                    .forEach((code, count) -> counter.call(count, code.name())))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_gateway_bytes_received_total")
        .help("Bytes read from client connections.")
        .constLabels(node)
        .callback(counter -> counter.call(traffic.bytesReceived()))
        .register(registry);
    CounterWithCallback.builder()
        .name("switchboard_gateway_bytes_sent_total")
        .help("Bytes written to client connections.")
        .constLabels(node)
        .callback(counter -> counter.call(traffic.bytesSent()))
        .register(registry);
    traffic.registerRequestMetrics(registry);
    store.ifPresent(present -> StoreMetrics.register(present, node, registry));
    JvmMetrics.builder().register(registry);
  }

  /** The constant labels of every switchboard metric of the node {@code identity}. */
  public static Labels nodeLabels(NodeIdentity identity) {
    return Labels.of("node_id", identity.nodeId(), "dc", identity.dc());
  }

  /** Content type of {@link #scrape()}. */
  public String contentType() {
    return writer.getContentType();
  }

  /** Every metric of this node, in the Prometheus text exposition format. */
  public byte[] scrape() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try {
      writer.write(text, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
    }
    return text.toByteArray();
  }
}
