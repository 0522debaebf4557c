package io.switchboard.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.topology.TopologyView;
import io.switchboard.cli.output.CliJson;
import io.switchboard.cli.testing.CliProcess;
import io.switchboard.cli.testing.CliResult;
import io.switchboard.cli.testing.ClosedPort;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.Topologies;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} run as {@code java -jar switchboard-cli.jar} against a fake control plane. */
class StatusCommandIT {

  private static final String TOKEN = "operator-token";

  @TempDir Path temp;

  private FakeControlPlane controlPlane;
  private CliProcess cli;

  @BeforeEach
  void startControlPlane() {
    controlPlane = FakeControlPlane.serving(Topologies.fourDataCentres());
    controlPlane.acceptToken(TOKEN);
    cli = new CliProcess(temp.resolve("config"));
  }

  @AfterEach
  void stopControlPlane() {
    controlPlane.close();
  }

  @Test
  void tableListsEveryNodeWithItsHealthAndEndsWithTheSummary() {
    CliResult result = cli.run("status", "--url", url(), "--token", TOKEN);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout().lines().findFirst())
        .hasValueSatisfying(
            header ->
                assertThat(header.split("\\s+"))
                    .containsExactly("DC", "NODE", "ROLES", "HEALTH", "GATEWAY", "ADMIN", "SINCE"));
    assertThat(result.stdout())
        .containsPattern(
            "europe +eu-1 +gateway,store +UP +127\\.0\\.0\\.1:7011 +127\\.0\\.0\\.1:9011")
        .containsPattern("europe +eu-2 +store +DOWN +- +127\\.0\\.0\\.1:9012 +2025-03-01T09:30:15Z")
        .endsWith("4 data centres, 12 nodes: 11 up, 1 down\n");
    for (String node : new String[] {"am-", "eu-", "as-", "me-"}) {
      for (int number = 1; number <= 3; number++) {
        assertThat(result.stdout()).contains(" " + node + number + " ");
      }
    }
  }

  @Test
  void jsonIsTheTopologyViewWithIsoTimestamps() throws IOException {
    CliResult result = cli.run("status", "--output", "json", "--url", url(), "--token", TOKEN);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout())
        .as("only the JSON document, so that it can be piped to jq")
        .startsWith("{")
        .endsWith("}\n")
        .contains("\"observedAt\" : \"2025-03-01T10:00:00Z\"");
    assertThat(CliJson.newObjectMapper().readValue(result.stdout(), TopologyView.class))
        .isEqualTo(Topologies.fourDataCentres());
  }

  @Test
  void urlAndTokenComeFromTheEnvironment() {
    CliResult result =
        cli.env("SWITCHBOARD_URL", url()).env("SWITCHBOARD_TOKEN", TOKEN).run("status");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(controlPlane.topologyAuthorizations()).containsExactly("Bearer " + TOKEN);
  }

  @Test
  void commandLineOptionsBeatTheEnvironment() {
    CliResult result =
        cli.env("SWITCHBOARD_URL", ClosedPort.url())
            .env("SWITCHBOARD_TOKEN", "stale-token")
            .run("status", "--url", url(), "--token", TOKEN);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(controlPlane.topologyAuthorizations()).containsExactly("Bearer " + TOKEN);
  }

  @Test
  void unknownOutputFormatIsAUsageErrorAndCallsNothing() {
    CliResult result = cli.run("status", "--output", "xml", "--url", url(), "--token", TOKEN);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("Unknown --output 'xml'").contains("table, json");
    assertThat(controlPlane.topologyAuthorizations()).isEmpty();
  }

  @Test
  void refusedTokenExitsWith2AndSaysToLogIn() {
    CliResult result = cli.run("status", "--url", url(), "--token", "wrong-token");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains("HTTP 401: Bearer token missing or invalid")
        .contains("Run 'login'");
  }

  @Test
  void unreachableControlPlaneExitsWith2() {
    String unreachable = ClosedPort.url();

    CliResult result = cli.run("status", "--url", unreachable, "--token", TOKEN);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains("Cannot reach the control plane at " + unreachable + ": connection refused");
  }

  @Test
  void serverErrorExitsWith3AndShowsTheProblemDetail() {
    controlPlane.failTopology(503, "Service Unavailable", "topology store is recovering");

    CliResult result = cli.run("status", "--url", url(), "--token", TOKEN);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("HTTP 503: topology store is recovering");
  }

  private String url() {
    return controlPlane.url().toString();
  }
}
