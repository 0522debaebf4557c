package io.switchboard.runtime.replication;

import static io.switchboard.runtime.replication.PrimaryReplicationTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Snapshot catch-up: a primary answers {@link FetchResponse.ImageNeeded} to a replica too far
 * behind or below its own image, the replica installs a {@link ShardImage} of the primary's
 * committed prefix and fetches the entries after it.
 */
class ShardImageCatchUpTest {

  private static final int KIND = 2;

  /** Replicas that get an image when they lack more than 2 committed entries. */
  private final TestShard shard =
      new TestShard(ReplicationLimits.defaults().withImageCatchUpEntries(2));

  @Test
  void aPrimaryAnswersImageNeededToAReplicaMoreThanImageCatchUpEntriesBehind() {
    PrimaryReplication primary = shard.lead("r1", 1);
    primary.propose(KIND, bytes("a"));
    primary.propose(KIND, bytes("b"));
    primary.propose(KIND, bytes("c"));
    shard.sync("r1");
    shard.catchUp("r3");
    assertThat(primary.commitSeq()).isEqualTo(4);

    FetchRequest fromScratch = shard.request("r2");
    FetchResponse answer = shard.answer("r2", fromScratch);

    assertThat(answer).isEqualTo(new FetchResponse.ImageNeeded(TestShard.SHARD, 1, 1, 0, 4));
    assertThat(shard.replica("r2").onFetchResponse(answer)).isEqualTo(FetchOutcome.IMAGE_NEEDED);
    assertThat(shard.replica("r2").lastSeq()).as("an answer changes nothing").isZero();
    assertThat(shard.replica("r1").onFetch(new FetchRequest(TestShard.SHARD, 1, "a1", 2, 1)))
        .as("3 committed entries missing")
        .isEqualTo(new FetchResponse.ImageNeeded(TestShard.SHARD, 1, 2, 1, 4));
    assertThat(shard.replica("r1").onFetch(new FetchRequest(TestShard.SHARD, 1, "a1", 3, 1)))
        .as("exactly imageCatchUpEntries missing: entries")
        .isEqualTo(
            new FetchResponse.Entries(
                TestShard.SHARD,
                1,
                3,
                1,
                List.of(shard.log("r1").entry(3), shard.log("r1").entry(4)),
                4));
  }

  @Test
  void aFollowerInstallsAnImageThenFetchesTheTailAndReachesThePrimarysCommit() {
    PrimaryReplication primary = shard.lead("r1", 1);
    for (String payload : new String[] {"a", "b", "c", "d"}) {
      primary.propose(KIND, bytes(payload));
    }
    shard.sync("r1");
    shard.catchUp("r3");
    primary.propose(KIND, bytes("e"));
    primary.propose(KIND, bytes("f"));
    shard.sync("r1");
    assertThat(primary.commitSeq()).isEqualTo(5);

    FetchResponse imageNeeded = shard.answer("r2", shard.request("r2"));
    assertThat(shard.replica("r2").onFetchResponse(imageNeeded))
        .isEqualTo(FetchOutcome.IMAGE_NEEDED);
    ShardImage image = shard.image("r1");
    assertThat(image.seq()).isEqualTo(5);
    assertThat(image.epochs()).containsExactly(1);
    assertThat(image.firstSeqs()).containsExactly(1);

    assertThat(shard.replica("r2").installImage(image)).isTrue();

    assertThat(shard.log("r2").imageSeq()).isEqualTo(5);
    assertThat(shard.log("r2").image()).isEqualTo(image);
    assertThat(shard.replica("r2").lastSeq()).isEqualTo(5);
    assertThat(shard.replica("r2").lastEpoch()).isEqualTo(1);
    assertThat(shard.replica("r2").commitSeq()).isEqualTo(5);
    assertThat(shard.log("r2").durableSeq()).as("an install is durable at once").isEqualTo(5);
    assertThat(shard.commits("r2")).containsExactly(5L);
    assertThat(shard.replica("r2").onFetchResponse(imageNeeded))
        .as("the same answer again: the log no longer ends where it asked")
        .isEqualTo(FetchOutcome.IGNORED);

    assertThat(shard.request("r2")).isEqualTo(new FetchRequest(TestShard.SHARD, 1, "r2", 6, 1));
    assertThat(shard.fetch("r2")).isEqualTo(FetchOutcome.APPENDED);
    assertThat(shard.replica("r2").lastSeq()).isEqualTo(7);
    assertThat(primary.commitSeq()).as("r2 reported only the image durable").isEqualTo(5);
    shard.sync("r2");
    assertThat(shard.fetch("r2")).isEqualTo(FetchOutcome.NOTHING_NEW);
    assertThat(primary.commitSeq()).as("r1 and r2 hold 7 durably").isEqualTo(7);
    shard.fetch("r2");

    assertThat(shard.replica("r2").commitSeq()).isEqualTo(7);
    assertThat(shard.commits("r2")).containsExactly(5L, 7L);
    for (long seq = 6; seq <= 7; seq++) {
      assertThat(shard.log("r2").entry(seq)).isEqualTo(shard.log("r1").entry(seq));
    }
  }

  @Test
  void anImageOfAnotherShardOrEpochIsRefused() {
    PrimaryReplication primary = shard.lead("r1", 1);
    primary.propose(KIND, bytes("a"));
    primary.propose(KIND, bytes("b"));
    primary.propose(KIND, bytes("c"));
    shard.sync("r1");
    shard.catchUp("r3");
    assertThat(shard.fetch("r2")).isEqualTo(FetchOutcome.IMAGE_NEEDED);
    ShardImage image = shard.image("r1");

    ShardImage otherShard =
        new ShardImage(
            TestShard.SHARD + 1, 1, image.seq(), image.epochs(), image.firstSeqs(), image.state());
    ShardImage otherEpoch =
        new ShardImage(
            TestShard.SHARD, 2, image.seq(), image.epochs(), image.firstSeqs(), image.state());

    assertThat(shard.replica("r2").installImage(otherShard)).isFalse();
    assertThat(shard.replica("r2").installImage(otherEpoch)).isFalse();
    assertThat(shard.replica("r1").installImage(image)).as("a primary follows nobody").isFalse();
    assertThat(shard.log("r2").imageSeq()).isZero();
    assertThat(shard.replica("r2").lastSeq()).isZero();
    assertThat(shard.commits("r2")).isEmpty();
    assertThat(shard.replica("r2").installImage(image)).isTrue();
    assertThat(shard.replica("r2").commitSeq()).isEqualTo(4);
  }

  @Test
  void anImageOlderThanTheFollowersCommitSeqIsRefused() {
    TestShard cluster = new TestShard();
    PrimaryReplication primary = cluster.lead("r1", 1);
    primary.propose(KIND, bytes("a"));
    cluster.sync("r1");
    cluster.catchUp("r3");
    assertThat(primary.commitSeq()).isEqualTo(2);
    ShardImage stale = cluster.image("r1");
    primary.propose(KIND, bytes("b"));
    primary.propose(KIND, bytes("c"));
    cluster.sync("r1");
    cluster.catchUp("r3");
    // r2's first fetch brings entries 1 to 4 and commit seq 4; it has reported nothing durable.
    assertThat(cluster.fetch("r2")).isEqualTo(FetchOutcome.APPENDED);
    assertThat(cluster.replica("r2").commitSeq()).isEqualTo(4);

    assertThat(cluster.replica("r2").installImage(stale)).isFalse();

    assertThat(cluster.replica("r2").lastSeq()).isEqualTo(4);
    assertThat(cluster.replica("r2").commitSeq()).isEqualTo(4);
    assertThat(cluster.log("r2").imageSeq()).isZero();
    assertThat(cluster.log("r2").entry(3)).isEqualTo(cluster.log("r1").entry(3));
    assertThat(cluster.commits("r2")).containsExactly(4L);
  }

  @Test
  void anImageIsInstalledOnlyAfterImageNeededForTheLogsEndAndOnlyIfItCoversTheLog() {
    PrimaryReplication primary = shard.lead("r1", 1);
    primary.propose(KIND, bytes("a"));
    shard.sync("r1");
    shard.catchUp("r3");
    ShardImage imageAt2 = shard.image("r1");
    primary.propose(KIND, bytes("b"));
    primary.propose(KIND, bytes("c"));
    shard.sync("r1");
    assertThat(shard.fetch("r2")).isEqualTo(FetchOutcome.APPENDED);
    shard.sync("r2");
    assertThat(shard.replica("r2").lastSeq()).isEqualTo(4);

    assertThat(shard.replica("r2").installImage(imageAt2))
        .as("no ImageNeeded answered r2's log end")
        .isFalse();

    for (String payload : new String[] {"d", "e", "f"}) {
      primary.propose(KIND, bytes(payload));
    }
    shard.sync("r1");
    shard.catchUp("r3");
    assertThat(primary.commitSeq()).isEqualTo(7);
    assertThat(shard.fetch("r2")).isEqualTo(FetchOutcome.IMAGE_NEEDED);
    assertThat(shard.replica("r2").installImage(imageAt2))
        .as("r2 may have reported entries 3 and 4 durable: an image must cover its whole log")
        .isFalse();
    assertThat(shard.replica("r2").lastSeq()).isEqualTo(4);
    assertThat(shard.log("r2").imageSeq()).isZero();

    assertThat(shard.replica("r2").installImage(shard.image("r1"))).isTrue();
    assertThat(shard.replica("r2").commitSeq()).isEqualTo(7);
  }

  @Test
  void aRestartedFollowerRefusesALateImageThatWouldDropEntriesItReportedBeforeTheRestart() {
    TestShard cluster = new TestShard();
    PrimaryReplication primary = cluster.lead("r1", 1);
    primary.propose(KIND, bytes("a"));
    cluster.sync("r1");
    cluster.catchUp("r3");
    ShardImage imageAt2 = cluster.image("r1");
    for (String payload : new String[] {"b", "c", "d"}) {
      primary.propose(KIND, bytes(payload));
    }
    cluster.sync("r1");
    assertThat(cluster.fetch("r2")).isEqualTo(FetchOutcome.APPENDED);
    cluster.sync("r2");
    cluster.replica("r1").onFetch(cluster.request("r2"));
    assertThat(primary.commitSeq()).as("r1 counted r2's report of 1 to 5").isEqualTo(5);

    cluster.log("r2").crash();
    cluster.open("r2").follow("r1", 1);
    assertThat(cluster.replica("r2").lastSeq()).isEqualTo(5);

    assertThat(cluster.replica("r2").installImage(imageAt2)).isFalse();
    assertThat(cluster.replica("r2").lastSeq()).isEqualTo(5);
    FenceReport r2 = cluster.replica("r2").fence(2);
    FenceReport r3 = cluster.replica("r3").fence(2);
    assertThat(PromotionChoice.mostUpToDate(TestShard.GROUP, 2, List.of(r2, r3)))
        .map(FenceReport::lastSeq)
        .as("the committed entries survive the loss of r1")
        .hasValue(5L);
  }

  @Test
  void aFollowerWhoseUncommittedTailWasCutStillCatchesUpByImage() {
    PrimaryReplication first = shard.lead("r1", 1);
    first.propose(KIND, bytes("a"));
    shard.sync("r1");
    shard.catchUp("r2");
    shard.catchUp("r3");
    for (int i = 0; i < 10; i++) {
      first.propose(KIND, bytes("never committed " + i));
    }
    shard.sync("r1");
    shard.replica("r2").fence(2);
    shard.replica("r3").fence(2);
    PrimaryReplication second = shard.replica("r3").promote(2, TestShard.GROUP);
    shard.replica("r2").follow("r3", 2);
    for (int i = 0; i < 4; i++) {
      second.propose(KIND, bytes("new " + i));
    }
    shard.sync("r3");
    shard.catchUp("r2");
    assertThat(second.commitSeq()).isEqualTo(7);

    // r2 goes down; r1 returns with entries 3 to 12 nobody committed and follows r3.
    shard.replica("r1").follow("r3", 2);
    shard.catchUp("r1");
    assertThat(shard.log("r1").imageSeq())
        .as("cut back to 2, then 5 committed entries behind: an image")
        .isEqualTo(7);
    assertThat(shard.replica("r1").lastSeq()).isEqualTo(7);
    second.propose(KIND, bytes("after r1 returned"));
    shard.sync("r3");
    shard.catchUp("r1");
    assertThat(second.commitSeq()).as("r1 counts for the quorum again").isEqualTo(8);
    assertThat(shard.log("r1").entry(8)).isEqualTo(shard.log("r3").entry(8));
  }

  @Test
  void aPrimaryThatInstalledAnImageServesFetchesAfterItAndAnswersImageNeededBelowIt() {
    TestShard cluster = new TestShard(ReplicationLimits.defaults().withImageCatchUpEntries(2));
    PrimaryReplication first = cluster.lead("r1", 1);
    first.propose(KIND, bytes("a"));
    first.propose(KIND, bytes("b"));
    cluster.sync("r1");
    cluster.catchUp("r2");
    assertThat(first.commitSeq()).isEqualTo(3);
    assertThat(cluster.fetch("r3")).isEqualTo(FetchOutcome.IMAGE_NEEDED);
    assertThat(cluster.installImage("r3")).isTrue();
    first.propose(KIND, bytes("c"));
    cluster.sync("r1");
    cluster.catchUp("r3");
    assertThat(cluster.replica("r3").lastSeq()).isEqualTo(4);
    assertThat(cluster.replica("r3").commitSeq()).isEqualTo(4);

    // r1 is lost; r3, whose log starts with an image at 3, becomes the primary.
    FenceReport r2 = cluster.replica("r2").fence(2);
    FenceReport r3 = cluster.replica("r3").fence(2);
    assertThat(r3.lastSeq()).isEqualTo(4);
    assertThat(PromotionChoice.mostUpToDate(TestShard.GROUP, 2, List.of(r2, r3)))
        .map(FenceReport::replicaId)
        .hasValue("r3");
    PrimaryReplication second = cluster.replica("r3").promote(2, TestShard.GROUP);
    assertThat(second.epochStartSeq()).isEqualTo(5);
    cluster.sync("r3");

    assertThat(cluster.replica("r3").onFetch(new FetchRequest(TestShard.SHARD, 2, "a1", 1, 0)))
        .as("below its image, though only 4 entries behind")
        .isEqualTo(new FetchResponse.ImageNeeded(TestShard.SHARD, 2, 1, 0, 4));
    assertThat(cluster.replica("r3").onFetch(new FetchRequest(TestShard.SHARD, 2, "a1", 3, 1)))
        .isEqualTo(new FetchResponse.ImageNeeded(TestShard.SHARD, 2, 3, 1, 4));

    // r2 holds 1 to 3: it fetches from 4, matching entry 3's epoch in r3's image.
    cluster.replica("r2").follow("r3", 2);
    assertThat(cluster.request("r2")).isEqualTo(new FetchRequest(TestShard.SHARD, 2, "r2", 4, 1));
    assertThat(cluster.fetch("r2")).isEqualTo(FetchOutcome.APPENDED);
    cluster.sync("r2");
    cluster.catchUp("r2");
    assertThat(second.commitSeq()).isEqualTo(5);
    for (long seq = 4; seq <= 5; seq++) {
      assertThat(cluster.log("r2").entry(seq)).isEqualTo(cluster.log("r3").entry(seq));
    }

    // a1, empty, is told to get an image, installs r3's and fetches the rest.
    cluster.replica("a1").follow("r3", 2);
    assertThat(cluster.fetch("a1")).isEqualTo(FetchOutcome.IMAGE_NEEDED);
    ShardImage image = cluster.image("r3");
    assertThat(image.seq()).isEqualTo(5);
    assertThat(image.epochs()).containsExactly(1, 2);
    assertThat(image.firstSeqs()).containsExactly(1, 5);
    assertThat(cluster.replica("a1").installImage(image)).isTrue();
    second.propose(KIND, bytes("d"));
    cluster.sync("r3");
    cluster.catchUp("a1");
    assertThat(cluster.replica("a1").lastSeq()).isEqualTo(6);
    assertThat(cluster.log("a1").entry(6)).isEqualTo(cluster.log("r3").entry(6));
    assertThat(cluster.replica("a1").lastEpoch()).isEqualTo(2);
  }

  @Test
  void theCommitSeqNeverMovesBackAcrossAnInstall() {
    PrimaryReplication primary = shard.lead("r1", 1);
    primary.propose(KIND, bytes("a"));
    shard.sync("r1");
    FetchResponse early = shard.answer("r2", shard.request("r2"));
    shard.catchUp("r3");
    primary.propose(KIND, bytes("b"));
    primary.propose(KIND, bytes("c"));
    primary.propose(KIND, bytes("d"));
    shard.sync("r1");
    shard.catchUp("r3");
    assertThat(primary.commitSeq()).isEqualTo(5);
    assertThat(shard.fetch("r2")).isEqualTo(FetchOutcome.IMAGE_NEEDED);
    assertThat(shard.installImage("r2")).isTrue();
    assertThat(shard.replica("r2").commitSeq()).isEqualTo(5);

    assertThat(shard.replica("r2").onFetchResponse(early))
        .as("a late answer with entries 1 and 2 and commit seq 0")
        .isEqualTo(FetchOutcome.NOTHING_NEW);
    assertThat(shard.replica("r2").commitSeq()).isEqualTo(5);
    assertThat(shard.replica("r2").lastSeq()).isEqualTo(5);

    // The install survives a crash of r2, though r2 never synced.
    shard.log("r2").crash();
    ShardReplica restarted = shard.open("r2");
    assertThat(restarted.commitSeq()).isEqualTo(5);
    assertThat(restarted.lastSeq()).isEqualTo(5);
    assertThat(restarted.lastEpoch()).isEqualTo(1);
    assertThat(shard.log("r2").imageSeq()).isEqualTo(5);
    restarted.follow("r1", 1);
    primary.propose(KIND, bytes("e"));
    shard.sync("r1");
    shard.catchUp("r2");
    shard.fetch("r2");
    assertThat(restarted.commitSeq()).isEqualTo(6);
    assertThat(shard.commits("r2")).containsExactly(6L);
  }
}
