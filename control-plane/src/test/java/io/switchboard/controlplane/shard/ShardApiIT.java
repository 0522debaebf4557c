package io.switchboard.controlplane.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.shard.ShardApi;
import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.controlplane.ControlPlaneIT;
import io.switchboard.controlplane.shardmap.ShardMapStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The shard map over the API: desired state with drift, one shard's replicas and history, and the
 * control plane's stored copy of every map it publishes.
 */
class ShardApiIT extends ControlPlaneIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired private ShardMapStore store;

  @Test
  void aSwitchedShardShowsItsNewPrimaryHistoryAndStoredMap() {
    String token = adminToken().token();
    ShardApi shards = client(ShardApi.class, token);
    ShardMapView before = shards.shards();
    assertThat(before.shards()).hasSize(1024);
    assertThat(before.shards().get(5).homeDc()).isEqualTo("americas");

    OperationApi operations = client(OperationApi.class, token);
    OperationView switched =
        operations.create(new OperationRequest("SHARD_SWITCHOVER", Map.of("shard", "5"), false));
    await().atMost(WAIT).until(() -> operations.get(switched.id()).state().equals("SUCCEEDED"));

    ShardMapView after = shards.shards();
    assertThat(after.version()).isGreaterThan(before.version());
    // A node slower to answer than the drift check's timeout counts as drift for a moment.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(shards.shards().drift()).as("every node serves the new map").isEmpty());
    // An automatic failover of another test's killed node may have published a newer map since.
    assertThat(store.newest())
        .hasValueSatisfying(
            map -> assertThat(map.version()).isGreaterThanOrEqualTo(after.version()));
    ShardView shard = shards.shard(5);
    assertThat(shard.summary().primary()).isEqualTo(switched.parameters().get("target"));
    assertThat(shard.replicas()).hasSize(4);
    assertThat(shard.replicas().get(0).kind()).isEqualTo("PRIMARY");
    await().atMost(WAIT).until(() -> shards.shard(5).replicas().get(0).role().equals("PRIMARY"));
    assertThat(shard.replicas()).allMatch(ShardView.ReplicaView::reachable);
    assertThat(shard.history())
        .extracting(ShardView.HistoryEntry::operationId)
        .contains(switched.id());
  }

  @Test
  void aKilledNodeIsDriftAndAnUnknownShardIsA404() {
    String token = adminToken().token();
    TopologyApi topology = topologyAs(token);
    topology.killNode("middle-east-3");
    try {
      assertThat(client(ShardApi.class, token).shards().drift())
          .contains("middle-east-3 is down: it serves no map");
    } finally {
      topology.startNode("middle-east-3");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  topology.topology().dataCenters().stream()
                      .flatMap(dc -> dc.nodes().stream())
                      .filter(node -> node.id().equals("middle-east-3"))
                      .allMatch(node -> node.health() == NodeHealth.UP));
    }
    assertThatThrownBy(() -> client(ShardApi.class, token).shard(4096))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e -> assertThat(e.getResponseBodyAsString()).contains("shards are 0 to 1023"));
  }
}
