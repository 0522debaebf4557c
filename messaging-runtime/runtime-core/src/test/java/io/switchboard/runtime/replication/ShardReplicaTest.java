package io.switchboard.runtime.replication;

import static io.switchboard.runtime.replication.PrimaryReplicationTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardReplicaTest {

  private static final int KIND = 2;

  private final TestShard shard = new TestShard();

  @Test
  void fencingRecordsTheEpochDurablyAndReportsTheDurableEnd() {
    PrimaryReplication primary = shard.lead("r1", 1);
    primary.propose(KIND, bytes("a"));
    shard.sync("r1");
    primary.propose(KIND, bytes("not durable"));

    FenceReport report = shard.replica("r1").fence(4);

    assertThat(report).isEqualTo(new FenceReport("r1", 4, 1, 2, 0));
    assertThat(shard.log("r1").epochRecord()).isEqualTo(new EpochRecord(4, 1));
    assertThat(shard.replica("r1").role()).isEqualTo(ShardReplica.Role.UNASSIGNED);
    assertThat(shard.replica("r1").fence(4)).as("fencing again only reports").isEqualTo(report);
    assertThatThrownBy(() -> shard.replica("r1").fence(3)).isInstanceOf(StaleEpochException.class);
    assertThatThrownBy(() -> shard.replica("r1").follow("r2", 3))
        .isInstanceOf(StaleEpochException.class);
  }

  @Test
  void aRestartedReplicaIsUnassignedAndRefusesASecondPromotionAtTheSameEpoch() {
    PrimaryReplication primary = shard.lead("r1", 1);
    primary.propose(KIND, bytes("a"));
    shard.fetch("r2");
    shard.log("r1").crash();

    ShardReplica restarted = shard.open("r1");

    assertThat(restarted.role()).isEqualTo(ShardReplica.Role.UNASSIGNED);
    assertThat(restarted.lastSeq()).as("nothing was durable").isZero();
    assertThatThrownBy(() -> restarted.promote(1, TestShard.GROUP))
        .isInstanceOf(StaleEpochException.class)
        .hasMessageContaining("already promoted");
    assertThat(restarted.promote(2, TestShard.GROUP).epochStartSeq()).isEqualTo(1);
  }

  @Test
  void promotingAgainAtTheServedEpochReturnsTheSamePrimary() {
    PrimaryReplication primary = shard.lead("r1", 1);

    assertThat(shard.replica("r1").promote(1, TestShard.GROUP)).isSameAs(primary);
    assertThatThrownBy(() -> shard.replica("r1").follow("r2", 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aReplicaRebuildsItsEpochHistoryAndCommitSeqFromItsDurableLog() {
    PrimaryReplication first = shard.lead("r1", 1);
    first.propose(KIND, bytes("a"));
    shard.sync("r1");
    shard.catchUp("r2");
    shard.replica("r1").fence(2);
    shard.replica("r2").fence(2);
    shard.replica("r2").promote(2, TestShard.GROUP).propose(KIND, bytes("b"));
    shard.sync("r2");
    shard.log("r2").crash();

    ShardReplica restarted = shard.open("r2");

    assertThat(restarted.lastSeq()).isEqualTo(4);
    assertThat(restarted.lastEpoch()).isEqualTo(2);
    assertThat(restarted.commitSeq()).isEqualTo(2);
    assertThat(restarted.highestEpoch()).isEqualTo(2);
  }

  @Test
  void refusesToTruncateACommittedEntry() {
    PrimaryReplication primary = shard.lead("r1", 1);
    primary.propose(KIND, bytes("a"));
    shard.sync("r1");
    shard.catchUp("r2");
    shard.catchUp("r2");

    FetchResponse forged = new FetchResponse.Diverging(TestShard.SHARD, 1, 3, 1, 0);

    assertThatThrownBy(() -> shard.replica("r2").onFetchResponse(forged))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("committed");
  }
}
