package io.switchboard.runtime.node.replication;

import com.google.protobuf.ByteString;
import io.switchboard.runtime.peer.FetchedEntries;
import io.switchboard.runtime.peer.ReplicaLagEntry;
import io.switchboard.runtime.peer.ReplicaStatusReply;
import io.switchboard.runtime.peer.ReplicatedEntry;
import io.switchboard.runtime.peer.ShardFetch;
import io.switchboard.runtime.peer.ShardFetchResult;
import io.switchboard.runtime.replication.FetchRequest;
import io.switchboard.runtime.replication.FetchResponse;
import io.switchboard.runtime.replication.ReplicaLag;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.replication.ShardReplica;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts the replication core's fetch requests and answers to and from their peer protocol form
 * (peer.proto, "Replication"). Decoding checks what the core's records check: a malformed message
 * fails with {@link IllegalArgumentException} and changes nothing.
 */
public final class ReplicationMessages {

  private ReplicationMessages() {}

  /** A replica's status as the peer protocol carries it. */
  public static ReplicaStatusReply toProto(ReplicaStatus status) {
    ReplicaStatusReply.Builder reply =
        ReplicaStatusReply.newBuilder()
            .setShard(status.shard())
            .setRole(status.role().name())
            .setHighestEpoch(status.highestEpoch())
            .setLastSeq(status.lastSeq())
            .setDurableSeq(status.durableSeq())
            .setCommitSeq(status.commitSeq());
    status
        .lags()
        .forEach(
            (replica, lag) ->
                reply.addLags(
                    ReplicaLagEntry.newBuilder()
                        .setReplicaId(replica)
                        .setRecords(lag.records())
                        .setMillis(lag.millis())));
    return reply.build();
  }

  /**
   * A replica's status from its peer protocol form.
   *
   * @throws IllegalArgumentException for an unknown role
   */
  public static ReplicaStatus fromProto(ReplicaStatusReply reply) {
    Map<String, ReplicaLag> lags = new TreeMap<>();
    for (ReplicaLagEntry lag : reply.getLagsList()) {
      lags.put(lag.getReplicaId(), new ReplicaLag(lag.getRecords(), lag.getMillis()));
    }
    return new ReplicaStatus(
        reply.getShard(),
        ShardReplica.Role.valueOf(reply.getRole()),
        reply.getHighestEpoch(),
        reply.getLastSeq(),
        reply.getDurableSeq(),
        reply.getCommitSeq(),
        lags);
  }

  static ShardFetch toProto(FetchRequest request, long knownCommitSeq) {
    return ShardFetch.newBuilder()
        .setShard(request.shard())
        .setEpoch(request.epoch())
        .setFromSeq(request.fromSeq())
        .setLastEpoch(request.lastEpoch())
        .setKnownCommitSeq(knownCommitSeq)
        .build();
  }

  static FetchRequest fromProto(String replicaId, ShardFetch fetch) {
    return new FetchRequest(
        fetch.getShard(), fetch.getEpoch(), replicaId, fetch.getFromSeq(), fetch.getLastEpoch());
  }

  static ShardFetchResult toProto(FetchResponse response) {
    ShardFetchResult.Builder result =
        ShardFetchResult.newBuilder().setShard(response.shard()).setEpoch(response.epoch());
    if (response instanceof FetchResponse.Entries entries) {
      FetchedEntries.Builder fetched =
          FetchedEntries.newBuilder().setCommitSeq(entries.commitSeq());
      for (ShardEntry entry : entries.entries()) {
        fetched.addEntries(
            ReplicatedEntry.newBuilder()
                .setSeq(entry.seq())
                .setEpoch(entry.epoch())
                .setKind(entry.kind())
                .setPayload(ByteString.copyFrom(entry.payload())));
      }
      result.setEntries(fetched).setFromSeq(entries.fromSeq()).setLastEpoch(entries.prevEpoch());
    } else if (response instanceof FetchResponse.Diverging diverging) {
      result
          .setDivergingAfter(diverging.endSeq())
          .setFromSeq(diverging.fromSeq())
          .setLastEpoch(diverging.lastEpoch());
    } else if (response instanceof FetchResponse.ImageNeeded needed) {
      result
          .setImageNeededCommitSeq(needed.commitSeq())
          .setFromSeq(needed.fromSeq())
          .setLastEpoch(needed.lastEpoch());
    } else if (response instanceof FetchResponse.StaleEpoch) {
      result.setStaleEpoch(true);
    } else {
      result.setNotPrimary(true);
    }
    return result.build();
  }

  static FetchResponse fromProto(ShardFetchResult result) {
    int shard = result.getShard();
    long epoch = result.getEpoch();
    return switch (result.getOutcomeCase()) {
      case ENTRIES -> {
        List<ShardEntry> entries = new ArrayList<>(result.getEntries().getEntriesCount());
        for (ReplicatedEntry entry : result.getEntries().getEntriesList()) {
          entries.add(
              new ShardEntry(
                  entry.getSeq(),
                  entry.getEpoch(),
                  entry.getKind(),
                  entry.getPayload().toByteArray()));
        }
        yield new FetchResponse.Entries(
            shard,
            epoch,
            result.getFromSeq(),
            result.getLastEpoch(),
            entries,
            result.getEntries().getCommitSeq());
      }
      case DIVERGING_AFTER ->
          new FetchResponse.Diverging(
              shard, epoch, result.getFromSeq(), result.getLastEpoch(), result.getDivergingAfter());
      case IMAGE_NEEDED_COMMIT_SEQ ->
          new FetchResponse.ImageNeeded(
              shard,
              epoch,
              result.getFromSeq(),
              result.getLastEpoch(),
              result.getImageNeededCommitSeq());
      case STALE_EPOCH -> new FetchResponse.StaleEpoch(shard, epoch);
      case NOT_PRIMARY -> new FetchResponse.NotPrimary(shard, epoch);
      case OUTCOME_NOT_SET ->
          throw new IllegalArgumentException(
              "a fetch result of shard " + shard + " without outcome");
    };
  }
}
