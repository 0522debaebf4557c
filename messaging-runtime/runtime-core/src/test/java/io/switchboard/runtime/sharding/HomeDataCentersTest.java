package io.switchboard.runtime.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HomeDataCentersTest {

  @Test
  void defaultLayoutHomesEachQuarterInOneDataCentre() {
    HomeDataCenters homes = HomeDataCenters.defaults();

    assertThat(homes.homeOf(0)).isEqualTo("americas");
    assertThat(homes.homeOf(255)).isEqualTo("americas");
    assertThat(homes.homeOf(256)).isEqualTo("europe");
    assertThat(homes.homeOf(767)).isEqualTo("asia");
    assertThat(homes.homeOf(1023)).isEqualTo("middle-east");
    assertThat(homes.rangeOf("europe")).contains(new ShardRange(256, 511));
    assertThat(homes.rangeOf("antarctica")).isEmpty();
  }

  @Test
  void overlappingRangesAreRejected() {
    Map<String, ShardRange> ranges = new LinkedHashMap<>();
    ranges.put("a", new ShardRange(0, 600));
    ranges.put("b", new ShardRange(500, 1023));

    assertThatThrownBy(() -> new HomeDataCenters(ranges))
        .hasMessageContaining("Shard 500 is homed in both a and b");
  }

  @Test
  void aShardWithoutHomeIsRejected() {
    assertThatThrownBy(() -> new HomeDataCenters(Map.of("a", new ShardRange(0, 1022))))
        .hasMessageContaining("Shard 1023 has no home");
  }
}
