package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.cli.testing.ShardMaps;
import io.switchboard.cli.testing.Topologies;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeTextTest {

  private static final TopologyView TOPOLOGY = Topologies.shardMapNodes();
  private static final ShardMapView MAP = ShardMaps.map();

  @Test
  void shardsOfANodeByKindFromTheMap() {
    assertThat(NodeShards.of("europe-1", MAP))
        .isEqualTo(new NodeShards(List.of(256, 300), List.of(), List.of(17, 768)));
    assertThat(NodeShards.of("americas-1", MAP))
        .isEqualTo(new NodeShards(List.of(0), List.of(17), List.of(300)));
    assertThat(NodeShards.of("americas-1", MAP).replicas()).isEqualTo(2);
    assertThat(NodeShards.of("nowhere-1", MAP))
        .isEqualTo(new NodeShards(List.of(), List.of(), List.of()));
  }

  @Test
  void listHasOneRowPerNodeWithItsCountsThenTheSummary() {
    List<NodeRow> rows =
        TOPOLOGY.nodes().map(node -> NodeRow.of(node, NodeShards.of(node.id(), MAP))).toList();

    String text = NodeText.list(rows, MAP.version());

    assertThat(text.lines())
        .hasSize(1 + 12 + 2)
        .first()
        .isEqualTo(
            "NODE           DC           ROLES          ADDRESS         HEALTH  PRIMARIES"
                + "  REPLICAS");
    assertThat(text.lines())
        .contains(
            "americas-1     americas     gateway,store  127.0.0.1:9001  UP      1          2",
            "europe-1       europe       gateway,store  127.0.0.1:9011  UP      2          2",
            "europe-2       europe       store          127.0.0.1:9012  DOWN    0          2",
            "middle-east-1  middle-east  gateway,store  127.0.0.1:9031  UP      1          0",
            "")
        .last()
        .isEqualTo("12 nodes: 11 up, 1 down; shards from map version 12");
  }

  @Test
  void summaryCountsUncheckedNodesAndNoNodesIsASentence() {
    NodeView unchecked =
        new NodeView(
            "x-1", "x", Set.of(NodeRole.STORE), null, "h:1", NodeHealth.UNKNOWN, null, null);
    NodeRow row = NodeRow.of(unchecked, NodeShards.of("x-1", MAP));

    assertThat(NodeText.summary(List.of(row), 3))
        .isEqualTo("1 node: 0 up, 0 down, 1 unknown; shards from map version 3");
    assertThat(NodeText.list(List.of(), 3)).isEqualTo("No nodes.");
  }

  @Test
  void showListsTheFieldsAndTheShardsAsCompactRanges() {
    NodeView europe1 =
        TOPOLOGY.nodes().filter(node -> node.id().equals("europe-1")).findFirst().orElseThrow();

    assertThat(NodeText.show(NodeDetail.of(europe1, 12, NodeShards.of("europe-1", MAP))))
        .isEqualTo(
            """
            Node         europe-1
            DC           europe
            Roles        gateway,store
            Health       UP since 2025-03-01T09:30:15Z
            Gateway      127.0.0.1:7011
            Admin        127.0.0.1:9011
            Leads        256,300 (2 shards)
            Follows      none
            Async        17,768 (2 shards)
            Map version  12""");
  }

  @Test
  void showOfADownNodeHasItsLastErrorAndMissingValuesAsDashes() {
    NodeView down =
        new NodeView(
            "europe-2",
            "europe",
            Set.of(),
            null,
            "127.0.0.1:9012",
            NodeHealth.DOWN,
            null,
            "connection refused");

    String text =
        NodeText.show(
            NodeDetail.of(
                down, 12, new NodeShards(List.of(), List.of(256, 257, 258, 300), List.of())));

    assertThat(text)
        .contains("Roles        -\n")
        .contains("Health       DOWN\n")
        .contains("Last error   connection refused\n")
        .contains("Gateway      -\n")
        .contains("Leads        none\n")
        .contains("Follows      256-258,300 (4 shards)\n");
  }
}
