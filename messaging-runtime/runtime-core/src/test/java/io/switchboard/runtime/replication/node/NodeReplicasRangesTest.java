package io.switchboard.runtime.replication.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeReplicasRangesTest {

  @Test
  void consecutiveShardsCollapseIntoRangesAndLoneShardsStandAlone() {
    assertThat(NodeReplicas.ranges(List.of(0, 1, 2, 5, 7, 8))).isEqualTo("0-2, 5, 7-8");
    assertThat(NodeReplicas.ranges(List.of(1023))).isEqualTo("1023");
    assertThat(NodeReplicas.ranges(List.of())).isEmpty();
  }
}
