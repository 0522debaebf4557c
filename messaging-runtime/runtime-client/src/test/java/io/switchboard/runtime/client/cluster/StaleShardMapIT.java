package io.switchboard.runtime.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.GatewayClientConfig;
import io.switchboard.runtime.node.InProcessCluster;
import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.node.RuntimeNode;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.ShardRange;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway routing by a stale shard map: its request reaches a store node that does not lead the
 * shard, which answers WRONG_SHARD with its newer map version; the gateway fetches that map,
 * installs it and retries at the right leader. The client sees only the answer. One data centre
 * homes every shard, so two store nodes share them.
 */
class StaleShardMapIT {

  @TempDir Path dataDir;

  private InProcessCluster cluster;
  private GatewayClient client;

  @BeforeEach
  void startCluster() {
    cluster =
        InProcessCluster.start(
            List.of(
                node("store-1", EnumSet.of(NodeRole.STORE)),
                node("store-2", EnumSet.of(NodeRole.STORE)),
                node("gateway-1", EnumSet.of(NodeRole.GATEWAY))),
            new HomeDataCenters(Map.of("americas", new ShardRange(0, Shards.COUNT - 1))),
            LogOptions.defaults(),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    cluster.close();
  }

  @Test
  void aGatewayWithAStaleMapIsRedirectedFetchesTheNewerMapAndRetries() throws Exception {
    client = GatewayClient.connect(GatewayClientConfig.of("stale-map-it", List.of(gateway())));
    long ada = client.register("Ada", "americas").get().getUserId();
    client.send(self(ada), "note to self").get();
    int shard = Shards.shardOf(ada);
    ShardMap initial = cluster.shardMap();
    ReplicaSet leading = initial.replicaSet(shard);
    String leader = leading.primary();
    String other = leader.equals("store-1") ? "store-2" : "store-1";
    // The gateway learns a map that moved the shard away; the stores already know it moved back.
    ShardMap movedAway = initial.with(new ReplicaSet(shard, leading.epoch() + 1, other, List.of()));
    ShardMap movedBack =
        movedAway.with(new ReplicaSet(shard, leading.epoch() + 2, leader, List.of()));
    assertThat(node(leader).installShardMap(movedBack)).isTrue();
    assertThat(node(other).installShardMap(movedBack)).isTrue();
    assertThat(node("gateway-1").installShardMap(movedAway)).isTrue();

    List<MailboxUpdate> mailbox = client.getDifference(0, 10).get().getUpdatesList();

    assertThat(mailbox).extracting(MailboxUpdate::getPts).containsExactly(1L);
    assertThat(mailbox.get(0).getNewMessage().getText()).isEqualTo("note to self");
    assertThat(node("gateway-1").shardMap().orElseThrow().version())
        .as("the gateway installed the map of the node that redirected it")
        .isEqualTo(movedBack.version());
    assertThat(client.send(self(ada), "after the move").get().getPts()).isEqualTo(2);
  }

  private NodeConfig node(String id, EnumSet<NodeRole> roles) {
    return NodeConfig.of(id, "americas", roles, dataDir.resolve(id));
  }

  private RuntimeNode node(String id) {
    return cluster.node(id).orElseThrow();
  }

  private GatewayAddress gateway() {
    NodeConfig gateway =
        cluster.nodes().stream()
            .filter(config -> config.nodeId().equals("gateway-1"))
            .findFirst()
            .orElseThrow();
    return new GatewayAddress(gateway.host(), gateway.gatewayPort());
  }

  private static Peer self(long userId) {
    return Peer.newBuilder().setUserId(userId).build();
  }
}
