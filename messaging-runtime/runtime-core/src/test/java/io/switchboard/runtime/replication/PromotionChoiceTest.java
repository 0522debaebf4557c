package io.switchboard.runtime.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromotionChoiceTest {

  private static final ReplicaGroup GROUP =
      new ReplicaGroup(Set.of("r1", "r2", "r3"), Set.of("a1"));

  @Test
  void waitsForAQuorumOfVotersFencedAtTheEpoch() {
    FenceReport r1 = new FenceReport("r1", 5, 4, 10, 8);
    FenceReport olderFence = new FenceReport("r2", 4, 4, 12, 8);
    FenceReport async = new FenceReport("a1", 5, 4, 20, 8);

    assertThat(PromotionChoice.mostUpToDate(GROUP, 5, List.of(r1, olderFence, async))).isEmpty();
  }

  @Test
  void prefersTheHighestLastEpochThenTheLongestLogThenTheSmallestId() {
    FenceReport longOld = new FenceReport("r1", 5, 3, 50, 20);
    FenceReport shortNew = new FenceReport("r2", 5, 4, 30, 20);
    FenceReport sameAsR2 = new FenceReport("r3", 5, 4, 30, 25);

    assertThat(PromotionChoice.mostUpToDate(GROUP, 5, List.of(longOld, shortNew)))
        .hasValue(shortNew);
    assertThat(PromotionChoice.mostUpToDate(GROUP, 5, List.of(sameAsR2, longOld, shortNew)))
        .hasValue(shortNew);
    assertThat(
            PromotionChoice.mostUpToDate(
                GROUP, 5, List.of(new FenceReport("r3", 5, 4, 31, 0), shortNew)))
        .map(FenceReport::replicaId)
        .hasValue("r3");
  }
}
