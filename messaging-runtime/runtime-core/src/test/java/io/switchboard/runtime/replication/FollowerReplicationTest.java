package io.switchboard.runtime.replication;

import static io.switchboard.runtime.replication.PrimaryReplicationTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FollowerReplicationTest {

  private static final int KIND = 2;

  private final TestShard shard = new TestShard();

  @Test
  void anOldPrimaryRejoiningDiscardsExactlyItsUncommittedSuffix() {
    PrimaryReplication first = shard.lead("r1", 1);
    first.propose(KIND, bytes("committed"));
    shard.sync("r1");
    shard.catchUp("r2");
    assertThat(first.commitSeq()).isEqualTo(2);
    first.propose(KIND, bytes("lost-1"));
    first.propose(KIND, bytes("lost-2"));
    shard.sync("r1");

    // r1 is cut off; the control plane fences r2 and r3 and promotes the most up-to-date.
    FenceReport r2 = shard.replica("r2").fence(2);
    FenceReport r3 = shard.replica("r3").fence(2);
    assertThat(PromotionChoice.mostUpToDate(TestShard.GROUP, 2, List.of(r2, r3)))
        .map(FenceReport::replicaId)
        .hasValue("r2");
    PrimaryReplication second = shard.replica("r2").promote(2, TestShard.GROUP);
    shard.replica("r3").follow("r2", 2);
    second.propose(KIND, bytes("new"));
    shard.sync("r2");
    shard.catchUp("r3");
    assertThat(second.commitSeq()).isEqualTo(4);

    // r1 comes back and is pointed at r2.
    shard.replica("r1").follow("r2", 2);
    assertThat(shard.stepDowns("r1")).containsExactly(2L);
    assertThat(shard.request("r1")).isEqualTo(new FetchRequest(TestShard.SHARD, 2, "r1", 5, 1));
    assertThat(shard.fetch("r1")).isEqualTo(FetchOutcome.TRUNCATED);
    assertThat(shard.replica("r1").lastSeq()).isEqualTo(2);
    shard.catchUp("r1");

    assertThat(shard.replica("r1").lastSeq()).isEqualTo(4);
    for (long seq = 1; seq <= 4; seq++) {
      assertThat(shard.log("r1").entry(seq)).isEqualTo(shard.log("r2").entry(seq));
    }
    assertThat(shard.replica("r1").commitSeq()).isEqualTo(4);
  }

  @Test
  void anOldPrimaryRejoiningAfterACrossDcFailoverReplacesItsLostCommittedEntriesByAnImage() {
    PrimaryReplication first = shard.lead("r1", 1);
    first.propose(KIND, bytes("replicated everywhere"));
    shard.sync("r1");
    shard.catchUp("r2");
    shard.catchUp("a1");
    for (int i = 0; i < 3; i++) {
      first.propose(KIND, bytes("committed in the lost DC only " + i));
    }
    shard.sync("r1");
    shard.catchUp("r2");
    assertThat(first.commitSeq()).isEqualTo(5);
    assertThat(shard.replica("a1").lastSeq()).isEqualTo(2);

    // The home DC is lost: a1, alone, is fenced and promoted as the single voter of epoch 2.
    shard.replica("a1").fence(2);
    ReplicaGroup acrossDc = new ReplicaGroup(Set.of("a1"), Set.of("r1", "r2", "r3"));
    PrimaryReplication second = shard.replica("a1").promote(2, acrossDc);
    second.propose(KIND, bytes("written after the failover"));
    shard.sync("a1");
    assertThat(second.commitSeq()).isEqualTo(4);

    // r1 returns, follows a1, and learns that its committed seqs 3 to 5 are not in a1's history.
    shard.replica("r1").follow("a1", 2);
    assertThat(shard.fetch("r1")).isEqualTo(FetchOutcome.IMAGE_NEEDED);
    assertThat(shard.replica("r1").lastSeq()).as("nothing cut before the image").isEqualTo(5);
    assertThat(shard.installImage("r1")).isTrue();
    shard.catchUp("r1");

    assertThat(shard.replica("r1").lastSeq()).isEqualTo(4);
    assertThat(shard.replica("r1").commitSeq()).isEqualTo(4);
    assertThat(shard.log("r1").image().state())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("state of a1 at 4");
  }

  @Test
  void anImageShorterThanTheLogIsStillRefusedWithoutALostLineage() {
    PrimaryReplication first = shard.lead("r1", 1);
    first.propose(KIND, bytes("a"));
    shard.sync("r1");
    shard.catchUp("r2");
    assertThat(shard.replica("r2").installImage(shard.image("r1")))
        .as("no image was asked for")
        .isFalse();
  }

  @Test
  void answersFromAPrimaryOfALowerEpochAreIgnored() {
    PrimaryReplication first = shard.lead("r1", 1);
    first.propose(KIND, bytes("from r1"));
    FetchRequest request = shard.request("r3");
    FetchResponse late = shard.answer("r3", request);

    shard.replica("r3").fence(2);
    shard.replica("r2").fence(2);
    shard.replica("r2").promote(2, TestShard.GROUP);
    shard.replica("r3").follow("r2", 2);

    assertThat(shard.replica("r3").onFetchResponse(late)).isEqualTo(FetchOutcome.IGNORED);
    assertThat(shard.replica("r3").lastSeq()).isZero();
  }

  @Test
  void aStaleEpochAnswerStopsTheFollowerUntilItIsPointedAgain() {
    shard.lead("r1", 1);
    shard.replica("r1").fence(3);

    assertThat(shard.fetch("r2")).isEqualTo(FetchOutcome.STALE_EPOCH);

    assertThat(shard.replica("r2").highestEpoch()).isEqualTo(3);
    assertThat(shard.replica("r2").role()).isEqualTo(ShardReplica.Role.UNASSIGNED);
    assertThat(shard.replica("r2").nextFetch()).isEmpty();
  }

  @Test
  void aDuplicatedDivergingAnswerIsIgnoredOnceTheLogMovedOn() {
    PrimaryReplication first = shard.lead("r1", 1);
    first.propose(KIND, bytes("a"));
    shard.sync("r1");
    shard.catchUp("r3");
    first.propose(KIND, bytes("uncommitted"));
    shard.fetch("r2");
    FenceReport r2 = shard.replica("r2").fence(2);
    FenceReport r3 = shard.replica("r3").fence(2);
    assertThat(PromotionChoice.mostUpToDate(TestShard.GROUP, 2, List.of(r2, r3)))
        .as("r2 holds more, but nothing durably yet")
        .map(FenceReport::replicaId)
        .hasValue("r3");
    shard.replica("r3").promote(2, TestShard.GROUP);
    shard.replica("r2").follow("r3", 2);
    shard.sync("r2");
    shard.sync("r3");

    FetchResponse truncate = shard.answer("r2", shard.request("r2"));
    assertThat(truncate).isEqualTo(new FetchResponse.Diverging(TestShard.SHARD, 2, 4, 1, 2));
    assertThat(shard.replica("r2").onFetchResponse(truncate)).isEqualTo(FetchOutcome.TRUNCATED);
    shard.catchUp("r2");
    assertThat(shard.replica("r2").lastSeq()).isEqualTo(3);

    assertThat(shard.replica("r2").onFetchResponse(truncate))
        .as("a duplicate: the log ends at seq 3 again, but with another epoch")
        .isEqualTo(FetchOutcome.IGNORED);
    assertThat(shard.replica("r2").lastSeq()).isEqualTo(3);
    assertThat(shard.replica("r2").commitSeq()).isEqualTo(3);
  }

  @Test
  void theCommitSeqNeverMovesBack() {
    PrimaryReplication primary = shard.lead("r1", 1);
    primary.propose(KIND, bytes("a"));
    shard.sync("r1");
    shard.fetch("r3");
    shard.sync("r3");
    FetchRequest early = shard.request("r2");
    FetchResponse earlyAnswer = shard.answer("r2", early);
    shard.replica("r2").onFetchResponse(earlyAnswer);
    shard.sync("r2");
    shard.catchUp("r2");
    assertThat(shard.replica("r2").commitSeq()).isEqualTo(2);

    assertThat(shard.replica("r2").onFetchResponse(earlyAnswer))
        .as("a duplicate of an answer carrying commit seq 0")
        .isEqualTo(FetchOutcome.NOTHING_NEW);
    assertThat(shard.replica("r2").commitSeq()).isEqualTo(2);

    // A new primary that has not learned the commit yet answers with a lower commit seq.
    shard.replica("r2").fence(2);
    shard.replica("r3").fence(2);
    PrimaryReplication second = shard.replica("r3").promote(2, TestShard.GROUP);
    shard.replica("r2").follow("r3", 2);
    assertThat(second.commitSeq()).isZero();

    assertThat(shard.fetch("r2")).isEqualTo(FetchOutcome.APPENDED);
    assertThat(shard.replica("r2").commitSeq()).isEqualTo(2);
    assertThat(shard.commits("r2")).isSorted().doesNotHaveDuplicates();
  }
}
