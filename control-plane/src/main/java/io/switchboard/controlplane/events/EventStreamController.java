package io.switchboard.controlplane.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.api.operation.OperationEvents;
import io.switchboard.api.topology.TopologyEvents;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live event stream, {@code GET /api/v1/events} as server-sent events:
 *
 * <ul>
 *   <li>{@code operation}: an operation's fresh view after each of its recorded transitions;
 *   <li>{@code topology}: the fresh topology after a node's health changed;
 *   <li>{@code shard-map}: {@code {"version": N}} when a new shard map version was published.
 * </ul>
 *
 * Data is JSON. A stream lives until the client goes away or {@link #TIMEOUT_MILLIS} passed (then
 * the client reconnects, as EventSource clients do); a stream whose client stopped reading is
 * dropped at its first failed send.
 */
@RestController
@Tag(name = "Events", description = "Live operations progress, health changes and map versions")
class EventStreamController {

  static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;

  private final List<SseEmitter> streams = new CopyOnWriteArrayList<>();

  EventStreamController(
      OperationEvents operations, TopologyEvents topology, ShardMapVersions shardMaps) {
    operations.subscribe(view -> send("operation", view));
    topology.subscribe(view -> send("topology", view));
    shardMaps.subscribe(version -> send("shard-map", new MapVersion(version)));
  }

  /** The payload of a {@code shard-map} event. */
  record MapVersion(long version) {}

  @GetMapping(path = "/api/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @PreAuthorize("hasRole('VIEWER')")
  @Operation(
      summary = "Server-sent events: operation, topology, shard-map",
      description =
          "Each event's data is JSON: an OperationView, a TopologyView, or {\"version\": N}.")
  public SseEmitter events() throws IOException {
    SseEmitter stream = new SseEmitter(TIMEOUT_MILLIS);
    stream.onCompletion(() -> streams.remove(stream));
    stream.onTimeout(() -> streams.remove(stream));
    stream.onError(failure -> streams.remove(stream));
    streams.add(stream);
    stream.send(SseEmitter.event().comment("switchboard events"));
    return stream;
  }

  private void send(String name, Object data) {
    for (SseEmitter stream : streams) {
      try {
        stream.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
      } catch (IOException | IllegalStateException gone) {
        streams.remove(stream);
        stream.completeWithError(gone);
      }
    }
  }
}
