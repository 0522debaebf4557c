package io.switchboard.runtime.replication;

import java.util.Objects;

/**
 * A follower's (or async replica's) pull from the primary it follows. Besides asking for entries
 * from {@code fromSeq}, it states that the replica durably holds every entry before {@code
 * fromSeq}, the last of them of epoch {@code lastEpoch}: the primary counts that for its commit seq
 * once it has checked that its own log holds entry {@code fromSeq - 1} of {@code lastEpoch} (and
 * therefore, by the log matching property, the same entries before it).
 *
 * @param shard the shard
 * @param epoch the epoch the replica follows; a primary of a lower epoch is fenced by it
 * @param replicaId who asks
 * @param fromSeq first seq wanted, from 1: the replica's last durable seq + 1
 * @param lastEpoch epoch of entry {@code fromSeq - 1}, 0 when {@code fromSeq} is 1
 */
public record FetchRequest(int shard, long epoch, String replicaId, long fromSeq, long lastEpoch) {

  public FetchRequest {
    Objects.requireNonNull(replicaId, "replicaId");
    if (epoch < 1 || fromSeq < 1 || lastEpoch < 0 || lastEpoch > epoch) {
      throw new IllegalArgumentException(
          "invalid fetch: epoch " + epoch + ", fromSeq " + fromSeq + ", lastEpoch " + lastEpoch);
    }
  }
}
