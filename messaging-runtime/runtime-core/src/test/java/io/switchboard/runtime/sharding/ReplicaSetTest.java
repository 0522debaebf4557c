package io.switchboard.runtime.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSetTest {

  @Test
  void votersAreThePrimaryAndItsFollowersAndExcludeAsyncReplicas() {
    ReplicaSet set =
        new ReplicaSet(300, 2, "europe-1", List.of("europe-2", "europe-3"), List.of("x"));

    assertThat(set.voters()).containsExactly("europe-1", "europe-2", "europe-3");
    assertThat(set.asyncReplicas()).containsExactly("x");
  }

  @Test
  void everyReplicaCountsAsHeldOnItsNode() {
    ReplicaSet set = new ReplicaSet(1, 1, "a", List.of("b"), List.of("c"));

    assertThat(set.hasReplicaOn("a")).isTrue();
    assertThat(set.hasReplicaOn("b")).isTrue();
    assertThat(set.hasReplicaOn("c")).isTrue();
    assertThat(set.hasReplicaOn("d")).isFalse();
  }

  @Test
  void theFourArgumentFormHasNoAsyncReplicas() {
    ReplicaSet set = new ReplicaSet(1, 1, "a", List.of("b"));

    assertThat(set.asyncReplicas()).isEmpty();
    assertThat(set).isEqualTo(new ReplicaSet(1, 1, "a", List.of("b"), List.of()));
    assertThat(ReplicaSet.single(1, "a").voters()).containsExactly("a");
  }

  @Test
  void aNodeHoldsAtMostOneReplicaOfAShard() {
    assertThatThrownBy(() -> new ReplicaSet(1, 1, "a", List.of("b"), List.of("a")))
        .hasMessage("Shard 1: replicas must be distinct, got a + [b] + async [a]");
    assertThatThrownBy(() -> new ReplicaSet(1, 1, "a", List.of("b"), List.of("b")))
        .hasMessageContaining("distinct");
    assertThatThrownBy(() -> new ReplicaSet(1, 1, "a", List.of(), List.of("c", "c")))
        .hasMessageContaining("distinct");
  }
}
