package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an on-call engineer types: the real CLI jar against the real, running control plane. */
@ExtendWith(RunningControlPlane.Resolver.class)
class CliAgainstControlPlaneIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void allNodesUp(RunningControlPlane controlPlane) {
    controlPlane.awaitAllNodesUp(Duration.ofSeconds(30));
  }

  @Test
  void statusPrintsEveryDataCentreAndNodeAsATable(RunningControlPlane controlPlane)
      throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            List.of("status"),
            Map.of(
                "SWITCHBOARD_URL", controlPlane.url(),
                "SWITCHBOARD_TOKEN", controlPlane.adminToken()));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines.get(0)).contains("DC", "NODE", "ROLES", "HEALTH", "GATEWAY", "ADMIN", "SINCE");
    for (String dc : List.of("americas", "europe", "asia", "middle-east")) {
      for (int n = 1; n <= 3; n++) {
        String node = dc + "-" + n;
        assertThat(lines)
            .as("row of " + node)
            .anySatisfy(
                line -> assertThat(line).contains(node).contains("UP").contains("127.0.0.1:"));
      }
    }
    assertThat(result.stdout()).contains("4 data centres, 12 nodes: 12 up, 0 down");
  }

  @Test
  void statusAsJsonIsTheTopologyDocument(RunningControlPlane controlPlane) throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            List.of(
                "status",
                "--output",
                "json",
                "--url",
                controlPlane.url(),
                "--token",
                controlPlane.adminToken()),
            null);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode topology = JSON.readTree(result.stdout());
    assertThat(topology.get("dataCenters")).hasSize(4);
    assertThat(topology.findValuesAsText("health")).hasSize(12).containsOnly("UP");
    assertThat(topology.get("dataCenters").get(2).get("firstShard").asInt()).isEqualTo(512);
  }

  @Test
  void loginStoresATokenThatLaterCommandsUseAndAKilledNodeShowsDown(
      RunningControlPlane controlPlane) throws Exception {
    Path configDir = Files.createTempDirectory("switchboard-cli-config-");
    List<String> jvm = List.of("-Dswitchboard.config.dir=" + configDir);

    CliProcess.Result login =
        CliProcess.run(
            List.of("login", "--url", controlPlane.url(), "--username", "admin"),
            null,
            jvm,
            RunningControlPlane.ADMIN_PASSWORD + "\n");
    assertThat(login.exitCode()).as(login.toString()).isZero();
    assertThat(login.stdout()).contains("admin");
    assertThat(configDir.resolve("credentials.json")).exists();

    String victim = "americas-2";
    controlPlane.killNode(victim);
    try {
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> controlPlane.health(victim).equals("DOWN"));
      CliProcess.Result status = CliProcess.run(List.of("status"), null, jvm, null);
      assertThat(status.exitCode()).as(status.toString()).isZero();
      assertThat(status.stdout().lines())
          .anySatisfy(line -> assertThat(line).contains(victim).contains("DOWN"));
      assertThat(status.stdout()).contains("12 nodes: 11 up, 1 down");
    } finally {
      controlPlane.startNode(victim);
    }
  }

  @Test
  void badTokenExitsWithTwoAndSaysWhy(RunningControlPlane controlPlane) throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            List.of("status", "--url", controlPlane.url(), "--token", "sbt_not-a-real-token"),
            null);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).contains("not known");
    assertThat(result.stdout()).isEmpty();
  }
}
