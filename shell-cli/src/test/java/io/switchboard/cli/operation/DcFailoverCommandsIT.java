package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.dcfailover.DcFailoverReportView;
import io.switchboard.api.dcfailover.GatewayDirectoryView;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.operation.OperationView.StepView;
import io.switchboard.cli.output.CliJson;
import io.switchboard.cli.testing.CliProcess;
import io.switchboard.cli.testing.CliResult;
import io.switchboard.cli.testing.DcFailoverReports;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.Topologies;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dc failover|switchback|gateways|report} run as {@code java -jar switchboard-cli.jar}
 * against a fake control plane serving the topology of {@link Topologies#shardMapNodes()} (one
 * gateway per DC, {@code 127.0.0.1:7001} for americas, {@code :7011} europe, {@code :7021} asia,
 * {@code :7031} middle-east), whose DC failovers advance one step per GET, remove the DC from the
 * directory at {@code remove-gateways}, record the report of {@link DcFailoverReports} at {@code
 * assess-risk} (americas promoted in asia), and refuse europe (residency). Standard output is a
 * file here, not a terminal: no progress is drawn.
 */
class DcFailoverCommandsIT {

  private static final String TOKEN = "operator-token";
  private static final ObjectMapper JSON = CliJson.newObjectMapper();
  private static final String OPERATIONS = "POST /api/v1/operations ";
  private static final String FAILOVER_AMERICAS =
      "{\"type\":\"DC_FAILOVER\",\"parameters\":{\"dc\":\"americas\"},";
  private static final String FAILOVER_QUESTION =
      "Fail americas over to the other data centres? Its clients are moved to the gateways of"
          + " other data centres, and writes its asynchronous replicas had not fetched are LOST;"
          + " 3 steps. [y/N] ";
  private static final String EARLIER_FAILOVER = "0d0c0f00-0000-4000-8000-000000000009";
  private static final Instant EARLIER_START = Instant.parse("2025-02-20T03:10:00Z");

  @TempDir Path temp;

  private FakeControlPlane controlPlane;
  private CliProcess cli;

  @BeforeEach
  void startControlPlane() {
    controlPlane = FakeControlPlane.serving(Topologies.shardMapNodes());
    controlPlane.acceptToken(TOKEN);
    cli =
        new CliProcess(temp.resolve("config"))
            .env("SWITCHBOARD_URL", controlPlane.url().toString())
            .env("SWITCHBOARD_TOKEN", TOKEN);
  }

  @AfterEach
  void stopControlPlane() {
    controlPlane.close();
  }

  @Test
  void aConfirmedFailoverRunsItsStepsAndPrintsThePerShardReport() {
    CliResult result = cli.standardInput("y\n").run("dc", "failover", "americas");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEqualTo(FAILOVER_QUESTION);
    OperationView failover = controlPlane.operations().get(0);
    assertThat(failover.type()).isEqualTo("DC_FAILOVER");
    assertThat(failover.state()).isEqualTo("SUCCEEDED");
    String stdout = result.stdout();
    assertThat(stdout)
        .containsPattern("Plan +Fail americas over to other data centres\n")
        .containsPattern("Data centre +americas\n")
        .containsPattern("Trigger +operator\n")
        .containsPattern("1 +remove-gateways +Remove americas's gateways from the directory")
        .containsPattern("State +SUCCEEDED\n")
        .containsPattern("1 +remove-gateways +SUCCEEDED +.*americas removed from the gateway")
        .containsPattern("2 +assess-risk +SUCCEEDED +.*256 shards: 23310 records at risk")
        .containsPattern("3 +promote +SUCCEEDED +.*254 of 256 shards promoted in asia\n")
        .contains("DC failover  " + failover.id() + "\n")
        .contains("Promoted     254 of 256 shards\n")
        .contains("At risk      23310 records")
        .contains("Not sampled  1 shard (lag unknown)\n")
        .contains("\nWorst 10 of 254 promoted shards by lag")
        .contains("\n17     americas-3 -> asia-3  4200         42.0 s       2 s\n")
        .contains("\n143    americas-3 -> asia-3  150          1.5 s        4 s\n")
        .endsWith(
            """
            Not promoted: 2 shards
            SHARD  LOST PRIMARY  FAILURE
            201    americas-1    asia-1 did not answer the promotion
            202    americas-2    asia-2 did not answer the promotion
            """);
    assertThat(stdout.indexOf("State ")).isLessThan(stdout.indexOf("DC failover "));
    List<String> requests = controlPlane.operationRequests();
    assertThat(requests.subList(0, 2))
        .containsExactly(
            OPERATIONS + FAILOVER_AMERICAS + "\"dryRun\":true}",
            OPERATIONS + FAILOVER_AMERICAS + "\"dryRun\":false}");
    assertThat(requests.subList(2, requests.size()))
        .hasSize(3)
        .allMatch(request -> request.equals("GET /api/v1/operations/" + failover.id()));
    assertThat(controlPlane.readRequests())
        .containsExactly("GET /api/v1/dc-failovers/" + failover.id());
  }

  @Test
  void decliningTheFailoverChangesNothing() {
    CliResult result = cli.standardInput("n\n").run("dc", "failover", "americas");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stderr())
        .startsWith(FAILOVER_QUESTION)
        .contains("Error: Not confirmed: nothing was changed.");
    assertThat(controlPlane.operations()).isEmpty();
    assertThat(controlPlane.operationRequests())
        .containsExactly(OPERATIONS + FAILOVER_AMERICAS + "\"dryRun\":true}");
  }

  @Test
  void failoverAsJsonIsTheFinishedOperationAndItsReport() throws IOException {
    CliResult result = cli.run("dc", "failover", "americas", "--yes", "--output", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    JsonNode run = JSON.readTree(result.stdout());
    OperationView operation = JSON.treeToValue(run.get("operation"), OperationView.class);
    DcFailoverReportView report = JSON.treeToValue(run.get("report"), DcFailoverReportView.class);
    assertThat(operation).isEqualTo(controlPlane.operation(operation.id()));
    assertThat(operation.state()).isEqualTo("SUCCEEDED");
    assertThat(report).isEqualTo(controlPlane.dcFailoverReport(operation.id()));
    assertThat(report.dc()).isEqualTo("americas");
    assertThat(report.trigger()).isEqualTo("operator");
    assertThat(report.shards()).hasSize(256);
    assertThat(report.promoted()).isEqualTo(254);
    assertThat(report.recordsAtRisk()).isEqualTo(DcFailoverReports.AT_RISK);
  }

  @Test
  void aDataCentreWithoutReplicasElsewhereIsRefusedWithTheControlPlanesReason() {
    CliResult result = cli.run("dc", "failover", "europe", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains(
            "HTTP 400: europe's shards have no replica in another data centre (residency EU"
                + " keeps them in europe): it cannot fail over");
    assertThat(controlPlane.operationRequests())
        .containsExactly(
            OPERATIONS
                + "{\"type\":\"DC_FAILOVER\",\"parameters\":{\"dc\":\"europe\"},\"dryRun\":true}");
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void aDataCentreFailedOverAlreadyIsAConflict() {
    controlPlane.withDataCentreRemoved(
        "americas", EARLIER_FAILOVER, EARLIER_START, "DC failover (unreachable)");

    CliResult result = cli.run("dc", "failover", "americas", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stderr())
        .contains(
            "HTTP 409: americas was removed from the gateway directory by DC failover "
                + EARLIER_FAILOVER
                + " already; switch it back first");
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void aFailoverThatFailsAtPromotePrintsItsReportAndExitsWith3() {
    controlPlane.failOperationsAt("promote", "asia-1 did not answer the promotion");

    CliResult result = cli.run("dc", "failover", "americas", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout())
        .containsPattern("State +FAILED\n")
        .containsPattern("3 +promote +FAILED")
        .contains("Promoted     254 of 256 shards\n")
        .contains("201    americas-1    asia-1 did not answer the promotion\n");
    assertThat(result.stderr())
        .contains("ended FAILED: promote failed: asia-1 did not answer the promotion");
  }

  @Test
  void aFailoverThatFailsBeforeAssessingTheRiskSaysThereIsNoReport() {
    controlPlane.failOperationsAt("remove-gateways", "the directory is read-only");

    CliResult result = cli.run("dc", "failover", "americas", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout())
        .containsPattern("1 +remove-gateways +FAILED")
        .endsWith("\n\nNo DC failover report: the failover ended before its 'assess-risk' step.\n");
    assertThat(controlPlane.readRequests()).as("no report is asked for").isEmpty();
  }

  @Test
  void switchbackAsksRunsItsStepsAndTheDataCentreServesAgain() {
    controlPlane.withDataCentreRemoved(
        "americas", EARLIER_FAILOVER, EARLIER_START, "DC failover (unreachable)");

    CliResult result = cli.standardInput("y\n").run("dc", "switchback", "americas");
    CliResult gateways = cli.run("dc", "gateways");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr())
        .isEqualTo(
            "Switch americas back? Its replicas take the lead of its shards back once they have"
                + " caught up, and its gateways serve clients again; 3 steps. [y/N] ");
    OperationView switchback = controlPlane.operations().get(0);
    assertThat(switchback.type()).isEqualTo("DC_SWITCHBACK");
    assertThat(switchback.parameters()).containsExactly(Map.entry("dc", "americas"));
    assertThat(result.stdout())
        .containsPattern("Plan +Switch americas back\n")
        .containsPattern("Data centre +americas\n")
        .containsPattern("State +SUCCEEDED\n")
        .containsPattern("1 +await-rejoin +SUCCEEDED")
        .containsPattern("2 +restore-voters +SUCCEEDED +.*americas leads its shards again")
        .containsPattern("3 +restore-gateways +SUCCEEDED +.*americas's gateways restored");
    assertThat(controlPlane.operationRequests().get(1))
        .isEqualTo(
            OPERATIONS
                + "{\"type\":\"DC_SWITCHBACK\",\"parameters\":{\"dc\":\"americas\"},"
                + "\"dryRun\":false}");
    assertThat(gateways.stdout()).containsPattern("\namericas +SERVING +127.0.0.1:7001 +- +- +-\n");
  }

  @Test
  void switchbackOfADataCentreThatServesIsRefused() {
    CliResult result = cli.run("dc", "switchback", "--dc", "asia", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stderr())
        .contains("HTTP 400: asia serves clients: there is no DC failover of it to switch back");
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void gatewaysListsServingDataCentresInTheHomesOrderThenTheRemovedOnes() {
    controlPlane.withDataCentreRemoved(
        "asia", EARLIER_FAILOVER, EARLIER_START, "DC failover (unreachable)");

    CliResult result = cli.run("dc", "gateways", "--home", "middle-east");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).matches("DC +STATE +GATEWAYS +REMOVED AT +REMOVED BY +REASON");
    assertThat(lines.get(1)).matches("middle-east +SERVING +127\\.0\\.0\\.1:7031 +- +- +-");
    assertThat(lines.get(2)).matches("americas +SERVING +127\\.0\\.0\\.1:7001 +- +- +-");
    assertThat(lines.get(3)).matches("europe +SERVING +127\\.0\\.0\\.1:7011 +- +- +-");
    assertThat(lines.get(4))
        .matches(
            "asia +REMOVED +127\\.0\\.0\\.1:7021 +2025-02-20T03:10:00Z +"
                + EARLIER_FAILOVER
                + " +DC failover \\(unreachable\\)");
    assertThat(controlPlane.readRequests())
        .containsExactly("GET /api/v1/gateways?home=middle-east");
  }

  @Test
  void gatewaysAsJsonIsTheDirectoryAsTheControlPlaneSendsIt() throws IOException {
    controlPlane.withDataCentreRemoved(
        "asia", EARLIER_FAILOVER, EARLIER_START, "DC failover (unreachable)");

    CliResult result = cli.run("dc", "gateways", "-o", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    GatewayDirectoryView directory = JSON.readValue(result.stdout(), GatewayDirectoryView.class);
    assertThat(directory.servingGateways())
        .containsExactly("127.0.0.1:7001", "127.0.0.1:7011", "127.0.0.1:7031");
    assertThat(directory.dataCenters().get(3).removedBy()).isEqualTo(EARLIER_FAILOVER);
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/gateways");
  }

  @Test
  void reportShowsTheReportOfAnEarlierFailoverWithSampleAgesAtItsStart() throws IOException {
    controlPlane
        .withOperation(earlierFailover())
        .withDcFailoverReport(
            DcFailoverReports.report(
                EARLIER_FAILOVER, "asia", 512, "middle-east", "unreachable", EARLIER_START));

    CliResult table = cli.run("dc", "report", EARLIER_FAILOVER);
    CliResult json = cli.run("dc", "report", "--id", EARLIER_FAILOVER, "--output", "json");

    assertThat(table.exitCode()).as("%s", table).isZero();
    assertThat(table.stdout())
        .startsWith("DC failover  " + EARLIER_FAILOVER + "\nData centre  asia\n")
        .contains("Trigger      unreachable\n")
        .contains("Promoted     254 of 256 shards\n")
        .contains("\n529    asia-3 -> middle-east-3  4200         42.0 s       2 s\n")
        .contains("\n713    asia-1        middle-east-1 did not answer the promotion\n");
    assertThat(JSON.readValue(json.stdout(), DcFailoverReportView.class))
        .isEqualTo(controlPlane.dcFailoverReport(EARLIER_FAILOVER));
    assertThat(controlPlane.readRequests())
        .containsExactly(
            "GET /api/v1/dc-failovers/" + EARLIER_FAILOVER,
            "GET /api/v1/dc-failovers/" + EARLIER_FAILOVER);
  }

  @Test
  void reportOfAnUnknownIdShowsTheNotFoundProblemAndExitsWith3() {
    CliResult result = cli.run("dc", "report", "no-such-failover");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains(
            "HTTP 404: no DC failover report for operation no-such-failover (a DC failover"
                + " records it at its assess-risk step)");
  }

  @Test
  void helpListsTheDataCentreCommands() {
    CliResult result = cli.run("help");

    assertThat(result.exitCode()).as("%s", result).isZero();
    List<String> dcCommands =
        result
            .stdout()
            .lines()
            .map(String::strip)
            .filter(line -> line.startsWith("dc "))
            .map(line -> line.split(":")[0])
            .toList();
    assertThat(dcCommands)
        .containsExactlyInAnyOrder(
            "dc failover", "dc gateways", "dc list", "dc report", "dc switchback");
  }

  /** A DC failover of asia by automatic failover, SUCCEEDED before the test. */
  private static OperationView earlierFailover() {
    Instant end = EARLIER_START.plusSeconds(20);
    return new OperationView(
        EARLIER_FAILOVER,
        "DC_FAILOVER",
        "Fail asia over to other data centres",
        "automatic-failover",
        Map.of("dc", "asia", "trigger", "unreachable"),
        "SUCCEEDED",
        false,
        null,
        false,
        null,
        List.of("dc:asia"),
        List.of(
            new StepView("remove-gateways", "Remove", "SUCCEEDED", null, EARLIER_START, end),
            new StepView("assess-risk", "Assess", "SUCCEEDED", null, EARLIER_START, end),
            new StepView("promote", "Promote", "SUCCEEDED", null, EARLIER_START, end)),
        EARLIER_START,
        end);
  }
}
