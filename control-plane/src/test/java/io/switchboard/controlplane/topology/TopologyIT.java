package io.switchboard.controlplane.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.controlplane.ControlPlaneIT;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.HttpClientErrorException;

/** The embedded cluster as seen through {@code /api/v1/topology}: real nodes, real checks. */
class TopologyIT extends ControlPlaneIT {

  private TopologyApi api;

  @BeforeEach
  void signIn() {
    api = topologyAs(adminToken().token());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.topology().nodes().allMatch(n -> n.health() == NodeHealth.UP));
  }

  @Test
  void reportsFourDataCentresWithThreeHealthyNodesEach() {
    TopologyView view = api.topology();

    assertThat(view.dataCenters())
        .extracting(dc -> dc.id())
        .containsExactly("americas", "europe", "asia", "middle-east");
    assertThat(view.dataCenters()).allSatisfy(dc -> assertThat(dc.nodes()).hasSize(3));
    assertThat(view.dataCenters().get(1).firstShard()).isEqualTo(256);
    assertThat(view.placementNotes())
        .as("the default residency keeps Europe's shards in Europe, and says so")
        .containsExactly("256 shards without a cross-DC replica: residency EU");
    assertThat(view.nodes())
        .allSatisfy(
            node -> {
              assertThat(node.gatewayAddress()).startsWith("127.0.0.1:");
              assertThat(node.adminAddress()).startsWith("127.0.0.1:");
              assertThat(node.roles()).isNotEmpty();
            });
  }

  @Test
  void killedNodeIsReportedDownWithinFiveSecondsAndUpAgainAfterRestart() {
    String victim = "asia-2";

    api.killNode(victim);
    Instant killedAt = Instant.now();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> health(victim) == NodeHealth.DOWN);
    assertThat(Duration.between(killedAt, Instant.now())).isLessThan(Duration.ofSeconds(5));
    NodeView down = node(victim);
    assertThat(down.lastError()).isEqualTo("connection refused");
    assertThat(api.topology().nodes().filter(n -> n.health() == NodeHealth.DOWN))
        .extracting(NodeView::id)
        .containsExactly(victim);

    api.startNode(victim);
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> health(victim) == NodeHealth.UP);
    assertThat(node(victim).gatewayAddress())
        .as("a restarted node keeps its addresses")
        .isEqualTo(down.gatewayAddress());
  }

  @Test
  void unknownNodeIsA404ProblemNamingTheNode() {
    assertThatThrownBy(() -> api.killNode("nowhere-9"))
        .isInstanceOfSatisfying(
            HttpClientErrorException.NotFound.class,
            e -> assertThat(e.getResponseBodyAsString()).contains("There is no node 'nowhere-9'"));
  }

  private NodeHealth health(String nodeId) {
    return node(nodeId).health();
  }

  private NodeView node(String nodeId) {
    return api.topology().nodes().filter(n -> n.id().equals(nodeId)).findFirst().orElseThrow();
  }
}
