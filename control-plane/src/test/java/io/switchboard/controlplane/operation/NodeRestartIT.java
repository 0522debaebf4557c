package io.switchboard.controlplane.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.topology.NodeView;
import io.switchboard.controlplane.ControlPlaneIT;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.sharding.ReplicaSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.HttpClientErrorException;

/**
 * A node restart on the embedded cluster: the node's primaries move away first, then it stops
 * gracefully, starts on its data directory, and rejoins (newest map, replicas caught up) before the
 * operation succeeds.
 */
class NodeRestartIT extends ControlPlaneIT {

  private static final String NODE = "middle-east-2";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired private ReplicaControl replicas;

  @Test
  void aRestartedNodeLeadsNothingServesTheNewestMapAndWasReallyRestarted() throws Exception {
    OperationApi operations = client(OperationApi.class, adminToken().token());
    List<Integer> led = ledBy(NODE);
    assertThat(led).isNotEmpty();

    OperationView plan =
        operations.create(new OperationRequest("NODE_RESTART", Map.of("node", NODE), true));
    List<String> names = plan.steps().stream().map(step -> step.name()).toList();
    assertThat(names).hasSize(led.size() + 3);
    assertThat(names.subList(0, led.size())).allMatch(name -> name.startsWith("switch-shard-"));
    assertThat(names.subList(led.size(), names.size()))
        .containsExactly("stop-node", "start-node", "await-rejoin");

    await().atMost(Duration.ofSeconds(10)).until(() -> uptimeSeconds(NODE) >= 1);
    long started = System.nanoTime();
    OperationView restart =
        operations.create(new OperationRequest("NODE_RESTART", Map.of("node", NODE), false));
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> !operations.get(restart.id()).state().equals("RUNNING"));

    OperationView done = operations.get(restart.id());
    assertThat(done.state()).as(done.failure()).isEqualTo("SUCCEEDED");
    long secondsSinceStart = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
    assertThat(uptimeSeconds(NODE))
        .as("the node's process-level uptime began during the operation")
        .isLessThan(secondsSinceStart);
    assertThat(ledBy(NODE)).isEmpty();
    assertThat(replicas.mapVersion(NODE).get()).isEqualTo(replicas.shardMap().version());
    assertThat(done.steps().get(done.steps().size() - 1).detail()).contains("caught up");
  }

  @Test
  void aNodeThatIsNotPartOfTheClusterIsRefusedWithTheNodesNamed() {
    OperationApi operations = client(OperationApi.class, adminToken().token());
    assertThatThrownBy(
            () ->
                operations.create(
                    new OperationRequest("NODE_RESTART", Map.of("node", "mars-1"), true)))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e -> {
              assertThat(e.getStatusCode().value()).isEqualTo(400);
              assertThat(e.getResponseBodyAsString())
                  .contains("there is no node 'mars-1'")
                  .contains("americas-1");
            });
  }

  private long uptimeSeconds(String node) throws Exception {
    NodeView view =
        topologyAs(adminToken().token()).topology().dataCenters().stream()
            .flatMap(dc -> dc.nodes().stream())
            .filter(n -> n.id().equals(node))
            .findFirst()
            .orElseThrow();
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://" + view.adminAddress() + "/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(health.body()).get("uptimeSeconds").asLong();
  }

  private List<Integer> ledBy(String node) {
    return replicas.shardMap().replicaSets().stream()
        .filter(set -> set.primary().equals(node))
        .map(ReplicaSet::shard)
        .toList();
  }
}
