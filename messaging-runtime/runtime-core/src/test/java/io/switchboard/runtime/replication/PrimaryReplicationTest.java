package io.switchboard.runtime.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrimaryReplicationTest {

  private static final int KIND = 2;

  private final TestShard shard = new TestShard();

  @Test
  void commitsOnceAMajorityOfThreeVotersHoldsAnEntryDurablyNotAtOne() {
    PrimaryReplication primary = shard.lead("r1", 1);
    long seq = primary.propose(KIND, bytes("hello"));
    shard.sync("r1");

    assertThat(seq).isEqualTo(2);
    assertThat(primary.commitSeq()).as("durable on the primary alone").isZero();

    assertThat(shard.fetch("r2")).isEqualTo(FetchOutcome.APPENDED);
    assertThat(shard.replica("r2").nextFetch()).as("waits for its own fsync").isEmpty();
    assertThat(primary.commitSeq()).as("held by r2, not yet durably").isZero();

    shard.sync("r2");
    assertThat(shard.fetch("r2")).isEqualTo(FetchOutcome.NOTHING_NEW);

    assertThat(primary.commitSeq()).isEqualTo(2);
    assertThat(shard.commits("r1")).containsExactly(2L);
    assertThat(shard.replica("r2").commitSeq()).isEqualTo(2);
  }

  @Test
  void onlyASoleVoterWithoutAsyncReplicasAppendsItsProposalsAsCommittedOnceDurable() {
    PrimaryReplication shared = shard.lead("r1", 1);
    shared.propose(KIND, bytes("three voters"));
    assertThat(shard.log("r1").committedOnceDurable()).as("needs a quorum of three").isEmpty();

    shard.replica("r2").fence(2);
    PrimaryReplication withAsync =
        shard.replica("r2").promote(2, new ReplicaGroup(Set.of("r2"), Set.of("a1")));
    withAsync.propose(KIND, bytes("an async replica may be promoted without it"));
    assertThat(shard.log("r2").committedOnceDurable()).isEmpty();

    shard.replica("r2").fence(3);
    PrimaryReplication alone =
        shard.replica("r2").promote(3, new ReplicaGroup(Set.of("r2"), Set.of()));
    long seq = alone.propose(KIND, bytes("sole copy"));

    assertThat(shard.log("r2").committedOnceDurable()).containsExactly(seq);
    assertThat(alone.commitSeq()).as("still committed by durability, not by the append").isZero();
    shard.sync("r2");
    assertThat(alone.commitSeq()).isEqualTo(seq);
  }

  @Test
  void theAsyncReplicaNeverCounts() {
    PrimaryReplication primary = shard.lead("r1", 1);
    primary.propose(KIND, bytes("x"));
    shard.sync("r1");

    shard.catchUp("a1");
    assertThat(primary.lag("a1").records()).isZero();
    assertThat(primary.commitSeq()).as("only voters count").isZero();

    shard.catchUp("r3");
    assertThat(primary.commitSeq()).isEqualTo(2);
  }

  @Test
  void anEntryOfAnEarlierEpochCommitsOnlyWithOneOfTheCurrentEpoch() {
    PrimaryReplication first = shard.lead("r1", 1);
    first.propose(KIND, bytes("old"));
    for (String id : new String[] {"r2", "r3"}) {
      shard.fetch(id);
      shard.sync(id);
    }
    assertThat(first.commitSeq()).as("r1 never heard that they hold it").isZero();

    shard.replica("r2").fence(2);
    shard.replica("r3").fence(2);
    PrimaryReplication second = shard.replica("r2").promote(2, TestShard.GROUP);
    shard.replica("r3").follow("r2", 2);
    assertThat(second.epochStartSeq()).isEqualTo(3);

    shard.fetch("r3");
    assertThat(second.commitSeq())
        .as("the old entry is durable on r2 and r3, yet counting alone does not commit it")
        .isZero();
    shard.sync("r3");
    shard.fetch("r3");
    assertThat(second.commitSeq()).as("r2's EPOCH_START is not durable yet").isZero();

    shard.sync("r2");

    assertThat(second.commitSeq()).isEqualTo(3);
    assertThat(shard.log("r2").entry(2).payload()).isEqualTo(bytes("old"));
  }

  @Test
  void aFencedPrimaryRefusesProposalsAndCommitsNothingMore() {
    PrimaryReplication primary = shard.lead("r1", 1);
    primary.propose(KIND, bytes("pending"));
    shard.sync("r1");
    shard.fetch("r2");
    shard.sync("r2");
    FetchRequest late = shard.request("r2");

    FetchResponse answer =
        shard.replica("r1").onFetch(new FetchRequest(TestShard.SHARD, 2, "r3", 1, 0));

    assertThat(answer).isEqualTo(new FetchResponse.NotPrimary(TestShard.SHARD, 2));
    assertThat(primary.serving()).isFalse();
    assertThat(shard.stepDowns("r1")).containsExactly(2L);
    assertThatThrownBy(() -> primary.propose(KIND, bytes("late")))
        .isInstanceOf(NotPrimaryException.class);
    assertThatThrownBy(() -> shard.replica("r1").propose(KIND, bytes("late")))
        .isInstanceOf(NotPrimaryException.class);
    assertThat(shard.replica("r1").onFetch(late))
        .isEqualTo(new FetchResponse.StaleEpoch(TestShard.SHARD, 2));
    assertThat(primary.commitSeq()).isZero();
  }

  @Test
  void aSingleVoterShardCommitsAtLocalDurability() {
    InMemoryShardLog log = new InMemoryShardLog();
    ShardReplica single =
        ShardReplica.open(
            1, "solo", log, shard.clock, ReplicationListener.NONE, ReplicationLimits.defaults());
    PrimaryReplication primary = single.promote(1, new ReplicaGroup(Set.of("solo"), Set.of()));
    long seq = primary.propose(KIND, bytes("only copy"));
    assertThat(primary.commitSeq()).as("not durable yet").isZero();

    log.sync();
    single.onDurable();

    assertThat(primary.commitSeq()).isEqualTo(seq);
  }

  @Test
  void tracksTheLagOfAnAsyncReplicaInRecordsAndMilliseconds() {
    PrimaryReplication primary = shard.lead("r1", 1);
    shard.sync("r1");
    shard.catchUp("a1");
    assertThat(primary.asyncLags()).isEqualTo(Map.of("a1", new ReplicaLag(0, 0)));

    shard.clock.advance(Duration.ofMillis(100));
    primary.propose(KIND, bytes("a"));
    shard.clock.advance(Duration.ofMillis(50));
    primary.propose(KIND, bytes("b"));
    shard.clock.advance(Duration.ofMillis(30));

    assertThat(primary.lag("a1")).isEqualTo(new ReplicaLag(2, 80));

    shard.fetch("a1");
    shard.sync("a1");
    assertThat(primary.lag("a1"))
        .as("appended, not yet reported durable")
        .isEqualTo(new ReplicaLag(2, 80));
    shard.fetch("a1");
    assertThat(primary.lag("a1")).isEqualTo(new ReplicaLag(0, 0));
    assertThat(primary.lag("r2").records()).as("a voter that never fetched").isEqualTo(3);
  }

  @Test
  void lagStaysBoundedAndOverstatedRatherThanUnderstatedWhenSamplesMerge() {
    AppendTimes times = new AppendTimes(3);
    for (long seq = 1; seq <= 5; seq++) {
      times.record(seq, seq * 10);
    }

    assertThat(times.appendMillisOf(1)).isEqualTo(10);
    assertThat(times.appendMillisOf(2)).as("merged into the oldest sample").isEqualTo(10);
    assertThat(times.appendMillisOf(5)).isEqualTo(50);
    times.forgetThrough(3);
    assertThat(times.appendMillisOf(4)).isEqualTo(40);
  }

  @Test
  void aDivergentFetchIsToldWhereToTruncate() {
    PrimaryReplication primary = shard.lead("r1", 1);
    primary.propose(KIND, bytes("a"));

    FetchResponse answer =
        shard.replica("r1").onFetch(new FetchRequest(TestShard.SHARD, 1, "r2", 6, 1));

    assertThat(answer).isEqualTo(new FetchResponse.Diverging(TestShard.SHARD, 1, 6, 1, 2));
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
