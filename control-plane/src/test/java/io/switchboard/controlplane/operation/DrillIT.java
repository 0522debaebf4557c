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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.HttpClientErrorException;

/**
 * A failover drill of a node on the embedded cluster through the REST API: synthetic traffic, the
 * node killed, the automatic failover timed, every acknowledged write read back, the node restored
 * and fenced at its old epoch, and a report with a verdict per objective.
 */
class DrillIT extends ControlPlaneIT {

  private static final String NODE = "middle-east-1";

  @Test
  void aDrillKillsTheNodeMeasuresTheFailoverLosesNothingAndStoresAPassingReport() {
    String token = adminToken().token();
    OperationApi operations = client(OperationApi.class, token);
    OperationView drill =
        operations.create(new OperationRequest("DRILL", Map.of("node", NODE), false));
    assertThat(drill.resources()).containsExactly("drill:" + NODE);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> operations.get(drill.id()).state().matches("SUCCEEDED|FAILED"));
    OperationView done = operations.get(drill.id());
    assertThat(done.state()).as(done.failure()).isEqualTo("SUCCEEDED");

    DrillReportView report = client(DrillApi.class, token).report(drill.id());
    assertThat(report.node()).isEqualTo(NODE);
    assertThat(report.passed()).isTrue();
    assertThat(report.lost()).isZero();
    assertThat(report.acknowledged()).isPositive();
    assertThat(report.unavailableMillis()).isPositive();
    assertThat(report.timeline())
        .extracting(DrillReportView.Moment::name)
        .containsExactly("fault", "detected", "confirmed", "promoted", "first-write");
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
        NODE, report.timeline(), report.unavailableMillis());
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
