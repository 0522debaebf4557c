package io.switchboard.runtime.replication;

import io.switchboard.runtime.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replicas of one shard wired by hand: in-DC voters r1, r2, r3 and the async replica a1, each on an
 * {@link InMemoryShardLog}, sharing a {@link MutableClock}. Fetches are delivered synchronously
 * unless a test keeps a request or an answer to deliver it late.
 */
final class TestShard {

  static final int SHARD = 7;
  static final ReplicaGroup GROUP = new ReplicaGroup(Set.of("r1", "r2", "r3"), Set.of("a1"));

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));
  private final ReplicationLimits limits;
  private final Map<String, InMemoryShardLog> logs = new TreeMap<>();
  private final Map<String, ShardReplica> replicas = new TreeMap<>();
  private final Map<String, List<Long>> commits = new TreeMap<>();
  private final Map<String, List<Long>> stepDowns = new TreeMap<>();

  TestShard() {
    this(ReplicationLimits.defaults());
  }

  /** Replicas using {@code limits} (for instance a small {@code imageCatchUpEntries}). */
  TestShard(ReplicationLimits limits) {
    this.limits = limits;
    for (String id : List.of("r1", "r2", "r3", "a1")) {
      logs.put(id, new InMemoryShardLog());
      open(id);
    }
  }

  ShardReplica replica(String id) {
    return replicas.get(id);
  }

  InMemoryShardLog log(String id) {
    return logs.get(id);
  }

  /** Commit seqs the replica's listener was told, in order. */
  List<Long> commits(String id) {
    return commits.get(id);
  }

  /** Higher epochs the replica's primaries stepped down for, in order. */
  List<Long> stepDowns(String id) {
    return stepDowns.get(id);
  }

  /** Opens (or, after {@link InMemoryShardLog#crash()}, reopens) the replica over its log. */
  ShardReplica open(String id) {
    commits.put(id, new ArrayList<>());
    stepDowns.put(id, new ArrayList<>());
    ReplicationListener listener =
        new ReplicationListener() {
          @Override
          public void committed(long commitSeq) {
            commits.get(id).add(commitSeq);
          }

          @Override
          public void steppedDown(long epoch, long higherEpoch) {
            stepDowns.get(id).add(higherEpoch);
          }
        };
    ShardReplica replica = ShardReplica.open(SHARD, id, logs.get(id), clock, listener, limits);
    replicas.put(id, replica);
    return replica;
  }

  /** Promotes {@code primary} at {@code epoch} and points every other replica at it. */
  PrimaryReplication lead(String primary, long epoch) {
    PrimaryReplication promoted = replica(primary).promote(epoch, GROUP);
    for (String id : replicas.keySet()) {
      if (!id.equals(primary)) {
        replica(id).follow(primary, epoch);
      }
    }
    return promoted;
  }

  /** Makes the replica's log durable and tells the replica. */
  void sync(String id) {
    log(id).sync();
    replica(id).onDurable();
  }

  /** The fetch {@code id} would send now (it must have one). */
  FetchRequest request(String id) {
    return replica(id).nextFetch().orElseThrow();
  }

  /** The answer of the primary {@code id} follows to {@code request}. */
  FetchResponse answer(String id, FetchRequest request) {
    return replica(replica(id).follower().orElseThrow().primaryId()).onFetch(request);
  }

  /** One fetch round trip from {@code id} to the primary it follows. */
  FetchOutcome fetch(String id) {
    return replica(id).onFetchResponse(answer(id, request(id)));
  }

  /**
   * The image the primary {@code id} produces now: its committed prefix, at its epoch. Its state
   * names the seq, which is all these tests need of an opaque state.
   */
  ShardImage image(String id) {
    PrimaryReplication primary = replica(id).primary().orElseThrow();
    long seq = primary.commitSeq();
    EpochHistory history = EpochHistory.of(log(id));
    return new ShardImage(
        SHARD,
        primary.epoch(),
        seq,
        history.epochsUpTo(seq),
        history.firstSeqsUpTo(seq),
        ("state of " + id + " at " + seq).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code id} asks the primary it follows for an image and installs it. */
  boolean installImage(String id) {
    return replica(id).installImage(image(replica(id).follower().orElseThrow().primaryId()));
  }

  /**
   * Fetches and syncs until {@code id} has nothing new, installing an image of its primary when
   * told to; the last fetch reports everything durable.
   */
  void catchUp(String id) {
    for (int round = 0; round < 1000; round++) {
      FetchOutcome outcome = fetch(id);
      if (outcome == FetchOutcome.NOTHING_NEW) {
        return;
      }
      if (outcome == FetchOutcome.IMAGE_NEEDED && !installImage(id)) {
        throw new AssertionError(id + " refused the image of its primary");
      }
      sync(id);
    }
    throw new AssertionError(id + " did not catch up in 1000 fetches");
  }
}
