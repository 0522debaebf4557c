/**
 * Shard replication (ADR 0008, step 1): the per-shard replicated log, fetch-based replication with
 * control-plane-assigned epochs, fencing and divergent-suffix truncation. Pure: no threads, no I/O,
 * no wall clock (time comes from the {@link java.time.Clock} passed in); storage is behind {@link
 * io.switchboard.runtime.replication.ShardLog}, so the same code runs on the node's durable log and
 * in the testkit's simulation.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link io.switchboard.runtime.replication.ShardReplica}: one replica of one shard, the
 *       entry point; roles, fencing, routing of fetches and answers.
 *   <li>{@link io.switchboard.runtime.replication.PrimaryReplication}: proposals, fetch answers,
 *       commit rule, replica lag. {@link io.switchboard.runtime.replication.FollowerReplication}:
 *       fetch requests, answer handling, truncation decisions.
 *   <li>{@link io.switchboard.runtime.replication.EpochHistory}: epoch to first seq, {@code
 *       endOfEpoch}. {@code ReplicaLog}: the storage plus the history, with the guards below.
 *   <li>Messages as records: {@link io.switchboard.runtime.replication.FetchRequest}, {@link
 *       io.switchboard.runtime.replication.FetchResponse}, {@link
 *       io.switchboard.runtime.replication.FenceReport}; {@link
 *       io.switchboard.runtime.replication.PromotionChoice} for the control plane.
 * </ul>
 *
 * <h2>A promotion, as the control plane does it</h2>
 *
 * <ol>
 *   <li>Pick {@code E} above every epoch ever used for the shard.
 *   <li>{@code fence(E)} on the in-DC replicas; each records {@code E} durably, drops any role of a
 *       lower epoch and reports its durable end {@code (lastEpoch, lastSeq)}.
 *   <li>Once a majority reported, {@link
 *       io.switchboard.runtime.replication.PromotionChoice#mostUpToDate} picks the replica with the
 *       highest last epoch, then the longest log; {@code promote(E, group)} on it (if it fails,
 *       start again at a higher epoch).
 *   <li>{@code follow(primary, E)} on every other replica, async ones included, and publish the
 *       shard map.
 * </ol>
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>Seqs are gapless from 1 on every replica; epochs never decrease along a log; only the
 *       primary of epoch {@code E} creates entries of {@code E}, so {@code (seq, epoch)} names the
 *       same entry, and the same log before it, on every replica (log matching).
 *   <li>A replica's highest seen epoch is durable and only grows; it answers nothing of a lower
 *       epoch, and a replica is promoted at most once per epoch.
 *   <li>A primary commits only what a quorum of voters holds durably, and only at or beyond its
 *       epoch's first entry; async replicas never count. Once a majority is fenced at a higher
 *       epoch, the old primary can no longer gather a quorum.
 *   <li>A replica's commit seq never moves back while it runs, never exceeds its log, and no
 *       truncation removes a committed entry ({@code ReplicaLog} throws {@link
 *       java.lang.IllegalStateException}: it would be a protocol bug).
 *   <li>Committed prefixes are identical on every replica.
 * </ul>
 *
 * <h2>Where this refines ADR 0008 (the safe choice, in each case)</h2>
 *
 * <ul>
 *   <li>Fence reports carry the replica's <em>durable</em> end, not its last entry: a replica
 *       chosen for an unsynced suffix could restart without it before the promotion arrives.
 *   <li>The durable epoch record also holds the highest epoch the replica was promoted at, and a
 *       promotion at that epoch is refused: a duplicated promote arriving after a restart would
 *       otherwise start a second primary of the same epoch, writing different entries under {@code
 *       (seq, epoch)} names that followers may already hold.
 *   <li>A follower sends its next fetch only once everything it appended is durable, since a fetch
 *       from {@code fromSeq} vouches that everything before it is durable (the ADR's long poll).
 *   <li>Answers echo the request's {@code fromSeq} and last epoch, and a follower applies one only
 *       while its log still ends (for {@code Diverging}) or matches (for {@code Entries}) there:
 *       the network may delay, duplicate or reorder answers, and a late {@code Diverging} applied
 *       to a log that has moved on could drop entries the primary already counted.
 *   <li>Any replica records a higher epoch it sees in a fetch or an answer, not only primaries.
 *   <li>The commit seq is recorded through {@link
 *       io.switchboard.runtime.replication.ShardLog#commit} (the ADR's {@code COMMIT} record), so a
 *       restarted replica knows its committed prefix. Step 2 records it for single-voter shards
 *       too; a sole voter appends its entries with {@link
 *       io.switchboard.runtime.replication.ShardLog#appendCommittedOnceDurable}, so the node log
 *       writes the COMMIT right behind the entry, in the same group commit.
 *   <li>{@link io.switchboard.runtime.replication.ShardReplica#resume} (step 2): a replica promoted
 *       at an epoch before a restart serves that epoch again without a promotion, but only as the
 *       single voter of its group with no async replica, where no other replica can hold entries of
 *       that epoch it lost with an unsynced tail.
 *   <li>Replicas outside the group (a replica being added) are served but neither counted nor
 *       tracked. Entries a primary inherited from earlier epochs are timed from its promotion, so
 *       the lag in milliseconds of a replica missing them starts there.
 *   <li>Epochs are {@code long}, as in the shard map; the node log's record epoch is an {@code
 *       int}, which step 2 checks.
 * </ul>
 */
package io.switchboard.runtime.replication;
