package io.switchboard.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cli.output.CliJson;
import io.switchboard.cli.testing.CliProcess;
import io.switchboard.cli.testing.CliResult;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.Topologies;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dc list} run as {@code java -jar switchboard-cli.jar} against a fake control plane. */
class DataCenterCommandIT {

  private static final String TOKEN = "operator-token";

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
  void tableHasOneRowPerDataCentre() {
    CliResult result = cli.run("dc", "list");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout())
        .isEqualTo(
            """
            DC           NAME         REGION  SHARDS    NODES UP  HEALTH
            americas     Americas     US      0-255     3/3       UP
            europe       Europe       EU      256-511   2/3       DEGRADED
            asia         Asia         APAC    512-767   3/3       UP
            middle-east  Middle East  ME      768-1023  3/3       UP
            """);
    assertThat(controlPlane.topologyAuthorizations()).containsExactly("Bearer " + TOKEN);
  }

  @Test
  void jsonHasOneObjectPerDataCentre() throws IOException {
    CliResult result = cli.run("dc", "list", "--output", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    JsonNode dataCenters = CliJson.newObjectMapper().readTree(result.stdout());
    assertThat(dataCenters).hasSize(4);
    assertThat(dataCenters)
        .extracting(dc -> dc.get("id").asText())
        .containsExactly("americas", "europe", "asia", "middle-east");
    JsonNode europe = dataCenters.get(1);
    assertThat(europe.get("name").asText()).isEqualTo("Europe");
    assertThat(europe.get("region").asText()).isEqualTo("EU");
    assertThat(europe.get("firstShard").asInt()).isEqualTo(256);
    assertThat(europe.get("lastShard").asInt()).isEqualTo(511);
    assertThat(europe.get("nodesUp").asInt()).isEqualTo(2);
    assertThat(europe.get("nodes").asInt()).isEqualTo(3);
    assertThat(europe.get("health").asText()).isEqualTo("DEGRADED");
  }

  @Test
  void unknownOutputFormatIsAUsageErrorAndCallsNothing() {
    CliResult result = cli.run("dc", "list", "-o", "yaml");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains("Unknown --output 'yaml'");
    assertThat(controlPlane.topologyAuthorizations()).isEmpty();
  }

  @Test
  void refusedTokenExitsWith2() {
    CliResult result = cli.env("SWITCHBOARD_TOKEN", "wrong").run("dc", "list");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stderr()).contains("HTTP 401");
  }
}
