/**
 * Shard replication on the node's durable log (ADR 0008, step 2): every shard a store node holds is
 * a {@link io.switchboard.runtime.replication.ShardReplica} whose log lives in the node's single
 * {@link io.switchboard.runtime.store.DurableLog}, and messaging state is applied at commit.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link io.switchboard.runtime.replication.node.ReplicationRecords}: the record layout (no
 *       change to the record format): entries are records of types 1 to 15 with the entry's epoch,
 *       their seq implicit (1 + the shard's live entries before them); COMMIT (250), TRUNCATE (251)
 *       and EPOCH_RECORD (252) carry longs.
 *   <li>{@link io.switchboard.runtime.replication.node.ReplicatedShards}: the log's state machine.
 *       Indexes entries per shard (seq to position, epoch history, the uncommitted records) and
 *       applies them to the {@link io.switchboard.runtime.replication.node.CommittedStateMachine}
 *       (the messaging state) when a COMMIT covers them, with their original records.
 *   <li>{@link io.switchboard.runtime.replication.node.NodeShardLog}: one shard's {@link
 *       io.switchboard.runtime.replication.ShardLog} over the log: in-flight entries in memory,
 *       durable ones read back by position, acknowledgements handled off the writer thread.
 *   <li>{@link io.switchboard.runtime.replication.node.NodeReplicas}: the replicas of the node, a
 *       lock each; proposals, and the promotion or resumption of led shards at startup.
 *   <li>Shard images (ADR 0008, step 4): {@code ShardImages} builds one from what {@link
 *       io.switchboard.runtime.replication.node.ReplicatedShards#captureImage} captured, {@link
 *       io.switchboard.runtime.replication.node.ShardImageState} encodes its state (the records the
 *       messaging state names, and that state), {@link
 *       io.switchboard.runtime.replication.node.NodeShardLog#installImage} writes one into the node
 *       log as IMAGE_ITEM, IMAGE_PART and IMAGE_INSTALL records.
 * </ul>
 *
 * <h2>A proposal</h2>
 *
 * <ol>
 *   <li>Under the shard's lock: the replica is made the primary of the map's epoch if it is not
 *       (single voter: the node), the entry is proposed (appended to the node log), and a waiter is
 *       registered for its seq.
 *   <li>The log acknowledges the entry (durable; {@code ReplicatedShards} indexed it, applied
 *       nothing). On the executor, under the lock: the durable seq advances, the primary commits
 *       (its single voter holds the entry), a COMMIT record is appended.
 *   <li>The log applies the COMMIT: the entry is applied to the messaging state, its result
 *       recorded under the entry's position. Once the COMMIT is acknowledged, on the executor, the
 *       waiter completes with the entry's position and the pipeline takes the result, as before.
 * </ol>
 *
 * <p>So a client would be acknowledged after two group commits (the entry's, then the COMMIT's). A
 * primary that is its group's only voter (single-copy shards) avoids the second: its entry is
 * committed as soon as it is durable, so {@link
 * io.switchboard.runtime.replication.node.NodeShardLog#appendCommittedOnceDurable} writes the
 * COMMIT right behind the entry, both durable after one group commit, and the commit of step 2
 * waits for that record instead of writing one. Should the primary step down before it commits
 * them, those COMMITs still stand in the log: they become the log's recorded commit seq, so no
 * truncation goes below them, but the primary that stepped down acknowledges none of their
 * proposals. Only a group without async replicas does this, so no replica elsewhere can be promoted
 * without those entries.
 *
 * <h2>Threads and locks</h2>
 *
 * Replicas are not thread-safe: each is used under its shard's lock. The log's writer thread never
 * takes a shard lock: acknowledgements continue on the service's executor. {@code ReplicatedShards}
 * guards each shard's index by its own monitor, held for memory operations only. A promotion while
 * the node runs (the map's epoch rose) waits for its EPOCH_RECORD under the shard's lock, on the
 * proposing thread; at startup all led shards are promoted together, in one or a few group commits.
 *
 * <h2>Refinements of the ADR (the safe choice in each case)</h2>
 *
 * <ul>
 *   <li>After a restart, a shard promoted at the map's epoch resumes that epoch ({@link
 *       io.switchboard.runtime.replication.ShardReplica#resume}), allowed for single-voter groups
 *       only; with followers (step 3) a new epoch is needed.
 *   <li>A proposal completes when its COMMIT record is acknowledged, not when it is applied, so an
 *       acknowledged write is recorded committed in the log itself and needs no re-commit after a
 *       crash; entries a crash left uncommitted are committed by the resumed primary's first commit
 *       (they were durable on the single voter), and only then become visible.
 *   <li>A step-down keeps waiting proposals (in step 2 only this node's own promotion at a higher
 *       map epoch steps a primary down, and its first commit commits them); they fail only when the
 *       log stops. Proposals in flight when the log closes or halts fail, even if their entry was
 *       durable.
 *   <li>{@code truncateAfter} of the whole node log (tests only; production cuts shard logs with
 *       TRUNCATE records) rebuilds the replication and messaging state by a replay of the kept log.
 * </ul>
 */
package io.switchboard.runtime.replication.node;
