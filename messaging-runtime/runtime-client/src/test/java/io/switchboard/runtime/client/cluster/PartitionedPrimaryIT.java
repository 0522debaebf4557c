package io.switchboard.runtime.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.node.replication.ShardPromotion;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.MessageSent;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.replication.ShardReplica;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.Shards;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A primary cut off its cluster network while its process runs on (a drill's partition fault):
 * peers and health checks find it unreachable, its shard fails over, a write its own gateway
 * accepts at the old epoch is never acknowledged and never appears, and when the partition heals
 * the old primary follows the new one and drops that write.
 */
class PartitionedPrimaryIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration ISOLATION = Duration.ofSeconds(10);
  private static final RetryPolicy ONCE =
      new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1));

  @RegisterExtension final TwelveNodeCluster nodes = TwelveNodeCluster.perTest();

  @Test
  void anIsolatedOldPrimaryCannotHaveAWriteAcknowledgedAndDropsItWhenItRejoins() throws Exception {
    GatewayClient registrar = nodes.connect(RetryPolicy.DEFAULT, "americas-1");
    Registered ada = registrar.register("Ada", "americas").get();
    int shard = Shards.shardOf(ada.getUserId());
    ReplicaSet before = nodes.cluster().shardMap().replicaSet(shard);
    String oldPrimary = before.primary();
    String other = before.followers().get(0);
    GatewayClient writer = nodes.connect(RetryPolicy.DEFAULT, other);
    writer.authenticate(ada.getToken()).get();
    for (int i = 0; i < 5; i++) {
      writer.send(self(ada), "before " + i).get();
    }
    GatewayClient stale = nodes.connect(ONCE, oldPrimary);
    stale.authenticate(ada.getToken()).get();

    nodes.cluster().admin().isolate(oldPrimary, ISOLATION).get(5, TimeUnit.SECONDS);

    assertThat(nodes.cluster().admin().probe(other, oldPrimary, 1000).get().getReachable())
        .as("a peer no longer reaches the isolated node")
        .isFalse();
    assertThatThrownBy(() -> health(oldPrimary))
        .as("the health check finds it unreachable")
        .isInstanceOf(IOException.class);
    assertThat(nodes.cluster().node(oldPrimary).orElseThrow().isRunning()).isTrue();

    ShardPromotion.Outcome outcome = nodes.cluster().failOver(List.of(shard), oldPrimary);
    assertThat(outcome.failures()).isEmpty();
    ReplicaSet after = outcome.map().replicaSet(shard);
    assertThat(after.primary()).isNotEqualTo(oldPrimary);
    assertThat(after.epoch()).isGreaterThan(before.epoch());
    writer.send(self(ada), "after the failover").get(WAIT.toSeconds(), TimeUnit.SECONDS);

    CompletableFuture<MessageSent> throughOldPrimary = stale.send(self(ada), "stale epoch");
    assertThatThrownBy(() -> throughOldPrimary.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the old primary's write is never acknowledged")
        .isInstanceOf(ExecutionException.class);

    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> nodes.cluster().admin().probe(other, oldPrimary, 1000).get().getReachable());
    nodes.cluster().publish(nodes.cluster().shardMap());
    await()
        .atMost(WAIT)
        .until(
            () -> {
              ReplicaStatus rejoined = nodes.store(oldPrimary).replicas().status(shard);
              ReplicaStatus leader = nodes.store(after.primary()).replicas().status(shard);
              return rejoined.role() == ShardReplica.Role.FOLLOWER
                  && rejoined.highestEpoch() == after.epoch()
                  && rejoined.lastSeq() == leader.lastSeq();
            });
    assertThat(health(oldPrimary)).isEqualTo(200);

    GatewayClient reader = nodes.connect(RetryPolicy.DEFAULT, oldPrimary);
    reader.authenticate(ada.getToken()).get();
    List<String> texts =
        reader.getDifference(0, 100).get().getUpdatesList().stream()
            .map(MailboxUpdate::getNewMessage)
            .map(message -> message.getText())
            .toList();
    assertThat(texts)
        .containsExactly(
            "before 0", "before 1", "before 2", "before 3", "before 4", "after the failover");
    reader.send(self(ada), "through the healed node").get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void anIsolationOutOfRangeIsRefused() {
    assertThatThrownBy(() -> nodes.cluster().admin().isolate("europe-1", Duration.ZERO).get())
        .hasMessageContaining("an isolation lasts 1 to 600000 ms");
    assertThatThrownBy(() -> nodes.cluster().admin().isolate("europe-1", Duration.ofHours(1)).get())
        .hasMessageContaining("an isolation lasts 1 to 600000 ms");
  }

  /** The node's admin /health status code; an IOException when the node cannot be reached. */
  private int health(String nodeId) throws IOException, InterruptedException {
    int port = nodes.cluster().node(nodeId).orElseThrow().adminPort();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static Peer self(Registered user) {
    return Peer.newBuilder().setUserId(user.getUserId()).build();
  }
}
