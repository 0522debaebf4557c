package io.switchboard.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.node.ClusterFile.Member;
import io.switchboard.runtime.sharding.BalancedPlacement;
import io.switchboard.runtime.sharding.Placement;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterFileTest {

  private static final String SIX_NODES =
      """
      # node-id dc host gateway-port admin-port peer-port [roles]
      am-1 americas    127.0.0.1 7101 7201 7301
      am-2 americas    127.0.0.1 7102 7202 7302   # a comment
      am-3 americas    127.0.0.1 7103 7203 7303 store,gateway

      eu-1 europe      127.0.0.1 7104 7204 7304
      as-1 asia        127.0.0.1 7105 7205 7305
      me-1 middle-east 127.0.0.1 7106 7206 7306 store
      gw-1 americas    127.0.0.1 7107 7207 7307 gateway
      """;

  @TempDir Path temp;

  @Test
  void parsesOneNodePerLineSkippingCommentsAndBlankLines() {
    ClusterFile file = ClusterFile.parse(SIX_NODES);

    assertThat(file.members()).hasSize(7);
    assertThat(file.members().get(0))
        .isEqualTo(
            new Member(
                "am-1",
                "americas",
                "127.0.0.1",
                7101,
                7201,
                7301,
                Set.of(NodeRole.GATEWAY, NodeRole.STORE)));
    assertThat(file.member("me-1").orElseThrow().roles()).containsExactly(NodeRole.STORE);
    assertThat(file.member("gw-1").orElseThrow().isStore()).isFalse();
    assertThat(file.member("xx-1")).isEmpty();
  }

  @Test
  void placesOverTheStoreNodesOfEachDataCentreInFileOrder() {
    ClusterFile file = ClusterFile.parse(SIX_NODES);

    assertThat(file.storesByDc())
        .isEqualTo(
            Map.of(
                "americas", List.of("am-1", "am-2", "am-3"),
                "europe", List.of("eu-1"),
                "asia", List.of("as-1"),
                "middle-east", List.of("me-1")));
    Placement placement = file.place(ClusterPlacement.BALANCED.placement());
    assertThat(placement.map().replicaSets())
        .isEqualTo(
            BalancedPlacement.defaults().place(homes(), file.storesByDc()).map().replicaSets());
    ReplicaSet first = placement.map().replicaSet(0);
    assertThat(first.primary()).isEqualTo("am-1");
    assertThat(first.followers()).containsExactly("am-2", "am-3");
    assertThat(placement.report().lines()).anyMatch(line -> line.contains("fewer than 3 in-DC"));

    Placement single = file.place(ClusterPlacement.SINGLE.placement());
    assertThat(single.map().replicaSet(0).followers()).isEmpty();
    assertThat(single.report().isComplete()).isTrue();
  }

  @Test
  void theMembershipKnowsEveryPeerAddressUpFront() {
    ClusterFile file = ClusterFile.parse(SIX_NODES);

    var membership = file.membership(file.place(ClusterPlacement.SINGLE.placement()));

    assertThat(membership.directory().nodeIds()).hasSize(7).contains("gw-1", "as-1");
    assertThat(membership.directory().peerAddress("as-1"))
        .contains(new InetSocketAddress("127.0.0.1", 7305));
    assertThat(membership.shardMap().version()).isEqualTo(1);
  }

  @Test
  void configuresTheNodeFromItsLine() {
    ClusterFile file = ClusterFile.parse(SIX_NODES);
    NodeConfig given =
        NodeCommandLine.parse("--node-id", "me-1", "--dc", "middle-east", "--data-dir", "d");

    NodeConfig config = file.configure(given);

    assertThat(config)
        .isEqualTo(
            new NodeConfig(
                "me-1",
                "middle-east",
                Set.of(NodeRole.STORE),
                "127.0.0.1",
                7106,
                7206,
                Path.of("d"),
                given.maxFrameBytes(),
                given.idleTimeout(),
                given.handshakeTimeout(),
                given.outboundLimits(),
                7306));
  }

  @Test
  void refusesANodeItDoesNotListOrListsInAnotherDataCentre() {
    ClusterFile file = ClusterFile.parse(SIX_NODES);

    assertThatThrownBy(
            () ->
                file.configure(NodeConfig.of("xx-9", "asia", Set.of(NodeRole.STORE), Path.of("d"))))
        .hasMessageStartingWith("node xx-9 is not listed in the cluster file; it lists [am-1,");
    assertThatThrownBy(
            () ->
                file.configure(NodeConfig.of("am-1", "asia", Set.of(NodeRole.STORE), Path.of("d"))))
        .hasMessage("node am-1 is in data centre americas by the cluster file, not asia");
  }

  @Test
  void explainsEveryKindOfMistakeWithItsLine() {
    assertThatThrownBy(() -> ClusterFile.parse("am-1 americas 127.0.0.1 1 2"))
        .hasMessage(
            "line 1: expected 'node-id dc host gateway-port admin-port peer-port [roles]', got 5"
                + " fields");
    assertThatThrownBy(() -> ClusterFile.parse("# nodes\n\nam-1 americas h 1 2 x"))
        .hasMessage("line 3: peer-port must be an integer: x");
    assertThatThrownBy(() -> ClusterFile.parse("am-1 americas h 0 2 3"))
        .hasMessage("line 1: gateway-port must be between 1 and 65535: 0");
    assertThatThrownBy(() -> ClusterFile.parse("am-1 americas h 1 65536 3"))
        .hasMessage("line 1: admin-port must be between 1 and 65535: 65536");
    assertThatThrownBy(() -> ClusterFile.parse("am-1 americas h 1 2 3\nam-1 americas h 4 5 6"))
        .hasMessage("line 2: node am-1 is already listed on line 1");
    assertThatThrownBy(() -> ClusterFile.parse("am-1 americas h 1 2 3\nam-2 americas h 4 2 6"))
        .hasMessage("line 2: h:2 is both am-1's admin port and am-2's admin port");
    assertThatThrownBy(() -> ClusterFile.parse("am-1 americas h 1 1 3"))
        .hasMessage("line 1: h:1 is both am-1's gateway port and am-1's admin port");
    assertThatThrownBy(() -> ClusterFile.parse("am/1 americas h 1 2 3"))
        .hasMessageStartingWith("line 1: ")
        .hasMessageContaining("am/1");
    assertThatThrownBy(() -> ClusterFile.parse("am-1 americas h 1 2 3 router"))
        .hasMessage("line 1: unknown role 'router'; roles are [gateway, store]");
    assertThatThrownBy(() -> ClusterFile.parse("# nothing\n")).hasMessage("no nodes listed");
  }

  @Test
  void aPlacementThatCannotPlaceEveryShardSaysWhy() {
    ClusterFile file = ClusterFile.parse("am-1 americas h 1 2 3\neu-1 europe h 4 5 6");

    assertThatThrownBy(() -> file.place(ClusterPlacement.BALANCED.placement()))
        .hasMessageContaining("homes shards")
        .hasMessageContaining("has no nodes");
  }

  @Test
  void readNamesTheFileInItsErrors() throws IOException {
    Path path = temp.resolve("cluster.txt");
    Files.writeString(path, "am-1 americas h 1 2\n");

    assertThatThrownBy(() -> ClusterFile.read(path))
        .hasMessage(
            "cluster file "
                + path
                + ": line 1: expected 'node-id dc host gateway-port admin-port peer-port [roles]',"
                + " got 5 fields");
    assertThatThrownBy(() -> ClusterFile.read(temp.resolve("missing.txt")))
        .isInstanceOf(IOException.class);
  }

  private static io.switchboard.runtime.sharding.HomeDataCenters homes() {
    return io.switchboard.runtime.sharding.HomeDataCenters.defaults();
  }
}
