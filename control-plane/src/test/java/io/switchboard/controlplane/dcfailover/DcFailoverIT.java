package io.switchboard.controlplane.dcfailover;

import static io.switchboard.controlplane.MessagingClients.self;
import static io.switchboard.controlplane.MessagingClients.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.api.dcfailover.DcFailoverApi;
import io.switchboard.api.dcfailover.DcFailoverReportView;
import io.switchboard.api.dcfailover.GatewayDirectoryView;
import io.switchboard.api.drill.DrillApi;
import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.controlplane.ControlPlaneIT;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.GatewayClientConfig;
import io.switchboard.runtime.client.HttpGatewayDirectory;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.HttpClientErrorException;

/**
 * DC failover and switchback on the embedded default: every node of Americas is killed; after
 * {@code unreachable-after} (5 s in these tests, 30 s by default) the policy starts a DC failover
 * by itself, which removes Americas from the gateway directory, records the data at risk and
 * promotes the cross-DC replicas of its 256 shards. A client that took its gateways from the
 * directory carries on through another DC. When the nodes return, a switchback gives every shard
 * back to its original primary, voters and asynchronous replica, and puts Americas back first in
 * its users' directory.
 */
class DcFailoverIT extends ControlPlaneIT {

  private static final Duration WAIT = Duration.ofSeconds(150);
  private static final String DC = "americas";

  @Autowired private ReplicaControl replicas;
  @Autowired private CrossDcLagSampler lags;

  @Test
  void aLostDcFailsOverByItselfAndSwitchesBackWithItsOriginalPlacement() throws Exception {
    String token = adminToken().token();
    TopologyApi topology = topologyAs(token);
    OperationApi operations = client(OperationApi.class, token);
    DcFailoverApi dcFailover = client(DcFailoverApi.class, token);
    DcFailoverApi anonymous = client(DcFailoverApi.class, null);
    GatewayDirectoryView directory = anonymous.gateways(DC);
    assertThat(directory.dataCenters().get(0).dc()).isEqualTo(DC);
    assertThat(directory.dataCenters()).allMatch(GatewayDirectoryView.DataCenterEndpoints::serving);
    assertThatThrownBy(() -> operations.create(request("DC_FAILOVER", "europe")))
        .isInstanceOf(HttpClientErrorException.BadRequest.class)
        .hasMessageContaining("residency");

    ShardMap before = replicas.shardMap();
    List<Integer> americas = IntStream.rangeClosed(0, 255).boxed().toList();
    List<String> dcNodes = nodesOf(topology);
    HttpGatewayDirectory clientsDirectory =
        new HttpGatewayDirectory(URI.create(baseUrl()), DC, Duration.ofSeconds(2));
    assertThat(clientsDirectory.gateways())
        .extracting(GatewayAddress::toString)
        .containsExactlyElementsOf(directory.servingGateways());
    try (GatewayClient ada = connect(directory.servingGateways(), clientsDirectory)) {
      long adaId = ada.register("Ada", DC).get(30, TimeUnit.SECONDS).getUserId();
      assertThat(Shards.shardOf(adaId)).isBetween(0, 255);
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ada.send(self(adaId), "before " + i).get(30, TimeUnit.SECONDS);
        sent.add("before " + i);
      }
      ReplicaSet adas = before.replicaSet(Shards.shardOf(adaId));
      await()
          .atMost(WAIT)
          .until(
              () -> {
                lags.sampleAll();
                return lags.lag(adas.shard()).map(lag -> lag.records() == 0).orElse(false);
              });

      dcNodes.forEach(topology::killNode);
      OperationView failover = awaitAutomaticFailover(operations);
      assertThat(failover.parameters()).containsEntry("trigger", "unreachable");
      OperationView failedOver = awaitEnd(operations, failover.id());
      assertThat(failedOver.state()).as(failedOver.failure()).isEqualTo("SUCCEEDED");
      assertThat(failedOver.steps())
          .extracting(OperationView.StepView::name)
          .containsExactly("remove-gateways", "assess-risk", "promote");

      ShardMap during = replicas.shardMap();
      for (int shard : americas) {
        ReplicaSet set = during.replicaSet(shard);
        assertThat(dcNodes).doesNotContain(set.primary());
        assertThat(set.primary()).isEqualTo(before.replicaSet(shard).asyncReplicas().get(0));
        assertThat(set.asyncReplicas()).containsAll(before.replicaSet(shard).voters());
      }
      DcFailoverReportView report = dcFailover.report(failover.id());
      assertThat(report.dc()).isEqualTo(DC);
      assertThat(report.shards()).hasSize(256);
      assertThat(report.promoted()).isEqualTo(256);
      DcFailoverReportView.ShardRisk adaRisk = report.shards().get(adas.shard());
      assertThat(adaRisk.lagRecords()).as("Ada's shard was sampled caught up").isZero();
      assertThat(adaRisk.newPrimary()).isEqualTo(adas.asyncReplicas().get(0));

      GatewayDirectoryView away = dcFailover.gateways(DC);
      GatewayDirectoryView.DataCenterEndpoints removed =
          away.dataCenters().get(away.dataCenters().size() - 1);
      assertThat(removed.dc()).isEqualTo(DC);
      assertThat(removed.serving()).isFalse();
      assertThat(removed.removedBy()).isEqualTo(failover.id());
      assertThat(away.servingGateways())
          .noneMatch(directory.dataCenters().get(0).gateways()::contains);

      ada.send(self(adaId), "during the outage").get(60, TimeUnit.SECONDS);
      sent.add("during the outage");
      assertThat(texts(ada)).containsExactlyElementsOf(sent);

      dcNodes.forEach(topology::startNode);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  topology
                      .topology()
                      .nodes()
                      .filter(n -> n.dc().equals(DC))
                      .allMatch(n -> n.health() == NodeHealth.UP));
      OperationView switchback =
          operations.create(new OperationRequest("DC_SWITCHBACK", Map.of("dc", DC), false));
      OperationView switchedBack = awaitEnd(operations, switchback.id());
      assertThat(switchedBack.state()).as(switchedBack.failure()).isEqualTo("SUCCEEDED");

      ShardMap after = replicas.shardMap();
      for (int shard : americas) {
        ReplicaSet original = before.replicaSet(shard);
        ReplicaSet restored = after.replicaSet(shard);
        assertThat(restored.primary()).as("shard %d", shard).isEqualTo(original.primary());
        assertThat(restored.followers()).isEqualTo(original.followers());
        assertThat(restored.asyncReplicas()).isEqualTo(original.asyncReplicas());
      }
      GatewayDirectoryView back = dcFailover.gateways(DC);
      assertThat(back.dataCenters().get(0).dc()).isEqualTo(DC);
      assertThat(back.dataCenters()).allMatch(GatewayDirectoryView.DataCenterEndpoints::serving);

      ada.send(self(adaId), "after the switchback").get(60, TimeUnit.SECONDS);
      sent.add("after the switchback");
      assertThat(texts(ada)).containsExactlyElementsOf(sent);
    } finally {
      for (NodeView node : topology.topology().nodes().toList()) {
        if (node.health() != NodeHealth.UP) {
          topology.startNode(node.id());
        }
      }
    }
  }

  @Test
  void aDcDrillKillsTheDcMeasuresTheFailoverAndSwitchesItBack() {
    String token = adminToken().token();
    OperationApi operations = client(OperationApi.class, token);
    DrillApi drills = client(DrillApi.class, token);
    ShardMap before = replicas.shardMap();

    OperationView drill =
        operations.create(new OperationRequest("DRILL", Map.of("dc", "asia"), false));
    OperationView done = awaitEnd(operations, drill.id());
    DrillReportView report;
    try {
      report = drills.report(drill.id());
    } catch (HttpClientErrorException.NotFound noReport) {
      throw new AssertionError(
          "the drill stored no report: "
              + done.state()
              + ", "
              + done.failure()
              + ", steps "
              + done.steps().stream()
                  .map(step -> step.name() + " " + step.state() + " (" + step.detail() + ")")
                  .toList(),
          noReport);
    }
    System.out.printf(
        "DC drill of asia: %s; unavailable %d ms, %d acknowledged, %d lost; %s%n",
        report.timeline().stream()
            .map(m -> m.name() + " +" + m.millis() + " ms")
            .collect(java.util.stream.Collectors.joining(", ")),
        report.unavailableMillis(),
        report.acknowledged(),
        report.lost(),
        report.objectives());
    assertThat(report.node()).isEqualTo("asia");
    assertThat(report.shards()).isNotEmpty().allMatch(shard -> shard >= 512 && shard <= 767);
    assertThat(report.timeline())
        .extracting(DrillReportView.Moment::name)
        .containsExactly(
            "fault",
            "detected",
            "failover-started",
            "gateways-removed",
            "fenced",
            "elected",
            "promoted",
            "notified",
            "first-write");
    List<Long> moments = report.timeline().stream().map(DrillReportView.Moment::millis).toList();
    assertThat(moments).doesNotContainNull().isSorted();
    assertThat(moments.get(2))
        .as("the policy waits unreachable-after (5 s here) once the DC is DOWN")
        .isGreaterThanOrEqualTo(5_000);
    assertThat(report.acknowledged()).isPositive();
    assertThat(report.objectives())
        .extracting(DrillReportView.Objective::name)
        .containsExactly("failover", "rpo-cross-dc");
    assertThat(done.state()).as(done.failure()).isEqualTo(report.passed() ? "SUCCEEDED" : "FAILED");
    assertThat(report.objectives().get(1).passed())
        .as("loss only of writes acknowledged just before the fault: %s", report.objectives())
        .isTrue();
    ShardMap after = replicas.shardMap();
    for (int shard : report.shards()) {
      assertThat(after.replicaSet(shard).primary()).isEqualTo(before.replicaSet(shard).primary());
    }
  }

  private OperationView awaitAutomaticFailover(OperationApi operations) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                operations.list(20).stream()
                    .filter(op -> op.type().equals("DC_FAILOVER"))
                    .filter(op -> DC.equals(op.parameters().get("dc")))
                    .findFirst()
                    .orElse(null),
            op -> op != null);
  }

  private static OperationView awaitEnd(OperationApi operations, String id) {
    return await()
        .atMost(WAIT)
        .until(
            () -> operations.get(id),
            op -> List.of("SUCCEEDED", "FAILED", "CANCELLED", "ROLLED_BACK").contains(op.state()));
  }

  private static OperationRequest request(String type, String dc) {
    return new OperationRequest(type, Map.of("dc", dc), false);
  }

  private static List<String> nodesOf(TopologyApi topology) {
    return topology.topology().nodes().filter(n -> n.dc().equals(DC)).map(NodeView::id).toList();
  }

  /** A client as a messaging app builds it: the directory's gateways now, the directory later. */
  private static GatewayClient connect(List<String> gateways, HttpGatewayDirectory directory)
      throws Exception {
    List<GatewayAddress> addresses = new ArrayList<>();
    for (String gateway : gateways) {
      String[] hostPort = gateway.split(":");
      addresses.add(new GatewayAddress(hostPort[0], Integer.parseInt(hostPort[1])));
    }
    return GatewayClient.connect(
        GatewayClientConfig.of("dc-failover-it", addresses)
            .withDirectory(directory)
            .withRetry(new RetryPolicy(60, Duration.ofMillis(100), Duration.ofMillis(1000))));
  }
}
