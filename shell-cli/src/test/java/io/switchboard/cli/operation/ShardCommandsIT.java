package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardMapView.ShardSummary;
import io.switchboard.api.shard.ShardView;
import io.switchboard.cli.output.CliJson;
import io.switchboard.cli.testing.CliProcess;
import io.switchboard.cli.testing.CliResult;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.Operations;
import io.switchboard.cli.testing.ShardMaps;
import io.switchboard.cli.testing.Topologies;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shard list} and {@code shard show} run as {@code java -jar switchboard-cli.jar} against a
 * fake control plane serving the map of {@link ShardMaps}.
 */
class ShardCommandsIT {

  private static final String TOKEN = "operator-token";
  private static final ObjectMapper JSON = CliJson.newObjectMapper();

  @TempDir Path temp;

  private FakeControlPlane controlPlane;
  private CliProcess cli;

  @BeforeEach
  void startControlPlane() {
    controlPlane = FakeControlPlane.serving(Topologies.fourDataCentres());
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
  void listShowsEveryShardThenTheMapVersionAndTheDrift() {
    CliResult result = cli.run("shard", "list");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines.get(0))
        .matches("SHARD +HOME DC +PRIMARY +EPOCH +FOLLOWERS +ASYNC")
        .isEqualTo(lines.get(0).stripTrailing());
    assertThat(lines.subList(1, 7))
        .extracting(line -> line.split(" +")[0])
        .containsExactly("0", "17", "256", "300", "512", "768");
    assertThat(lines.get(2))
        .matches("17 +americas +americas-2 +5 +americas-1,americas-3 +europe-1");
    assertThat(lines.get(5)).matches("512 +asia +asia-1 +1 +asia-2,asia-3 +-");
    assertThat(lines.subList(7, lines.size()))
        .containsExactly(
            "", "Map version 12", "Drift:", "  americas-3 serves map version 11, not 12");
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/shards");
  }

  @Test
  void listFiltersByHomeDcAndByANodeHoldingAReplica() {
    CliResult byDc = cli.run("shard", "list", "--dc", "europe");
    CliResult byNode = cli.run("shard", "list", "--node", "europe-1");
    CliResult limited = cli.run("shard", "list", "--node", "europe-1", "--limit", "2");
    CliResult none = cli.run("shard", "list", "--dc", "europe", "--node", "asia-2");

    assertThat(byDc.exitCode()).as("%s", byDc).isZero();
    assertThat(shardColumn(byDc)).containsExactly("256", "300");
    assertThat(byNode.exitCode()).as("%s", byNode).isZero();
    assertThat(shardColumn(byNode))
        .as("primary of 256 and 300, async replica of 17 and 768")
        .containsExactly("17", "256", "300", "768");
    assertThat(limited.exitCode()).as("%s", limited).isZero();
    assertThat(shardColumn(limited)).containsExactly("17", "256");
    assertThat(none.exitCode()).as("%s", none).isZero();
    assertThat(none.stdout()).startsWith("No shards match.\n").contains("Map version 12\n");
  }

  @Test
  void listAsJsonIsTheFilteredMapAndSaysNoDriftInTables() throws IOException {
    CliResult result = cli.run("shard", "list", "--dc", "americas", "-o", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    ShardMapView map = JSON.readValue(result.stdout(), ShardMapView.class);
    assertThat(map.version()).isEqualTo(ShardMaps.VERSION);
    assertThat(map.shards()).extracting(ShardSummary::shard).containsExactly(0, 17);
    assertThat(map.shards().get(1)).isEqualTo(ShardMaps.shards().get(1));
    assertThat(map.drift()).containsExactly(ShardMaps.DRIFT);

    controlPlane.withShardMap(new ShardMapView(13, ShardMaps.shards(), List.of()));
    CliResult noDrift = cli.run("shard", "list", "--limit", "1");

    assertThat(noDrift.exitCode()).as("%s", noDrift).isZero();
    assertThat(noDrift.stdout())
        .endsWith("\nMap version 13\nNo drift: every running node serves this map.\n");
  }

  @Test
  void listRejectsALimitBelowOne() {
    CliResult result = cli.run("shard", "list", "--limit", "0");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains("--limit must be at least 1, not 0.");
    assertThat(controlPlane.readRequests()).isEmpty();
  }

  @Test
  void showPrintsTheReplicaSetTheReplicasAndTheHistory() {
    controlPlane
        .withOperation(Operations.succeededSwitchover())
        .withOperation(Operations.rolledBackSwitchover());

    CliResult result = cli.run("shard", "show", "300");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout())
        .containsPattern("Shard +300\n")
        .containsPattern("Home DC +europe\n")
        .containsPattern("Primary +europe-1\n")
        .containsPattern("Epoch +9\n")
        .containsPattern("Followers +europe-2,europe-3\n")
        .containsPattern("Async +americas-1\n")
        .containsPattern(
            "NODE +DC +KIND +REACHABLE +ROLE +LAST SEQ +COMMIT SEQ +LAG RECORDS +LAG MS\n")
        .containsPattern("europe-1 +europe +PRIMARY +yes +PRIMARY +1042 +1042 +0 +0\n")
        .containsPattern("europe-2 +europe +FOLLOWER +no +- +0 +0 +0 +0\n")
        .containsPattern("europe-3 +europe +FOLLOWER +yes +FOLLOWER +1039 +1039 +3 +120\n")
        .containsPattern("americas-1 +americas +ASYNC +yes +FOLLOWER +1002 +1002 +40 +2500\n")
        .containsPattern("OPERATION +TITLE +STATE +UPDATED\n")
        .containsPattern(
            Operations.ROLLED_BACK_ID
                + " +Switch shard 300 from europe-1 to europe-3 +ROLLED_BACK"
                + " +2025-03-01T09:10:02Z\n")
        .doesNotContain(Operations.SUCCEEDED_ID);
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/shards/300");
  }

  @Test
  void showOfAShardWithoutOperationsSaysSo() {
    CliResult result = cli.run("shard", "show", "--shard", "512");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stdout()).endsWith("No operations have acted on this shard.\n");
  }

  @Test
  void showAsJsonIsTheShardView() throws IOException {
    controlPlane.withOperation(Operations.succeededSwitchover());

    CliResult result = cli.run("shard", "show", "17", "--output", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    ShardView view = JSON.readValue(result.stdout(), ShardView.class);
    assertThat(view.summary()).isEqualTo(ShardMaps.shards().get(1));
    assertThat(view.replicas()).isEqualTo(ShardMaps.replicas(ShardMaps.shards().get(1)));
    assertThat(view.history())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.operationId()).isEqualTo(Operations.SUCCEEDED_ID);
              assertThat(entry.state()).isEqualTo("SUCCEEDED");
            });
    assertThat(result.stdout()).contains("\"updatedAt\" : \"2025-03-01T09:00:04Z\"");
  }

  @Test
  void showOfAnUnknownShardShowsTheProblemDetailAndExitsWith3() {
    CliResult result = cli.run("shard", "show", "4096");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("HTTP 404: There is no shard 4096: shards are 0 to 1023.");
  }

  @Test
  void showOfSomethingThatIsNotANumberIsAUsageError() {
    CliResult result = cli.run("shard", "show", "seventeen");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains("'seventeen' is not a shard");
    assertThat(controlPlane.readRequests()).isEmpty();
  }

  @Test
  void withoutAValidTokenAccessIsRefusedWithExitStatus2() {
    CliResult result = cli.env("SWITCHBOARD_TOKEN", "wrong").run("shard", "list");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stderr()).contains("HTTP 401");
  }

  private static List<String> shardColumn(CliResult result) {
    return result
        .stdout()
        .lines()
        .skip(1)
        .takeWhile(line -> !line.isEmpty())
        .map(line -> line.split(" +")[0])
        .toList();
  }
}
