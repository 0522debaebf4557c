package io.switchboard.controlplane.operation;

import static io.switchboard.controlplane.MessagingClients.self;
import static io.switchboard.controlplane.MessagingClients.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.controlplane.ControlPlaneIT;
import io.switchboard.controlplane.MessagingClients;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.Shards;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.HttpClientErrorException;

/**
 * A planned shard switchover through the REST API on the embedded cluster: previewed as a dry run,
 * then run while a client keeps writing to the shard. The primary moves to the target at the next
 * epoch, every step is recorded, and every acknowledged message is in the mailbox exactly once.
 */
class ShardSwitchoverIT extends ControlPlaneIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired private ReplicaControl replicas;

  @Test
  void aSwitchoverMovesThePrimaryToTheTargetAndLosesNoAcknowledgedMessage() throws Exception {
    String token = adminToken().token();
    OperationApi operations = client(OperationApi.class, token);
    try (GatewayClient ada =
        MessagingClients.connect(topologyAs(token), "americas", "switchover-it", c -> c)) {
      long adaId = ada.register("Ada", "americas").get(30, TimeUnit.SECONDS).getUserId();
      int shard = Shards.shardOf(adaId);
      ReplicaSet before = replicas.shardMap().replicaSet(shard);
      Map<String, String> parameters = Map.of("shard", Integer.toString(shard));

      OperationView plan =
          operations.create(new OperationRequest("SHARD_SWITCHOVER", parameters, true));
      assertThat(plan.id()).as("a dry run stores nothing").isNull();
      assertThat(plan.parameters())
          .containsEntry("from", before.primary())
          .containsEntry("target", before.followers().get(0))
          .containsEntry("epoch", Long.toString(before.epoch() + 1));
      assertThat(plan.steps())
          .extracting(OperationView.StepView::name)
          .containsExactly("catch-up", "fence", "promote", "publish");

      List<String> acknowledged = new ArrayList<>();
      AtomicBoolean writing = new AtomicBoolean(true);
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; writing.get() || i < 20; i++) {
                  String text = "during the switchover " + i;
                  ada.send(self(adaId), text).join();
                  synchronized (acknowledged) {
                    acknowledged.add(text);
                  }
                }
              });
      await().atMost(WAIT).until(() -> size(acknowledged) >= 10);

      OperationView started =
          operations.create(new OperationRequest("SHARD_SWITCHOVER", parameters, false));
      assertThat(started.id()).isNotNull();
      assertThat(started.requester()).isEqualTo("admin");
      await().atMost(WAIT).until(() -> terminal(operations.get(started.id()).state()));
      writing.set(false);
      writer.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      OperationView done = operations.get(started.id());
      assertThat(done.state()).as(done.failure()).isEqualTo("SUCCEEDED");
      assertThat(done.steps()).allMatch(step -> step.state().equals("SUCCEEDED"));
      assertThat(done.steps()).allMatch(step -> step.detail() != null && step.finishedAt() != null);
      ReplicaSet after = replicas.shardMap().replicaSet(shard);
      assertThat(after.primary()).isEqualTo(before.followers().get(0));
      assertThat(after.epoch()).isEqualTo(before.epoch() + 1);
      assertThat(after.followers()).contains(before.primary());
      assertThat(operations.list(10)).extracting(OperationView::id).contains(started.id());

      assertThat(scrape(token))
          .contains("switchboard_operations_total{outcome=\"SUCCEEDED\",type=\"SHARD_SWITCHOVER\"}")
          .contains("switchboard_operation_duration_seconds_count{outcome=\"SUCCEEDED\"");

      ada.send(self(adaId), "after the switchover").get(30, TimeUnit.SECONDS);
      List<String> stored = texts(ada);
      List<String> expected = new ArrayList<>(acknowledged);
      expected.add("after the switchover");
      assertThat(stored).as("every acknowledged message once, in order").isEqualTo(expected);
    }
  }

  @Test
  void requestsThatCannotBePlannedAreRefusedWithAReason() {
    OperationApi operations = client(OperationApi.class, adminToken().token());
    assertThatThrownBy(
            () ->
                operations.create(
                    new OperationRequest("SHARD_SWITCHOVER", Map.of("shard", "5000"), true)))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e -> {
              assertThat(e.getStatusCode().value()).isEqualTo(400);
              assertThat(e.getResponseBodyAsString()).contains("shards are 0 to 1023");
            });
    ReplicaSet set = replicas.shardMap().replicaSet(7);
    String notAFollower = set.asyncReplicas().isEmpty() ? "nobody" : set.asyncReplicas().get(0);
    assertThatThrownBy(
            () ->
                operations.create(
                    new OperationRequest(
                        "SHARD_SWITCHOVER", Map.of("shard", "7", "target", notAFollower), true)))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e -> assertThat(e.getResponseBodyAsString()).contains("is not an in-DC follower"));
    assertThatThrownBy(
            () -> operations.create(new OperationRequest("REBOOT_EVERYTHING", Map.of(), true)))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e -> assertThat(e.getResponseBodyAsString()).contains("unknown operation type"));
    assertThatThrownBy(() -> operations.get("no-such-operation"))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e -> assertThat(e.getStatusCode().value()).isEqualTo(404));
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

  private static int size(List<String> list) {
    synchronized (list) {
      return list.size();
    }
  }

  private static boolean terminal(String state) {
    return List.of("SUCCEEDED", "FAILED", "CANCELLED", "ROLLED_BACK").contains(state);
  }
}
