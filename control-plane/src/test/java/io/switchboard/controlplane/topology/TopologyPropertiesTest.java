package io.switchboard.controlplane.topology;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.controlplane.topology.TopologyProperties.DataCenterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyPropertiesTest {

  @Test
  void overlappingShardRangesAreRejectedNamingBothDataCentres() {
    assertThatThrownBy(
            () ->
                new TopologyProperties(
                    List.of(
                        new DataCenterSpec("a", "A", "R", 0, 300),
                        new DataCenterSpec("b", "B", "R", 256, 511))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'")
        .hasMessageContaining("'b'");
  }

  @Test
  void duplicateIdsAreRejected() {
    assertThatThrownBy(
            () ->
                new TopologyProperties(
                    List.of(
                        new DataCenterSpec("a", "A", "R", 0, 10),
                        new DataCenterSpec("a", "A2", "R", 11, 20))))
        .hasMessageContaining("configured twice");
  }

  @Test
  void invertedRangeIsRejected() {
    assertThatThrownBy(() -> new DataCenterSpec("a", "A", "R", 10, 5))
        .hasMessageContaining("last shard 5 < first shard 10");
  }
}
