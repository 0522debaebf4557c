package io.switchboard.controlplane.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.api.drill.DrillApi;
import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.controlplane.ControlPlaneIT;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.sharding.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Failover drills of a node on the embedded cluster through the REST API: synthetic traffic, the
 * node killed (or cut off its network), the automatic failover timed, every acknowledged write read
 * back, the node restored and fenced at its old epoch, and a report with a verdict per objective.
 */
class DrillIT extends ControlPlaneIT {

  /** The kill drill's node when it still leads a replicated shard (other ITs fail nodes over). */
  private static final String PREFERRED = "middle-east-1";

  /** The moments a node drill's report records, in order. */
  private static final List<String> FULL_TIMELINE =
      List.of(
          "fault",
          "detected",
          "confirmed",
          "fenced",
          "elected",
          "promoted",
          "notified",
          "first-write");

  @Autowired private ReplicaControl replicas;

  /** Waits until {@code drill} ends, checks that it succeeded and returns its stored report. */
  private DrillReportView reportOfSucceeded(OperationView drill, String token) {
    OperationApi operations = client(OperationApi.class, token);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> operations.get(drill.id()).state().matches("SUCCEEDED|FAILED"));
    OperationView done = operations.get(drill.id());
    assertThat(done.state()).as(done.failure()).isEqualTo("SUCCEEDED");
    return client(DrillApi.class, token).report(drill.id());
  }

  /**
   * A running node that leads a replicated shard now: {@code preferred} if it does. Other tests of
   * the shared context kill nodes and fail their shards over, so a fixed name may lead nothing.
   */
  private String aNodeLeadingAReplicatedShard(String preferred) {
    List<String> leaders =
        replicas.shardMap().replicaSets().stream()
            .filter(set -> !set.followers().isEmpty())
            .map(ReplicaSet::primary)
            .filter(replicas::isRunning)
            .distinct()
            .sorted()
            .toList();
    assertThat(leaders).as("running nodes leading a replicated shard").isNotEmpty();
    return leaders.contains(preferred) ? preferred : leaders.get(0);
  }

  @Test
  void aDrillKillsTheNodeMeasuresTheFailoverLosesNothingAndStoresAPassingReport() {
    String node = aNodeLeadingAReplicatedShard(PREFERRED);
    String token = adminToken().token();
    OperationApi operations = client(OperationApi.class, token);
    OperationView drill =
        operations.create(new OperationRequest("DRILL", Map.of("node", node), false));
    assertThat(drill.resources()).containsExactly("drill:" + node);

    DrillReportView report = reportOfSucceeded(drill, token);
    assertThat(report.node()).isEqualTo(node);
    assertThat(report.passed()).isTrue();
    assertThat(report.lost()).isZero();
    assertThat(report.acknowledged()).isPositive();
    assertThat(report.unavailableMillis()).isPositive();
    assertThat(report.timeline())
        .extracting(DrillReportView.Moment::name)
        .containsExactlyElementsOf(FULL_TIMELINE);
    List<Long> millis = report.timeline().stream().map(DrillReportView.Moment::millis).toList();
    assertThat(millis).doesNotContainNull().isSorted();
    assertThat(report.fencing()).contains("a request of its old epoch was refused");
    assertThat(report.objectives())
        .extracting(DrillReportView.Objective::name)
        .containsExactly("failover", "rpo-in-dc");
    assertThat(client(DrillApi.class, token).reports(10))
        .extracting(DrillReportView::id)
        .contains(drill.id());
    System.out.printf(
        "Drill of %s: %s, unavailable %d ms%n",
        node, report.timeline(), report.unavailableMillis());
  }

  @Test
  void aPartitionDrillCutsTheNodeOffAndItsOwnGatewayCannotHaveAWriteAcknowledged() {
    String partitioned = aNodeLeadingAReplicatedShard("europe-2");
    String token = adminToken().token();
    OperationApi operations = client(OperationApi.class, token);
    OperationView drill =
        operations.create(
            new OperationRequest(
                "DRILL", Map.of("node", partitioned, "fault", "partition"), false));
    assertThat(drill.steps())
        .extracting(OperationView.StepView::name)
        .containsExactly(
            "start-traffic",
            "inject-fault",
            "await-failover",
            "write-old-primary",
            "verify",
            "restore",
            "report");

    DrillReportView report = reportOfSucceeded(drill, token);
    System.out.printf(
        "Partition drill of %s: %s; %s%n", partitioned, report.timeline(), report.fencing());
    assertThat(report.passed()).isTrue();
    assertThat(report.lost()).isZero();
    assertThat(report.acknowledged()).isPositive();
    assertThat(report.timeline())
        .extracting(DrillReportView.Moment::name)
        .containsExactlyElementsOf(FULL_TIMELINE);
    assertThat(report.fencing())
        .contains("'s own gateway while it was cut off", "was not acknowledged")
        .contains("a request of its old epoch was refused")
        .contains("the write through the old primary is not in the mailbox");
  }

  @Test
  void aDrillsFaultIsKillOrPartitionAndADcDrillOnlyKills() {
    OperationApi operations = client(OperationApi.class, adminToken().token());
    assertThatThrownBy(
            () ->
                operations.create(
                    new OperationRequest(
                        "DRILL", Map.of("node", PREFERRED, "fault", "flood"), true)))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e ->
                assertThat(e.getResponseBodyAsString())
                    .contains("'fault' is one of kill, partition, not 'flood'"));
    assertThatThrownBy(
            () ->
                operations.create(
                    new OperationRequest(
                        "DRILL", Map.of("dc", "asia", "fault", "partition"), true)))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e ->
                assertThat(e.getResponseBodyAsString())
                    .contains("a partition is drilled on one node"));
    OperationView dryRun =
        operations.create(new OperationRequest("DRILL", Map.of("shard", "300"), true));
    assertThat(dryRun.parameters()).containsEntry("fault", "kill");
  }

  @Test
  void aDrillNeedsANodeOrAShardAndAnUnknownReportIsA404() {
    String token = adminToken().token();
    OperationApi operations = client(OperationApi.class, token);
    assertThatThrownBy(() -> operations.create(new OperationRequest("DRILL", Map.of(), true)))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e ->
                assertThat(e.getResponseBodyAsString())
                    .contains("exactly one of 'node' and 'shard'"));
    assertThatThrownBy(() -> client(DrillApi.class, token).report("no-such-drill"))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e -> assertThat(e.getStatusCode().value()).isEqualTo(404));
  }
}
