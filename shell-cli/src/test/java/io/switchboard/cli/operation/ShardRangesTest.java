package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShardRangesTest {

  @Test
  void consecutiveShardsBecomeOneRange() {
    List<Integer> shards =
        Stream.concat(IntStream.rangeClosed(512, 540).boxed(), Stream.of(600)).toList();

    assertThat(ShardRanges.compact(shards)).isEqualTo("512-540,600");
  }

  @Test
  void sortsDropsRepeatsAndKeepsSingleShardsAndPairs() {
    assertThat(ShardRanges.compact(List.of(17, 3, 1, 2, 0, 17, 256, 255, 1023)))
        .isEqualTo("0-3,17,255-256,1023");
  }

  @Test
  void oneShardIsItsNumberAndNoneIsEmpty() {
    assertThat(ShardRanges.compact(List.of(42))).isEqualTo("42");
    assertThat(ShardRanges.compact(List.of())).isEmpty();
  }
}
