package io.switchboard.console.shards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LagSamplerTest {

  @Test
  void samplesABatchPerCallRoundRobinAndKeepsTheNewestSample() {
    ShardFixtures.FakeShardApi api = new ShardFixtures.FakeShardApi();
    api.lagOfNode.put("americas-2", new long[] {5, 250});
    LagSampler sampler = new LagSampler(api, 1024, () -> 0);

    assertThat(sampler.get(0)).isNull();
    assertThat(sampler.sampleNext(Runnable::run)).isTrue();
    assertThat(api.shardsAsked).hasSize(LagSampler.BATCH).startsWith(0, 1, 2).endsWith(31);
    assertThat(sampler.sampledShards()).isEqualTo(LagSampler.BATCH);
    assertThat(sampler.get(0).lagMillis()).isEqualTo(250);
    assertThat(LagBucket.of(sampler.get(0))).isEqualTo(LagBucket.UP_TO_1_S);
    assertThat(sampler.get(LagSampler.BATCH)).isNull();

    for (int i = 0; i < 1024 / LagSampler.BATCH; i++) {
      sampler.sampleNext(Runnable::run);
    }
    assertThat(sampler.sampledShards()).isEqualTo(1024);
    assertThat(api.shardsAsked.subList(1024, 1024 + 3)).as("wraps around").containsExactly(0, 1, 2);
  }

  @Test
  void aBatchStopsWhenItsTimeBudgetIsSpentAndNoSecondBatchStartsWhileOneRuns() {
    ShardFixtures.FakeShardApi api = new ShardFixtures.FakeShardApi();
    AtomicLong now = new AtomicLong();
    LagSampler sampler =
        new LagSampler(
            new ShardFixtures.FakeShardApi() {
              @Override
              public io.switchboard.api.shard.ShardView shard(int shard) {
                now.addAndGet(300);
                return api.shard(shard);
              }
            },
            1024,
            now::get);
    sampler.sampleNext(Runnable::run);
    assertThat(api.shardsAsked).as("3 x 300 ms passes the 700 ms budget").containsExactly(0, 1, 2);

    List<Runnable> queued = new ArrayList<>();
    assertThat(sampler.sampleNext(queued::add)).isTrue();
    assertThat(sampler.busy()).isTrue();
    assertThat(sampler.sampleNext(queued::add)).isFalse();
    queued.get(0).run();
    assertThat(sampler.busy()).isFalse();
    assertThat(api.shardsAsked).startsWith(0, 1, 2, 3);

    sampler.stop();
    assertThat(sampler.sampleNext(Runnable::run)).isFalse();
  }

  @Test
  void aShardThatCannotBeReadKeepsItsSampleAndAnOpenedDetailCountsAsASample() {
    ShardFixtures.FakeShardApi api = new ShardFixtures.FakeShardApi();
    LagSampler sampler =
        new LagSampler(
            new ShardFixtures.FakeShardApi() {
              @Override
              public io.switchboard.api.shard.ShardView shard(int shard) {
                if (shard == 1) {
                  throw new IllegalStateException("node timed out");
                }
                return api.shard(shard);
              }
            },
            4,
            () -> 0);
    sampler.record(api.shard(1));
    sampler.sampleNext(Runnable::run);
    assertThat(sampler.sampledShards()).isEqualTo(4);
    assertThat(sampler.get(1)).isEqualTo(LagSample.of(api.shard(1)));
  }
}
