package io.switchboard.controlplane.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.controlplane.ControlPlaneIT;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The control plane's own metrics on {@code /actuator/prometheus}: its health, and the state of
 * reconciliation (desired map version, nodes drifting from it).
 */
class ControlPlaneMetricsIT extends ControlPlaneIT {

  @Autowired private ReplicaControl replicas;

  @Test
  void exportsItsHealthTheDesiredMapVersionAndNoDriftOnAHealthyCluster() {
    String token = adminToken().token();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String metrics = scrape(token);
              assertThat(value(metrics, "switchboard_control_plane_up")).isEqualTo(1.0);
              assertThat(value(metrics, "switchboard_shard_map_version"))
                  .isEqualTo((double) replicas.shardMap().version());
              assertThat(value(metrics, "switchboard_shard_map_drift_nodes")).isZero();
              assertThat(value(metrics, "switchboard_reconciliation_repairs_total"))
                  .isGreaterThanOrEqualTo(0);
            });
  }

  private static double value(String metrics, String name) {
    Matcher line = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
    assertThat(line.find()).as(name + " is exported").isTrue();
    return Double.parseDouble(line.group(1));
  }

  private String scrape(String token) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
