package io.switchboard.runtime.replication;

/**
 * What a replica answers when fenced at an epoch: enough for the control plane to choose the most
 * up-to-date fenced replica ({@link PromotionChoice}).
 *
 * <p>The position is the replica's <em>durable</em> end, not its last entry: a crash cannot make
 * the replica's log shorter than what it reported, so the choice stays valid until the promotion
 * arrives, even across restarts.
 *
 * @param replicaId the fenced replica
 * @param epoch the epoch it is fenced at (the highest it has seen)
 * @param lastEpoch epoch of its last durable entry, 0 if none
 * @param lastSeq seq of its last durable entry, 0 if none
 * @param commitSeq its commit seq
 */
public record FenceReport(
    String replicaId, long epoch, long lastEpoch, long lastSeq, long commitSeq) {}
