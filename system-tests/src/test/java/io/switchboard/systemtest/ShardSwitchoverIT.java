package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A planned shard switchover as on-call runs it: the real CLI jar against the real control plane
 * and its embedded cluster, which moves the shard's primary for real (catch-up, fence, promote,
 * publish).
 */
@ExtendWith(RunningControlPlane.Resolver.class)
class ShardSwitchoverIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A Europe shard: its replica set stays clear of the node other tests kill (americas-2). */
  private static final String SHARD = "300";

  private static final Pattern OPERATION_ID = Pattern.compile("(?m)^ID +(\\S+)$");

  @BeforeEach
  void allNodesUp(RunningControlPlane controlPlane) {
    controlPlane.awaitAllNodesUp(Duration.ofSeconds(30));
  }

  @Test
  void switchoverWithYesSucceedsAndIsListedAsSucceeded(RunningControlPlane controlPlane)
      throws Exception {
    Map<String, String> environment =
        Map.of(
            "SWITCHBOARD_URL", controlPlane.url(),
            "SWITCHBOARD_TOKEN", controlPlane.adminToken());

    CliProcess.Result switchover =
        CliProcess.run(List.of("shard", "switchover", SHARD, "--yes"), environment);

    assertThat(switchover.exitCode()).as(switchover + "\n" + controlPlane.log()).isZero();
    assertThat(switchover.stdout())
        .contains("Switch shard " + SHARD + " from europe-")
        .containsPattern("(?m)^State +SUCCEEDED$")
        .containsPattern("(?m)^4 +publish +SUCCEEDED ")
        .doesNotContain("\u001b");
    Matcher id = OPERATION_ID.matcher(switchover.stdout());
    assertThat(id.find()).as(switchover.toString()).isTrue();

    CliProcess.Result list = CliProcess.run(List.of("op", "list", "--output", "json"), environment);

    assertThat(list.exitCode()).as(list.toString()).isZero();
    JsonNode operations = JSON.readTree(list.stdout());
    assertThat(operations.isArray()).as(list.stdout()).isTrue();
    JsonNode listed = null;
    for (JsonNode operation : operations) {
      if (operation.get("id").asText().equals(id.group(1))) {
        listed = operation;
      }
    }
    assertThat(listed).as("operation %s in %s", id.group(1), list.stdout()).isNotNull();
    assertThat(listed.get("type").asText()).isEqualTo("SHARD_SWITCHOVER");
    assertThat(listed.get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(listed.get("parameters").get("shard").asText()).isEqualTo(SHARD);
    assertThat(listed.get("steps").findValuesAsText("state"))
        .containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
    assertThat(listed.get("steps").findValuesAsText("name"))
        .containsExactly("catch-up", "fence", "promote", "publish");
  }
}
