package io.switchboard.controlplane.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.controlplane.ControlPlaneIT;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.sharding.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A node drain on the embedded cluster: every primary of the node moves to another node of its DC
 * by one planned switchover per shard, and the node leads nothing afterwards.
 */
class NodeDrainIT extends ControlPlaneIT {

  private static final String NODE = "asia-1";

  @Autowired private ReplicaControl replicas;

  @Test
  void aDrainedNodeLeadsNoShardAndItsPrimariesSpreadOverItsDc() {
    List<Integer> led = ledBy(NODE);
    assertThat(led).isNotEmpty();
    OperationApi operations = client(OperationApi.class, adminToken().token());

    OperationView plan =
        operations.create(new OperationRequest("NODE_DRAIN", Map.of("node", NODE), true));
    assertThat(plan.steps()).hasSize(led.size());
    assertThat(plan.resources()).contains("node:" + NODE, "shard:" + led.get(0));

    OperationView drain =
        operations.create(new OperationRequest("NODE_DRAIN", Map.of("node", NODE), false));
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> !operations.get(drain.id()).state().equals("RUNNING"));

    OperationView done = operations.get(drain.id());
    assertThat(done.state()).as(done.failure()).isEqualTo("SUCCEEDED");
    assertThat(ledBy(NODE)).isEmpty();
    for (int shard : led) {
      ReplicaSet set = replicas.shardMap().replicaSet(shard);
      assertThat(set.primary()).startsWith("asia-");
      assertThat(set.followers()).contains(NODE);
    }
    assertThat(
            led.stream().map(shard -> replicas.shardMap().replicaSet(shard).primary()).distinct())
        .as("the targets rotate over the DC's other nodes")
        .hasSize(2);
  }

  private List<Integer> ledBy(String node) {
    return replicas.shardMap().replicaSets().stream()
        .filter(set -> set.primary().equals(node))
        .map(ReplicaSet::shard)
        .toList();
  }
}
