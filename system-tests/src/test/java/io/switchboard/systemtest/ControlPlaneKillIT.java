package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.systemtest.NodeProcessCluster.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The control plane attached to a cluster of node processes ({@code switchboard.remote}) is killed
 * with SIGKILL in the middle of a node drain and started again on the same database: the drain
 * resumes where it stopped, repeats no finished step, and every shard ends on its planned target at
 * its planned epoch. The nodes outlive the control plane, as in production.
 *
 * <p>Then reconciliation: a node process killed and started again serves the cluster file's initial
 * map; the control plane installs the desired map on it without being asked (automatic failover is
 * off, so nothing else gives it that map).
 */
class ControlPlaneKillIT {

  private static final Pattern REPAIRS =
      Pattern.compile("(?m)^switchboard_reconciliation_repairs_total(?:\\{[^}]*\\})? (\\S+)$");
  private static final String DRAINED = "americas-1";
  private static final List<Member> NODES =
      List.of(
          new Member("americas-1", "americas"),
          new Member("americas-2", "americas"),
          new Member("americas-3", "americas"),
          new Member("europe-1", "europe"),
          new Member("asia-1", "asia"),
          new Member("middle-east-1", "middle-east"));

  @Test
  void aDrainResumesAfterTheControlPlaneIsKilledAndRepeatsNoFinishedStep() throws Exception {
    Path dir = Files.createTempDirectory("switchboard-remote-");
    try (NodeProcessCluster nodes = NodeProcessCluster.start(dir.resolve("nodes"), NODES)) {
      // Automatic failover is off: the restarted node below must get the desired map from
      // reconciliation alone. With it on, the node's death fails its shards over, and the new map's
      // publication can reach the node once it is back, before a reconciliation pass finds it
      // behind (seen on a slow host, where the restart outlasts the health checks' DOWN verdict).
      String[] attach = {
        "--switchboard.remote.cluster-file=" + nodes.clusterFile(),
        "--switchboard.failover.enabled=false"
      };

      RunningControlPlane first = RunningControlPlane.launch(dir, attach);
      String id;
      JsonNode beforeKill;
      try {
        JsonNode drain =
            first.post(
                "/api/v1/operations",
                "{\"type\":\"NODE_DRAIN\",\"parameters\":{\"node\":\""
                    + DRAINED
                    + "\"},\"dryRun\":false}");
        id = drain.get("id").asText();
        assertThat(drain.get("steps").size()).as("shards led by " + DRAINED).isGreaterThan(20);
        String path = "/api/v1/operations/" + id;
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> succeeded(first.get(path)).size() >= 3);
        beforeKill = first.get(path);
      } finally {
        first.kill();
      }
      assertThat(beforeKill.get("state").asText()).isEqualTo("RUNNING");
      Map<String, JsonNode> finishedBeforeKill = new LinkedHashMap<>();
      for (JsonNode step : succeeded(beforeKill)) {
        finishedBeforeKill.put(step.get("name").asText(), step);
      }

      try (RunningControlPlane second = RunningControlPlane.launch(dir, attach)) {
        String path = "/api/v1/operations/" + id;
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> !second.get(path).get("state").asText().equals("RUNNING"));
        JsonNode done = second.get(path);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");

        for (JsonNode step : done.get("steps")) {
          JsonNode earlier = finishedBeforeKill.get(step.get("name").asText());
          if (earlier != null) {
            assertThat(step.get("startedAt"))
                .as("not run again")
                .isEqualTo(earlier.get("startedAt"));
            assertThat(step.get("finishedAt")).isEqualTo(earlier.get("finishedAt"));
            assertThat(step.get("detail")).isEqualTo(earlier.get("detail"));
          }
        }

        JsonNode map = second.get("/api/v1/shards");
        JsonNode parameters = done.get("parameters");
        for (JsonNode step : done.get("steps")) {
          int shard =
              Integer.parseInt(step.get("name").asText().substring("switch-shard-".length()));
          JsonNode summary = map.get("shards").get(shard);
          assertThat(summary.get("primary").asText())
              .isEqualTo(parameters.get("shard." + shard + ".target").asText());
          assertThat(summary.get("epoch").asLong())
              .as("shard %d switched exactly once, at its planned epoch", shard)
              .isEqualTo(parameters.get("shard." + shard + ".epoch").asLong());
        }
        List<Integer> stillLed = new ArrayList<>();
        for (JsonNode summary : map.get("shards")) {
          if (summary.get("primary").asText().equals(DRAINED)
              && summary.get("followers").size() > 0) {
            stillLed.add(summary.get("shard").asInt());
          }
        }
        assertThat(stillLed).as("replicated shards still led by " + DRAINED).isEmpty();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> second.get("/api/v1/shards").get("drift").isEmpty());

        double repairsBefore = repairs(second.metrics());
        nodes.kill("americas-2");
        nodes.start("americas-2");
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  assertThat(repairs(second.metrics()))
                      // The log is read only when the assertion fails.
                      .as(
                          () ->
                              "the restarted node got the desired map from reconciliation; log:\n"
                                  + second.log())
                      .isGreaterThan(repairsBefore);
                  JsonNode afterRestart = second.get("/api/v1/shards");
                  assertThat(afterRestart.get("drift"))
                      .as(afterRestart.get("drift").toString())
                      .isEmpty();
                });
      }
    }
  }

  private static double repairs(String metrics) {
    Matcher value = REPAIRS.matcher(metrics);
    assertThat(value.find()).as("switchboard_reconciliation_repairs_total is exported").isTrue();
    return Double.parseDouble(value.group(1));
  }

  private static List<JsonNode> succeeded(JsonNode operation) {
    List<JsonNode> steps = new ArrayList<>();
    for (JsonNode step : operation.get("steps")) {
      if (step.get("state").asText().equals("SUCCEEDED")) {
        steps.add(step);
      }
    }
    return steps;
  }
}
