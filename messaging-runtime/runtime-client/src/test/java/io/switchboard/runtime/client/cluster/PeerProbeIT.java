package io.switchboard.runtime.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.node.InProcessCluster;
import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.peer.PeerProbed;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ShardRange;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.topology.NodeRole;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node asked to probe a peer (the second opinion of automatic failover) reports what it sees over
 * its own peer link: reachable while the peer runs, unreachable with a reason once it is killed,
 * and unreachable for a node it does not know.
 */
class PeerProbeIT {

  @TempDir Path dataDir;

  private InProcessCluster cluster;

  @BeforeEach
  void startCluster() {
    cluster =
        InProcessCluster.start(
            List.of(node("store-1"), node("store-2"), node("store-3")),
            new HomeDataCenters(Map.of("americas", new ShardRange(0, Shards.COUNT - 1))),
            LogOptions.defaults(),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aPeerIsReachableWhileItRunsAndUnreachableOnceKilled() throws Exception {
    PeerProbed running = probe("store-1", "store-2");
    assertThat(running.getReachable()).as(running.getDetail()).isTrue();

    cluster.kill("store-2");

    PeerProbed killed = probe("store-1", "store-2");
    assertThat(killed.getReachable()).isFalse();
    assertThat(killed.getDetail()).isNotBlank();
    assertThat(probe("store-3", "store-2").getReachable()).isFalse();
  }

  @Test
  void anUnknownNodeIsUnreachable() throws Exception {
    PeerProbed unknown = probe("store-1", "nowhere-9");
    assertThat(unknown.getReachable()).isFalse();
    assertThat(unknown.getDetail()).isNotBlank();
  }

  private PeerProbed probe(String asked, String target) throws Exception {
    return cluster.admin().probe(asked, target, 1000).get(5, TimeUnit.SECONDS);
  }

  private NodeConfig node(String id) {
    return NodeConfig.of(id, "americas", EnumSet.of(NodeRole.STORE), dataDir.resolve(id));
  }
}
