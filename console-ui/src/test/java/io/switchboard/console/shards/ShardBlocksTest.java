package io.switchboard.console.shards;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.topology.DataCenterView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardBlocksTest {

  @Test
  void oneBlockPerDataCentreHomeRangeInShardOrder() {
    List<ShardBlocks.Block> blocks =
        ShardBlocks.of(ShardFixtures.topology(Map.of()).dataCenters(), 1024);
    assertThat(blocks)
        .containsExactly(
            new ShardBlocks.Block("americas", "Americas", 0, 255),
            new ShardBlocks.Block("europe", "Europe", 256, 511),
            new ShardBlocks.Block("asia", "Asia", 512, 767),
            new ShardBlocks.Block("middle-east", "Middle East", 768, 1023));
    assertThat(blocks.get(1).range()).isEqualTo("256–511");
    assertThat(blocks).allMatch(block -> block.size() == ShardBlocks.COLUMNS * 16);
  }

  @Test
  void rangesNoDataCentreHomesStillGetDrawnOnce() {
    List<DataCenterView> dcs =
        List.of(
            new DataCenterView("b", "B", "R", 600, 2000, List.of()),
            new DataCenterView("a", "A", "R", 100, 199, List.of()));
    assertThat(ShardBlocks.of(dcs, 1024))
        .containsExactly(
            new ShardBlocks.Block(null, "Unassigned", 0, 99),
            new ShardBlocks.Block("a", "A", 100, 199),
            new ShardBlocks.Block(null, "Unassigned", 200, 599),
            new ShardBlocks.Block("b", "B", 600, 1023));
    assertThat(ShardBlocks.of(List.of(), 1024))
        .containsExactly(new ShardBlocks.Block(null, "Shards", 0, 1023));
  }
}
