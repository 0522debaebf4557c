package io.switchboard.runtime.node.admin;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.switchboard.runtime.node.gateway.GatewayTraffic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Prometheus metrics of one node, in a registry of its own: never the default registry, because
 * several nodes may share a JVM. Every switchboard metric carries the constant labels {@code
 * node_id} and {@code dc}; the standard JVM metrics are registered too.
 *
 * <p>All values are read at scrape time from {@link NodeStatus} and {@link GatewayTraffic}, so the
 * metrics and the stats endpoint can never disagree.
 *
 * <p>Thread-safe.
 */
public final class NodeMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  public NodeMetrics(NodeStatus status) {
    Labels node = Labels.of("node_id", status.identity().nodeId(), "dc", status.identity().dc());
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
    JvmMetrics.builder().register(registry);
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
