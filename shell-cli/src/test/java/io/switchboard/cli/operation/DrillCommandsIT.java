package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.operation.OperationView;
import io.switchboard.cli.output.CliJson;
import io.switchboard.cli.testing.CliProcess;
import io.switchboard.cli.testing.CliResult;
import io.switchboard.cli.testing.DrillReports;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.Topologies;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drill run|list|show} run as {@code java -jar switchboard-cli.jar} against a fake control
 * plane serving the topology of {@link Topologies#shardMapNodes()} (europe-2 down; europe-1 leads
 * shards 256 and 300, americas-2 leads shard 17), whose drills advance one step per GET and store
 * their report at their {@code report} step. Standard output is a file here, not a terminal: no
 * progress is drawn and text is 80 columns wide.
 */
class DrillCommandsIT {

  private static final String TOKEN = "operator-token";
  private static final ObjectMapper JSON = CliJson.newObjectMapper();
  private static final String OPERATIONS = "POST /api/v1/operations ";
  // The fake records the parameters sorted by name.
  private static final String DRILL_EUROPE_1 =
      "{\"type\":\"DRILL\",\"parameters\":{\"fault\":\"kill\",\"node\":\"europe-1\"},";
  private static final String QUESTION =
      "Run a failover drill of europe-1? It KILLS europe-1 (abruptly, like a crash) and waits for"
          + " the automatic failover; 6 steps. [y/N] ";
  private static final String PASSED_ID = "0a1b2c3d-0000-4000-8000-000000000001";
  private static final String MISSED_ID = "0a1b2c3d-0000-4000-8000-000000000002";
  private static final DrillReportView PASSED =
      DrillReports.report(
          PASSED_ID, "europe-1", List.of(256, 300), Instant.parse("2025-02-10T08:15:30Z"), 0);
  private static final DrillReportView MISSED =
      DrillReports.missedFailover(
          MISSED_ID, "asia-1", List.of(512), Instant.parse("2025-02-12T16:40:05Z"));

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
  void listShowsOneRowPerDrillNewestFirst() {
    controlPlane.withDrillReport(PASSED).withDrillReport(MISSED);

    CliResult result = cli.run("drill", "list");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .matches("ID +NODE +STARTED +FAILOVER +UNAVAILABLE +ACKED +LOST +VERDICT");
    assertThat(lines.get(1))
        .matches(MISSED_ID + " +asia-1 +2025-02-12T16:40:05Z +- +30000 ms +800 +0 +FAIL");
    assertThat(lines.get(2))
        .matches(PASSED_ID + " +europe-1 +2025-02-10T08:15:30Z +3350 ms +3420 ms +1200 +0 +PASS");
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/drills?limit=20");
  }

  @Test
  void listAsJsonIsTheReportsAsTheControlPlaneSendsThemAtMostLimit() throws IOException {
    controlPlane.withDrillReport(PASSED).withDrillReport(MISSED);

    CliResult result = cli.run("drill", "list", "--limit", "1", "--output", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    JsonNode reports = JSON.readTree(result.stdout());
    assertThat(reports.isArray()).isTrue();
    assertThat(reports).hasSize(1);
    JsonNode newest = reports.get(0);
    assertThat(newest.get("id").asText()).isEqualTo(MISSED_ID);
    assertThat(newest.get("passed").asBoolean()).isFalse();
    assertThat(newest.get("lost").asLong()).isZero();
    assertThat(newest.get("objectives"))
        .extracting(objective -> objective.get("passed").asBoolean())
        .containsExactly(false, true);
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/drills?limit=1");
  }

  @Test
  void listWithoutReportsSaysSoAndABadLimitIsAUsageError() {
    CliResult empty = cli.run("drill", "list");
    CliResult badLimit = cli.run("drill", "list", "--limit", "0");

    assertThat(empty.exitCode()).as("%s", empty).isZero();
    assertThat(empty.stdout()).isEqualTo("No drill reports.\n");
    assertThat(badLimit.exitCode()).as("%s", badLimit).isEqualTo(1);
    assertThat(badLimit.stderr()).contains("--limit must be at least 1, not 0.");
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/drills?limit=20");
  }

  @Test
  void showPrintsTheReportWithItsTimelineChartAndObjectives() {
    controlPlane.withDrillReport(PASSED).withDrillReport(MISSED);

    CliResult result = cli.run("drill", "show", PASSED_ID);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout())
        .startsWith(
            "Drill         "
                + PASSED_ID
                + "\n"
                + """
                Node          europe-1
                Shards        256,300 (2 shards)
                Started       2025-02-10T08:15:30Z
                Verdict       PASS
                Failover      3350 ms (first write after the fault)
                Unavailable   3420 ms (longest wait of a writer)
                Acknowledged  1200 writes
                Lost          0 acknowledged writes
                Fencing       europe-1's replica of shard 256 is FOLLOWER at epoch 4 \
                (it led epoch 3): it can commit nothing at its old epoch

                MOMENT       AFTER FAULT
                fault        0 ms
                detected     1500 ms
                confirmed    2600 ms
                promoted     3100 ms
                first-write  3350 ms

                fault |------------------------detected----------confirmed-promoted-first-write|
                      0 ms                                                               3350 ms

                OBJECTIVE  TARGET         MEASURED    VERDICT
                failover   < 15000 ms     3350 ms     PASS
                rpo-in-dc  <= 0 messages  0 messages  PASS
                """);
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/drills/" + PASSED_ID);
  }

  @Test
  void showOfAMissedFailoverSaysWhatDidNotHappen() {
    controlPlane.withDrillReport(MISSED);

    CliResult result = cli.run("drill", "show", "--id", MISSED_ID);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stdout())
        .containsPattern("Verdict +FAIL\n")
        .containsPattern("Failover +no write after the fault\n")
        .containsPattern("promoted +did not happen\n")
        .containsPattern("first-write +did not happen\n")
        .containsPattern("fault \\|-+detected-+confirmed\\|\n")
        .containsPattern("failover +< 15000 ms +no write +FAIL\n");
  }

  @Test
  void showAsJsonIsTheReportAsTheControlPlaneSendsIt() throws IOException {
    controlPlane.withDrillReport(PASSED);

    CliResult result = cli.run("drill", "show", PASSED_ID, "-o", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(JSON.readValue(result.stdout(), DrillReportView.class)).isEqualTo(PASSED);
    JsonNode report = JSON.readTree(result.stdout());
    assertThat(report.get("lost").asLong()).isZero();
    assertThat(report.get("acknowledged").asLong()).isEqualTo(1200);
    assertThat(report.get("timeline"))
        .extracting(moment -> moment.get("name").asText() + "@" + moment.get("millis").asLong())
        .containsExactly(
            "fault@0", "detected@1500", "confirmed@2600", "promoted@3100", "first-write@3350");
    assertThat(report.get("objectives"))
        .extracting(
            objective -> objective.get("name").asText() + "=" + objective.get("passed").asBoolean())
        .containsExactly("failover=true", "rpo-in-dc=true");
  }

  @Test
  void showOfAnUnknownDrillShowsTheProblemAndExitsWithTheNotFoundStatus() {
    CliResult result = cli.run("drill", "show", "no-such-drill");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains(
            "HTTP 404: no drill report for operation no-such-drill (a drill stores it when it"
                + " ends)");
  }

  @Test
  void runWithYesCreatesTheDrillWatchesItAndPrintsItsReport() {
    CliResult result = cli.run("drill", "run", "node", "europe-1", "--yes");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    OperationView drill = controlPlane.operations().get(0);
    assertThat(drill.type()).isEqualTo("DRILL");
    assertThat(drill.state()).isEqualTo("SUCCEEDED");
    String stdout = result.stdout();
    assertThat(stdout)
        .containsPattern("Plan +Failover drill of europe-1\n")
        .containsPattern("Node +europe-1 \\(killed by the drill\\)\n")
        .containsPattern("2 +inject-fault +Kill europe-1 abruptly\n")
        .containsPattern("Type +DRILL\n")
        .containsPattern("State +SUCCEEDED\n")
        .containsPattern("2 +inject-fault +SUCCEEDED +.*europe-1 killed\n")
        .containsPattern("6 +report +SUCCEEDED +.*passed: failover 3350 ms PASS")
        .containsPattern("Drill +" + drill.id() + "\n")
        .containsPattern("Shards +256,300 \\(2 shards\\)\n")
        .containsPattern("Verdict +PASS\n")
        .containsPattern(
            "\nfault \\|-+detected-+confirmed-+promoted-+first-write\\|\n +0 ms +3350 ms\n")
        .containsPattern("rpo-in-dc +<= 0 messages +0 messages +PASS\n$");
    assertThat(stdout.indexOf("State "))
        .as("the report follows the finished drill")
        .isLessThan(stdout.indexOf("Drill "));
    List<String> requests = controlPlane.operationRequests();
    assertThat(requests.subList(0, 2))
        .as("without --fault the drill kills: fault=kill")
        .containsExactly(
            OPERATIONS + DRILL_EUROPE_1 + "\"dryRun\":true}",
            OPERATIONS + DRILL_EUROPE_1 + "\"dryRun\":false}");
    assertThat(requests.subList(2, requests.size()))
        .hasSize(6)
        .allMatch(request -> request.equals("GET /api/v1/operations/" + drill.id()));
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/drills/" + drill.id());
  }

  @Test
  void runAsJsonIsTheFinishedDrillAndItsReport() throws IOException {
    CliResult result = cli.run("drill", "run", "node", "europe-1", "--yes", "--output", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    JsonNode run = JSON.readTree(result.stdout());
    OperationView operation = JSON.treeToValue(run.get("operation"), OperationView.class);
    DrillReportView report = JSON.treeToValue(run.get("report"), DrillReportView.class);
    assertThat(operation).isEqualTo(controlPlane.operation(operation.id()));
    assertThat(operation.state()).isEqualTo("SUCCEEDED");
    assertThat(report).isEqualTo(controlPlane.drillReports().get(0));
    assertThat(report.id()).isEqualTo(operation.id());
    assertThat(report.node()).isEqualTo("europe-1");
    assertThat(report.passed()).isTrue();
  }

  @Test
  void runOfAShardDrillsItsPrimaryAndTheDryRunChangesNothing() throws IOException {
    CliResult table = cli.run("drill", "run", "shard", "17", "--dry-run");
    CliResult json = cli.run("drill", "run", "shard", "17", "--dry-run", "-o", "json");

    assertThat(table.exitCode()).as("%s", table).isZero();
    assertThat(table.stdout())
        .containsPattern("Plan +Failover drill of americas-2\n")
        .containsPattern("Node +americas-2 \\(killed by the drill\\)\n")
        .containsPattern("Shard +17 \\(led by the node\\)\n")
        .containsPattern("1 +start-traffic +Write to shards americas-2 leads")
        .containsPattern("6 +report +Compare with the objectives; store the report$")
        .doesNotContain("From")
        .doesNotContain("Epoch");
    OperationView plan = JSON.readValue(json.stdout(), OperationView.class);
    assertThat(plan.id()).isNull();
    assertThat(plan.parameters())
        .containsEntry("node", "americas-2")
        .containsEntry("shard", "17")
        .containsEntry("fault", "kill");
    assertThat(plan.steps())
        .extracting(OperationView.StepView::name)
        .containsExactlyElementsOf(FakeControlPlane.DRILL_STEPS);
    String request =
        OPERATIONS
            + "{\"type\":\"DRILL\",\"parameters\":{\"fault\":\"kill\",\"shard\":\"17\"},"
            + "\"dryRun\":true}";
    assertThat(controlPlane.operationRequests()).containsExactly(request, request);
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void theQuestionSaysTheNodeIsKilledAndDecliningCreatesNothing() {
    CliResult result = cli.standardInput("n\n").run("drill", "run", "node", "europe-1");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).containsPattern("Plan +Failover drill of europe-1");
    assertThat(result.stderr())
        .startsWith(QUESTION)
        .contains("Error: Not confirmed: nothing was changed.");
    assertThat(controlPlane.operations()).isEmpty();
    assertThat(controlPlane.operationRequests())
        .containsExactly(OPERATIONS + DRILL_EUROPE_1 + "\"dryRun\":true}");
    assertThat(controlPlane.readRequests()).isEmpty();
  }

  @Test
  void aConfirmedShardDrillAsksAboutThePrimaryOfTheShard() {
    CliResult result = cli.standardInput("y\n").run("drill", "run", "shard", "300");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr())
        .isEqualTo(
            "Run a failover drill of europe-1 (the primary of shard 300)? It KILLS europe-1"
                + " (abruptly, like a crash) and waits for the automatic failover; 6 steps. [y/N] ");
    assertThat(controlPlane.operations())
        .singleElement()
        .satisfies(
            drill -> {
              assertThat(drill.parameters())
                  .containsEntry("node", "europe-1")
                  .containsEntry("shard", "300")
                  .containsEntry("fault", "kill");
              assertThat(drill.state()).isEqualTo("SUCCEEDED");
            });
    assertThat(result.stdout()).containsPattern("Verdict +PASS\n");
  }

  @Test
  void aPartitionDrillSendsFaultPartitionAndTheQuestionSaysTheNodeIsCutOff() {
    CliResult result =
        cli.standardInput("y\n").run("drill", "run", "node", "europe-1", "--fault", "partition");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr())
        .isEqualTo(
            "Run a failover drill of europe-1? It CUTS europe-1 off its cluster network (its"
                + " process keeps running), waits for the automatic failover and checks that a"
                + " write through europe-1's own gateway is not acknowledged; 7 steps. [y/N] ");
    assertThat(result.stdout())
        .containsPattern("Plan +Partition drill of europe-1\n")
        .containsPattern("Node +europe-1 \\(cut off its network by the drill\\)\n")
        .containsPattern("4 +write-old-primary +Write through europe-1's own gateway")
        .containsPattern("Verdict +PASS\n");
    String partition =
        "{\"type\":\"DRILL\",\"parameters\":{\"fault\":\"partition\",\"node\":\"europe-1\"},";
    assertThat(controlPlane.operationRequests().subList(0, 2))
        .containsExactly(
            OPERATIONS + partition + "\"dryRun\":true}",
            OPERATIONS + partition + "\"dryRun\":false}");
    assertThat(controlPlane.operations())
        .singleElement()
        .satisfies(
            drill -> {
              assertThat(drill.parameters()).containsEntry("fault", "partition");
              assertThat(drill.state()).isEqualTo("SUCCEEDED");
            });
  }

  @Test
  void aShardDrillSendsFaultPartitionWhenAskedAndTheValueIsCaseInsensitive() throws IOException {
    CliResult result =
        cli.run("drill", "run", "shard", "300", "--fault", "PARTITION", "--dry-run", "-o", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    OperationView plan = JSON.readValue(result.stdout(), OperationView.class);
    assertThat(plan.parameters())
        .containsEntry("node", "europe-1")
        .containsEntry("shard", "300")
        .containsEntry("fault", "partition");
    assertThat(plan.steps())
        .extracting(OperationView.StepView::name)
        .containsExactlyElementsOf(FakeControlPlane.PARTITION_DRILL_STEPS);
    assertThat(controlPlane.operationRequests())
        .containsExactly(
            OPERATIONS
                + "{\"type\":\"DRILL\",\"parameters\":{\"fault\":\"partition\",\"shard\":\"300\"},"
                + "\"dryRun\":true}");
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void aFaultThatIsNeitherKillNorPartitionIsAUsageErrorAndSendsNothing() {
    CliResult node = cli.run("drill", "run", "node", "europe-1", "--fault", "reboot", "--yes");
    CliResult shard = cli.run("drill", "run", "shard", "17", "--fault", "", "--yes");

    assertThat(node.exitCode()).as("%s", node).isEqualTo(1);
    assertThat(node.stdout()).isEmpty();
    assertThat(node.stderr())
        .contains(
            "Unknown --fault 'reboot': use one of kill (the node is killed abruptly, like a crash)"
                + " or partition (the node is cut off its cluster network and keeps running).");
    assertThat(shard.exitCode()).as("%s", shard).isEqualTo(1);
    assertThat(shard.stderr()).contains("--fault needs a value: one of kill (");
    assertThat(controlPlane.operationRequests()).isEmpty();
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void aDataCentreDrillTakesNoFaultAndSendsNothing() {
    CliResult result = cli.run("drill", "run", "dc", "europe", "--fault", "partition", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains("Unrecognised option '--fault'");
    assertThat(controlPlane.operationRequests()).isEmpty();
  }

  @Test
  void theHelpOfNodeAndShardDrillsShowsFaultAndTheDataCentreDrillHasNone() {
    CliResult node = cli.run("help", "drill", "run", "node");
    CliResult shard = cli.run("help", "drill", "run", "shard");
    CliResult dc = cli.run("help", "drill", "run", "dc");

    assertThat(node.exitCode()).as("%s", node).isZero();
    assertThat(node.stdout())
        .contains("--fault")
        .contains("partition (cut off its cluster network");
    assertThat(shard.stdout()).contains("--fault").contains("with --fault partition");
    assertThat(dc.exitCode()).as("%s", dc).isZero();
    assertThat(dc.stdout()).contains("--dc").doesNotContain("--fault");
  }

  @Test
  void aDrillThatMissesAnObjectivePrintsItsReportAndExitsWith3() {
    controlPlane.failOperationsAt(
        "report", "objectives missed: failover 3350 ms PASS, rpo-in-dc 3 messages FAIL");

    CliResult result = cli.run("drill", "run", "node", "europe-1", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout())
        .containsPattern("State +FAILED\n")
        .containsPattern("6 +report +FAILED +.*rpo-in-dc 3 messages FAIL")
        .containsPattern("Verdict +FAIL\n")
        .containsPattern("Lost +3 acknowledged writes\n")
        .containsPattern("rpo-in-dc +<= 0 messages +3 messages +FAIL\n");
    assertThat(result.stderr())
        .contains("Error: Operation ")
        .contains("ended FAILED: report failed: objectives missed:");
    assertThat(controlPlane.drillReports())
        .singleElement()
        .satisfies(report -> assertThat(report.lost()).isEqualTo(3));
  }

  @Test
  void aDrillThatFailsBeforeItsReportSaysThereIsNoneAndExitsWith3() {
    controlPlane.failOperationsAt("await-failover", "no recovery within 60 s");

    CliResult result = cli.run("drill", "run", "node", "europe-1", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout())
        .containsPattern("State +FAILED\n")
        .containsPattern("3 +await-failover +FAILED")
        .containsPattern("6 +report +SKIPPED")
        .endsWith("\n\nNo drill report: the drill ended before its 'report' step.\n");
    assertThat(result.stderr())
        .contains("ended FAILED: await-failover failed: no recovery within 60 s");
    assertThat(controlPlane.readRequests()).as("no report is asked for").isEmpty();
  }

  @Test
  void aDataCentreDrillShowsTheControlPlanesRefusal() {
    CliResult result = cli.run("drill", "run", "dc", "europe", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains(
            "HTTP 400: drills of a whole data centre need DC failover, which is not available"
                + " yet; drill its nodes one by one ('node') instead");
    assertThat(controlPlane.operationRequests())
        .containsExactly(
            OPERATIONS + "{\"type\":\"DRILL\",\"parameters\":{\"dc\":\"europe\"},\"dryRun\":true}");
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void aDrillOfADownNodeShowsTheProblemDetail() {
    CliResult result = cli.run("drill", "run", "node", "europe-2", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stderr()).contains("HTTP 400: europe-2 is down already: nothing to drill");
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void runWithNoWatchReturnsTheRunningDrill() {
    CliResult result = cli.run("drill", "run", "node", "--node", "europe-1", "--yes", "--no-watch");

    assertThat(result.exitCode()).as("%s", result).isZero();
    OperationView created = controlPlane.operations().get(0);
    assertThat(created.state()).isEqualTo("RUNNING");
    assertThat(result.stdout())
        .containsPattern("State +RUNNING\n")
        .endsWith("Started. Follow it with: op watch " + created.id() + "\n");
    assertThat(controlPlane.operationRequests()).hasSize(2);
    assertThat(controlPlane.readRequests()).isEmpty();
  }

  @Test
  void aShardThatIsNotANumberIsAUsageErrorAndSendsNothing() {
    CliResult result = cli.run("drill", "run", "shard", "seventeen", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains("'seventeen' is not a shard: give its number, 0 to 1023.");
    assertThat(controlPlane.operationRequests()).isEmpty();
  }

  @Test
  void helpListsTheDrillCommands() {
    CliResult result = cli.run("help");

    assertThat(result.exitCode()).as("%s", result).isZero();
    List<String> drillCommands =
        result
            .stdout()
            .lines()
            .map(String::strip)
            .filter(line -> line.startsWith("drill "))
            .map(line -> line.split(":")[0])
            .toList();
    assertThat(drillCommands)
        .containsExactlyInAnyOrder(
            "drill list", "drill run dc", "drill run node", "drill run shard", "drill show");
  }
}
