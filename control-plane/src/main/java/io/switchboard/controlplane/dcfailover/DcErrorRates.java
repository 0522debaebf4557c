package io.switchboard.controlplane.dcfailover;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.controlplane.topology.NodeRegistration;
import io.switchboard.controlplane.topology.TopologyService;
import io.switchboard.runtime.node.admin.StatsReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The error rate of each data centre's gateways over the last sampling window: from every node's
 * {@code /stats}, the frames received and the error frames sent since the previous sample, summed
 * over the DC's nodes that answered both samples. A node that restarted (its counters went back)
 * counts from its new counters only.
 */
@Component
class DcErrorRates {

  /**
   * One window of a DC.
   *
   * @param from when the window started (the previous sample)
   * @param requests client frames received in it
   * @param errors error frames sent in it
   */
  record Window(Instant from, long requests, long errors) {
    double rate() {
      return requests == 0 ? 0 : (double) errors / requests;
    }
  }

  private record Counters(Instant at, long frames, long errors) {}

  private final TopologyService topology;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Map<String, Counters> previous = new ConcurrentHashMap<>();
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  DcErrorRates(TopologyService topology, ObjectMapper json) {
    this.topology = topology;
    this.json = json;
  }

  /** The last window of {@code dc}; empty before two samples. */
  Optional<Window> window(String dc) {
    return Optional.ofNullable(windows.get(dc));
  }

  /** Reads every node's stats now and closes a window per DC. */
  void sample(Instant now) {
    Map<String, Window> next = new HashMap<>();
    for (NodeRegistration node : topology.nodes()) {
      Counters current = read(node, now);
      if (current == null) {
        previous.remove(node.id());
        continue;
      }
      Counters before = previous.put(node.id(), current);
      if (before == null) {
        continue;
      }
      boolean restarted = current.frames() < before.frames() || current.errors() < before.errors();
      long frames = restarted ? current.frames() : current.frames() - before.frames();
      long errors = restarted ? current.errors() : current.errors() - before.errors();
      next.merge(
          node.dc(),
          new Window(before.at(), frames, errors),
          (a, b) ->
              new Window(
                  a.from().isBefore(b.from()) ? a.from() : b.from(),
                  a.requests() + b.requests(),
                  a.errors() + b.errors()));
    }
    windows.clear();
    windows.putAll(next);
  }

  private Counters read(NodeRegistration node, Instant now) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + node.adminAddress() + "/stats"))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return null;
      }
      StatsReport stats = json.readValue(response.body(), StatsReport.class);
      return new Counters(now, stats.framesReceived(), stats.protocolErrors());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception unreachable) {
      return null;
    }
  }
}
