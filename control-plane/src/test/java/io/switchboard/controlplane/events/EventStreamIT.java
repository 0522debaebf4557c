package io.switchboard.controlplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.controlplane.ControlPlaneIT;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The live event stream over real HTTP: a client connected to {@code /api/v1/events} sees a
 * switchover's progress as {@code operation} events up to SUCCEEDED, and the new map version as a
 * {@code shard-map} event.
 */
class EventStreamIT extends ControlPlaneIT {

  @Test
  void aSwitchoverStreamsItsProgressAndTheNewMapVersion() throws Exception {
    String token = adminToken().token();
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/events"))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (Exception closed) {
                // The test ended and closed the stream.
              }
            },
            "event-stream-reader");
    reader.setDaemon(true);
    reader.start();

    OperationView started =
        client(OperationApi.class, token)
            .create(new OperationRequest("SHARD_SWITCHOVER", Map.of("shard", "600"), false));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> operationStates(lines, started.id()).contains("SUCCEEDED"));
    assertThat(lines).contains("event:operation");
    assertThat(operationStates(lines, started.id()))
        .startsWith("RUNNING")
        .endsWith("SUCCEEDED")
        .hasSizeGreaterThanOrEqualTo(9);
    assertThat(lines.stream().filter(line -> line.contains(started.id())).count())
        .as("one event per recorded transition (created, 4 steps started and ended): %s", lines)
        .isGreaterThanOrEqualTo(9);
    await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:shard-map"));
    assertThat(lines).anyMatch(line -> line.matches("data:\\{\"version\":\\d+}"));
    response.body().close();
  }

  /** The top-level states of the operation's events, in order. */
  private static List<String> operationStates(List<String> lines, String id) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> states = new java.util.ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("data:{\"id\":\"" + id)) {
        states.add(json.readTree(line.substring("data:".length())).get("state").asText());
      }
    }
    return states;
  }
}
