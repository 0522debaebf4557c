package io.switchboard.runtime.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A single-voter primary restarted at the epoch it was promoted at resumes it (ADR 0008, step 2).
 */
class ShardReplicaResumeTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
  private static final ReplicaGroup ALONE = new ReplicaGroup(Set.of("a"), Set.of());

  private final InMemoryShardLog storage = new InMemoryShardLog();

  private ShardReplica open() {
    return ShardReplica.open(
        0, "a", storage, CLOCK, ReplicationListener.NONE, ReplicationLimits.defaults());
  }

  @Test
  void aRestartedSingleVoterResumesItsEpochAndCommitsWhatWasDurableButUncommitted() {
    ShardReplica replica = open();
    replica.promote(3, ALONE);
    replica.propose(2, new byte[] {1});
    storage.sync();
    replica.onDurable();
    assertThat(replica.commitSeq()).isEqualTo(2);
    replica.propose(2, new byte[] {2});
    storage.sync();
    storage.crash();

    ShardReplica restarted = open();
    assertThatThrownBy(() -> restarted.promote(3, ALONE)).isInstanceOf(StaleEpochException.class);
    assertThatThrownBy(() -> restarted.resume(4, ALONE)).isInstanceOf(StaleEpochException.class);
    assertThatThrownBy(() -> restarted.resume(3, new ReplicaGroup(Set.of("a", "b", "c"), Set.of())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> restarted.resume(3, new ReplicaGroup(Set.of("a"), Set.of("x"))))
        .isInstanceOf(IllegalArgumentException.class);

    PrimaryReplication primary = restarted.resume(3, ALONE);

    assertThat(restarted.role()).isEqualTo(ShardReplica.Role.PRIMARY);
    assertThat(primary.epochStartSeq()).as("the epoch's own EPOCH_START").isEqualTo(1);
    assertThat(restarted.commitSeq())
        .as("committed at once: durable on the single voter")
        .isEqualTo(3);
    assertThat(restarted.propose(2, new byte[] {3})).isEqualTo(4);
    assertThat(storage.entry(4).epoch()).isEqualTo(3);
    assertThat(restarted.resume(3, ALONE)).isSameAs(primary);
  }

  @Test
  void aResumedPrimaryWhoseEpochStartWasLostWritesANewOne() {
    ShardReplica replica = open();
    replica.promote(5, ALONE);
    storage.crash();
    assertThat(storage.lastSeq()).isZero();

    ShardReplica restarted = open();
    PrimaryReplication primary = restarted.resume(5, ALONE);

    assertThat(primary.epochStartSeq()).isEqualTo(1);
    assertThat(storage.entry(1).kind()).isEqualTo(ShardEntry.EPOCH_START);
    assertThat(restarted.commitSeq()).isZero();
    storage.sync();
    restarted.onDurable();
    assertThat(restarted.commitSeq()).isEqualTo(1);
  }
}
