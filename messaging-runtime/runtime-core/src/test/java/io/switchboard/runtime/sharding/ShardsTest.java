package io.switchboard.runtime.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardsTest {

  @Test
  void shardIsIdModuloShardCount() {
    assertThat(Shards.shardOf(1)).isEqualTo(1);
    assertThat(Shards.shardOf(1024)).isZero();
    assertThat(Shards.shardOf(1024L * 7 + 300)).isEqualTo(300);
    assertThat(Shards.shardOf(Long.MAX_VALUE)).isEqualTo((int) (Long.MAX_VALUE % 1024));
  }

  @Test
  void nonPositiveIdsAndOutOfRangeShardsAreRejected() {
    assertThatThrownBy(() -> Shards.shardOf(0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> Shards.shardOf(-5)).hasMessageContaining("positive");
    assertThatThrownBy(() -> Shards.requireValid(1024)).hasMessageContaining("outside 0..1023");
    assertThatThrownBy(() -> Shards.requireValid(-1)).hasMessageContaining("outside 0..1023");
  }

  @Test
  void rangeKnowsItsSizeAndMembers() {
    ShardRange range = new ShardRange(256, 511);

    assertThat(range.size()).isEqualTo(256);
    assertThat(range.contains(256)).isTrue();
    assertThat(range.contains(511)).isTrue();
    assertThat(range.contains(512)).isFalse();
    assertThatThrownBy(() -> new ShardRange(10, 9)).hasMessageContaining("Empty");
  }
}
