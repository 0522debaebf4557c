package io.switchboard.runtime.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HomedIdAllocatorTest {

  private final ShardRange europe = new ShardRange(256, 511);
  private final HomedIdAllocator allocator = new HomedIdAllocator(europe);

  @Test
  void everyIdIsHomedInTheDataCentreAndUnique() {
    Set<Long> ids = new HashSet<>();
    for (long k = 0; k < 10_000; k++) {
      long id = allocator.idFor(k);
      assertThat(id).isPositive();
      assertThat(europe.contains(Shards.shardOf(id))).as("id %d", id).isTrue();
      assertThat(ids.add(id)).as("id %d allocated twice", id).isTrue();
    }
  }

  @Test
  void consecutiveAllocationsSpreadEvenlyOverTheShards() {
    int[] perShard = new int[Shards.COUNT];
    for (long k = 0; k < europe.size() * 3L; k++) {
      perShard[Shards.shardOf(allocator.idFor(k))]++;
    }
    for (int shard = europe.first(); shard <= europe.last(); shard++) {
      assertThat(perShard[shard]).as("shard %d", shard).isEqualTo(3);
    }
  }

  @Test
  void negativeSequenceAndOverflowAreRejected() {
    assertThatThrownBy(() -> allocator.idFor(-1)).hasMessageContaining("negative");
    assertThatThrownBy(() -> allocator.idFor(Long.MAX_VALUE)).hasMessageContaining("exhausted");
  }
}
