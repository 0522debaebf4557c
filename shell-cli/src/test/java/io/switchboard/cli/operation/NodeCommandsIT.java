package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.operation.OperationView.StepView;
import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardMapView.ShardSummary;
import io.switchboard.cli.output.CliJson;
import io.switchboard.cli.testing.CliProcess;
import io.switchboard.cli.testing.CliResult;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.ShardMaps;
import io.switchboard.cli.testing.Topologies;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code node list|show|drain|restart} run as {@code java -jar switchboard-cli.jar} against a fake
 * control plane serving the topology of {@link Topologies#shardMapNodes()} (europe-2 down) and the
 * shard map of {@link ShardMaps}, whose operations advance one step per GET. Standard output is a
 * file here, not a terminal: no progress is drawn.
 */
class NodeCommandsIT {

  private static final String TOKEN = "operator-token";
  private static final ObjectMapper JSON = CliJson.newObjectMapper();
  private static final String OPERATIONS = "POST /api/v1/operations ";
  private static final String DRAIN_EUROPE_1 =
      "{\"type\":\"NODE_DRAIN\",\"parameters\":{\"node\":\"europe-1\"},";
  private static final String RESTART_EUROPE_1 =
      "{\"type\":\"NODE_RESTART\",\"parameters\":{\"node\":\"europe-1\"},";

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
  void listShowsEveryNodeWithHowManyPrimariesAndReplicasItHolds() {
    CliResult result = cli.run("node", "list");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines).hasSize(1 + 12 + 2);
    assertThat(lines.get(0)).matches("NODE +DC +ROLES +ADDRESS +HEALTH +PRIMARIES +REPLICAS");
    assertThat(lines.subList(1, 13))
        .extracting(line -> line.split(" +")[0])
        .containsExactly(
            "americas-1",
            "americas-2",
            "americas-3",
            "europe-1",
            "europe-2",
            "europe-3",
            "asia-1",
            "asia-2",
            "asia-3",
            "middle-east-1",
            "middle-east-2",
            "middle-east-3");
    assertThat(result.stdout())
        .containsPattern("americas-1 +americas +gateway,store +127\\.0\\.0\\.1:9001 +UP +1 +2\n")
        .containsPattern("americas-3 +americas +store +127\\.0\\.0\\.1:9003 +UP +0 +2\n")
        .containsPattern("europe-1 +europe +gateway,store +127\\.0\\.0\\.1:9011 +UP +2 +2\n")
        .containsPattern("europe-2 +europe +store +127\\.0\\.0\\.1:9012 +DOWN +0 +2\n")
        .containsPattern(
            "middle-east-1 +middle-east +gateway,store +127\\.0\\.0\\.1:9031 +UP +1 +0\n")
        .endsWith("\n\n12 nodes: 11 up, 1 down; shards from map version 12\n");
    assertThat(controlPlane.topologyAuthorizations()).containsExactly("Bearer " + TOKEN);
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/shards");
  }

  @Test
  void listFiltersByDataCentreIdOrName() {
    CliResult byId = cli.run("node", "list", "--dc", "europe");
    CliResult byName = cli.run("node", "list", "--dc", "Middle East");

    assertThat(byId.exitCode()).as("%s", byId).isZero();
    assertThat(nodeColumn(byId)).containsExactly("europe-1", "europe-2", "europe-3");
    assertThat(byId.stdout()).endsWith("\n3 nodes: 2 up, 1 down; shards from map version 12\n");
    assertThat(byName.exitCode()).as("%s", byName).isZero();
    assertThat(nodeColumn(byName))
        .containsExactly("middle-east-1", "middle-east-2", "middle-east-3");
  }

  @Test
  void listOfAnUnknownDataCentreNamesTheKnownOnesAndExitsWith3() {
    CliResult result = cli.run("node", "list", "--dc", "mars");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .isEqualTo(
            "Error: There is no data centre 'mars': the data centres are americas, europe, asia,"
                + " middle-east.\n");
    assertThat(controlPlane.readRequests()).as("the shard map is not read").isEmpty();
  }

  @Test
  void listAsJsonHasOneObjectPerNodeWithItsCounts() throws IOException {
    CliResult result = cli.run("node", "list", "--dc", "europe", "--output", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    JsonNode nodes = JSON.readTree(result.stdout());
    assertThat(nodes.isArray()).isTrue();
    assertThat(nodes).hasSize(3);
    JsonNode europe1 = nodes.get(0);
    assertThat(europe1.get("id").asText()).isEqualTo("europe-1");
    assertThat(europe1.get("dc").asText()).isEqualTo("europe");
    assertThat(europe1.get("roles"))
        .extracting(JsonNode::asText)
        .containsExactly("GATEWAY", "STORE");
    assertThat(europe1.get("gatewayAddress").asText()).isEqualTo("127.0.0.1:7011");
    assertThat(europe1.get("adminAddress").asText()).isEqualTo("127.0.0.1:9011");
    assertThat(europe1.get("health").asText()).isEqualTo("UP");
    assertThat(europe1.get("healthSince").asText()).isEqualTo("2025-03-01T09:30:15Z");
    assertThat(europe1.get("primaries").asInt()).isEqualTo(2);
    assertThat(europe1.get("replicas").asInt()).isEqualTo(2);
    JsonNode europe2 = nodes.get(1);
    assertThat(europe2.get("health").asText()).isEqualTo("DOWN");
    assertThat(europe2.get("lastError").asText()).isEqualTo("connection refused");
    assertThat(europe2.get("primaries").asInt()).isZero();
  }

  @Test
  void showPrintsTheNodeAndTheShardsItLeadsAndFollows() {
    CliResult result = cli.run("node", "show", "europe-1");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout())
        .isEqualTo(
            """
            Node         europe-1
            DC           europe
            Roles        gateway,store
            Health       UP since 2025-03-01T09:30:15Z
            Gateway      127.0.0.1:7011
            Admin        127.0.0.1:9011
            Leads        256,300 (2 shards)
            Follows      none
            Async        17,768 (2 shards)
            Map version  12
            """);
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/shards");
  }

  @Test
  void showWritesConsecutiveShardsAsRangesAndADownNodesLastError() {
    List<ShardSummary> shards = new ArrayList<>();
    IntStream.concat(IntStream.rangeClosed(512, 540), IntStream.of(600))
        .forEach(
            shard ->
                shards.add(
                    new ShardSummary(
                        shard, "asia", "asia-1", 1, List.of("asia-2", "asia-3"), List.of())));
    shards.add(
        new ShardSummary(
            256, "europe", "europe-1", 2, List.of("europe-2", "europe-3"), List.of("asia-1")));
    controlPlane.withShardMap(new ShardMapView(14, shards, List.of()));

    CliResult leader = cli.run("node", "show", "--node", "asia-1");
    CliResult follower = cli.run("node", "show", "asia-2");
    CliResult down = cli.run("node", "show", "europe-2");

    assertThat(leader.exitCode()).as("%s", leader).isZero();
    assertThat(leader.stdout())
        .containsPattern("Leads +512-540,600 \\(30 shards\\)\n")
        .containsPattern("Follows +none\n")
        .containsPattern("Async +256 \\(1 shard\\)\n")
        .containsPattern("Map version +14\n");
    assertThat(follower.exitCode()).as("%s", follower).isZero();
    assertThat(follower.stdout())
        .containsPattern("Leads +none\n")
        .containsPattern("Follows +512-540,600 \\(30 shards\\)\n");
    assertThat(down.exitCode()).as("%s", down).isZero();
    assertThat(down.stdout())
        .containsPattern("Health +DOWN since 2025-03-01T09:30:15Z\n")
        .containsPattern("Last error +connection refused\n")
        .containsPattern("Gateway +-\n")
        .containsPattern("Follows +256 \\(1 shard\\)\n");
  }

  @Test
  void showAsJsonHasTheShardNumbers() throws IOException {
    CliResult result = cli.run("node", "show", "americas-1", "-o", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    JsonNode node = JSON.readTree(result.stdout());
    assertThat(node.get("id").asText()).isEqualTo("americas-1");
    assertThat(node.get("mapVersion").asLong()).isEqualTo(ShardMaps.VERSION);
    assertThat(node.get("leads")).extracting(JsonNode::asInt).containsExactly(0);
    assertThat(node.get("follows")).extracting(JsonNode::asInt).containsExactly(17);
    assertThat(node.get("asyncReplicaOf")).extracting(JsonNode::asInt).containsExactly(300);
    assertThat(node.get("health").asText()).isEqualTo("UP");
  }

  @Test
  void showOfAnUnknownNodeNamesTheKnownOnesAndExitsWith3() {
    CliResult result = cli.run("node", "show", "europe-9");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .startsWith("Error: There is no node 'europe-9': the nodes are americas-1, americas-2,")
        .contains(", middle-east-3.\n");
    assertThat(controlPlane.readRequests()).as("the shard map is not read").isEmpty();
  }

  @Test
  void drainDryRunShowsThePlanAndSendsOnlyTheDryRun() {
    CliResult result = cli.run("node", "drain", "europe-1", "--dry-run");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout())
        .containsPattern("Plan +Drain europe-1: move its primaries to its DC's other nodes\n")
        .containsPattern("Node +europe-1\n")
        .containsPattern("Approval +not required\n")
        .containsPattern("1 +switch-shard-256 +Switch shard 256 from europe-1 to europe-3 at 3\n")
        .containsPattern("2 +switch-shard-300 +Switch shard 300 from europe-1 to europe-3 at 10\n")
        .doesNotContain("From");
    assertThat(controlPlane.operationRequests())
        .containsExactly(OPERATIONS + DRAIN_EUROPE_1 + "\"dryRun\":true}");
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void drainDeclinedCreatesNothingAndExitsWith3() {
    CliResult result = cli.standardInput("n\n").run("node", "drain", "europe-1");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).containsPattern("Plan +Drain europe-1");
    assertThat(result.stderr())
        .startsWith("Drain node europe-1 (2 steps)? [y/N] ")
        .contains("Error: Not confirmed: nothing was changed.");
    assertThat(controlPlane.operations()).isEmpty();
    assertThat(controlPlane.operationRequests())
        .containsExactly(OPERATIONS + DRAIN_EUROPE_1 + "\"dryRun\":true}");
  }

  @Test
  void drainConfirmedCreatesTheDrainAndWatchesItUntilItSucceeds() {
    CliResult result = cli.standardInput("y\n").run("node", "drain", "europe-1");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEqualTo("Drain node europe-1 (2 steps)? [y/N] ");
    OperationView drain = controlPlane.operations().get(0);
    assertThat(drain.type()).isEqualTo("NODE_DRAIN");
    assertThat(drain.state()).isEqualTo("SUCCEEDED");
    assertThat(result.stdout())
        .containsPattern("Type +NODE_DRAIN\n")
        .containsPattern("State +SUCCEEDED\n")
        .containsPattern(
            "1 +switch-shard-256 +SUCCEEDED +.*shard 256: europe-3 is the primary at epoch 3")
        .containsPattern(
            "2 +switch-shard-300 +SUCCEEDED +.*shard 300: europe-3 is the primary at epoch 10");
    assertThat(controlPlane.operationRequests())
        .containsExactly(
            OPERATIONS + DRAIN_EUROPE_1 + "\"dryRun\":true}",
            OPERATIONS + DRAIN_EUROPE_1 + "\"dryRun\":false}",
            "GET /api/v1/operations/" + drain.id(),
            "GET /api/v1/operations/" + drain.id());
  }

  @Test
  void drainWithYesDoesNotAskAndJsonIsOnlyTheFinishedOperation() throws IOException {
    CliResult result = cli.run("node", "drain", "europe-1", "--yes", "--output", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    OperationView finished = JSON.readValue(result.stdout(), OperationView.class);
    assertThat(finished.type()).isEqualTo("NODE_DRAIN");
    assertThat(finished.state()).isEqualTo("SUCCEEDED");
    assertThat(finished.steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            tuple("switch-shard-256", "SUCCEEDED"), tuple("switch-shard-300", "SUCCEEDED"));
    assertThat(finished).isEqualTo(controlPlane.operation(finished.id()));
    assertThat(controlPlane.operationRequests().get(1))
        .isEqualTo(OPERATIONS + DRAIN_EUROPE_1 + "\"dryRun\":false}");
  }

  @Test
  void failedDrainPrintsItAndExitsWith3() {
    controlPlane.failOperationsAt("switch-shard-300", "europe-3 refused the promotion");

    CliResult result = cli.run("node", "drain", "europe-1", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout())
        .containsPattern("State +FAILED\n")
        .containsPattern("Failure +switch-shard-300 failed: europe-3 refused the promotion\n")
        .containsPattern("1 +switch-shard-256 +SUCCEEDED")
        .containsPattern("2 +switch-shard-300 +FAILED");
    assertThat(result.stderr())
        .contains("Error: Operation ")
        .contains("ended FAILED: switch-shard-300 failed: europe-3 refused the promotion");
    assertThat(controlPlane.operations())
        .singleElement()
        .satisfies(operation -> assertThat(operation.state()).isEqualTo("FAILED"));
  }

  @Test
  void drainWithNoWatchReturnsTheRunningDrainAndHowToFollowIt() {
    CliResult result = cli.run("node", "drain", "--node", "europe-1", "--yes", "--no-watch");

    assertThat(result.exitCode()).as("%s", result).isZero();
    OperationView created = controlPlane.operations().get(0);
    assertThat(created.state()).isEqualTo("RUNNING");
    assertThat(result.stdout())
        .containsPattern("State +RUNNING\n")
        .endsWith("Started. Follow it with: op watch " + created.id() + "\n");
    assertThat(controlPlane.operationRequests()).hasSize(2);
  }

  @Test
  void drainOfAnUnknownOrDownNodeShowsTheProblemDetailAndExitsWith3() {
    CliResult unknown = cli.run("node", "drain", "europe-9", "--yes");
    CliResult down = cli.run("node", "drain", "europe-2", "--yes");

    assertThat(unknown.exitCode()).as("%s", unknown).isEqualTo(3);
    assertThat(unknown.stdout()).isEmpty();
    assertThat(unknown.stderr())
        .contains("HTTP 400: there is no node 'europe-9'; the nodes are americas-1");
    assertThat(down.exitCode()).as("%s", down).isEqualTo(3);
    assertThat(down.stderr())
        .contains("HTTP 400: europe-2 is down: its shards need a failover, not a drain");
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void restartDryRunSendsTheRestartRequestAndShowsItsPlan() throws IOException {
    CliResult table = cli.run("node", "restart", "europe-1", "--dry-run");
    CliResult json = cli.run("node", "restart", "europe-1", "--dry-run", "-o", "json");

    assertThat(table.exitCode()).as("%s", table).isZero();
    assertThat(table.stdout())
        .containsPattern("Plan +Restart europe-1: ")
        .containsPattern("Node +europe-1\n")
        .containsPattern("3 +stop-node +Stop europe-1 gracefully\n")
        .containsPattern("5 +await-rejoin +Wait until europe-1 serves the newest map");
    assertThat(json.exitCode()).as("%s", json).isZero();
    OperationView plan = JSON.readValue(json.stdout(), OperationView.class);
    assertThat(plan.id()).isNull();
    assertThat(plan.type()).isEqualTo("NODE_RESTART");
    assertThat(plan.steps())
        .extracting(StepView::name)
        .containsExactly(
            "switch-shard-256", "switch-shard-300", "stop-node", "start-node", "await-rejoin");
    assertThat(controlPlane.operationRequests())
        .containsExactly(
            OPERATIONS + RESTART_EUROPE_1 + "\"dryRun\":true}",
            OPERATIONS + RESTART_EUROPE_1 + "\"dryRun\":true}");
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void restartDeclinedCreatesNothing() {
    CliResult result = cli.standardInput("no\n").run("node", "restart", "europe-1");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stderr())
        .startsWith("Restart node europe-1 (5 steps)? [y/N] ")
        .contains("Not confirmed: nothing was changed.");
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void restartWithYesCreatesTheRestartAndWatchesIt() {
    CliResult result = cli.run("node", "restart", "europe-1", "-y");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    OperationView restart = controlPlane.operations().get(0);
    assertThat(restart.type()).isEqualTo("NODE_RESTART");
    assertThat(restart.state()).isEqualTo("SUCCEEDED");
    assertThat(result.stdout())
        .containsPattern("Type +NODE_RESTART\n")
        .containsPattern("State +SUCCEEDED\n")
        .containsPattern("3 +stop-node +SUCCEEDED +.*europe-1 stopped")
        .containsPattern("5 +await-rejoin +SUCCEEDED +.*europe-1 serves map version 12");
    assertThat(controlPlane.operationRequests().subList(0, 2))
        .containsExactly(
            OPERATIONS + RESTART_EUROPE_1 + "\"dryRun\":true}",
            OPERATIONS + RESTART_EUROPE_1 + "\"dryRun\":false}");
  }

  @Test
  void failedRestartExitsWith3() {
    controlPlane.failOperationsAt("await-rejoin", "europe-1 did not come back within 60 s");

    CliResult result = cli.run("node", "restart", "europe-1", "--yes", "-o", "json");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).contains("\"state\" : \"FAILED\"");
    assertThat(result.stderr())
        .contains("ended FAILED: await-rejoin failed: europe-1 did not come back within 60 s");
  }

  @Test
  void aBlankNodeIsAUsageErrorAndSendsNothing() {
    CliResult result = cli.run("node", "drain", "--node", " ", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains("Give the node to drain");
    assertThat(controlPlane.operationRequests()).isEmpty();
  }

  private static List<String> nodeColumn(CliResult result) {
    return result
        .stdout()
        .lines()
        .skip(1)
        .takeWhile(line -> !line.isEmpty())
        .map(line -> line.split(" +")[0])
        .toList();
  }
}
