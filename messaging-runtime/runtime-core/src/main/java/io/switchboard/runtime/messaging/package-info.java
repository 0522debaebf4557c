/**
 * The messaging domain, framework-free: users with per-user mailboxes (pts), private and group
 * messages, channels, idempotent sends, and the durable cross-shard relay. It is a deterministic
 * state machine over the node's {@link io.switchboard.runtime.store.DurableLog}; see {@code
 * docs/adr/0006-messaging-state-machine.md} for the decision and its alternatives.
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>A user, group or channel lives on shard {@code id % 1024}. Its id is allocated on the shard
 *       that creates it (a user on a shard homed in the DC it registers in, a group on its
 *       creator's shard, a channel on its owner's): the n-th entity of shard s gets {@code (n + 1)
 *       * 1024 + s}, one sequence for all three kinds, so an id names one entity.
 *   <li>A user's mailbox is the ordered list of the messages it holds (its own and those it
 *       received), numbered by pts 1, 2, 3, ...; a message's id in a mailbox is its pts there. A
 *       channel has its own log numbered by channel pts; a post is stored once.
 *   <li>Bodies stay in the log. In memory, a mailbox holds per message its record's log position
 *       and a 32-bit key of the peer (12 bytes); a channel holds a log position per post, in
 *       (channel, year-month) buckets. {@link io.switchboard.runtime.messaging.IndexFootprint}
 *       measures it: about 28 bytes per stored message for 10,000 users with 40 messages each,
 *       idempotency windows included.
 * </ul>
 *
 * <h2>Commands, not results, go into the log</h2>
 *
 * Every mutating request becomes one {@link io.switchboard.runtime.store.LogEntry}: type = a {@link
 * io.switchboard.runtime.messaging.CommandKind}, shard id = the shard it acts on, epoch = that
 * shard's leadership epoch in the node's {@link io.switchboard.runtime.sharding.ShardMap}, payload
 * = a {@code shard_log.proto} message. What a command means is decided when the log applies it, in
 * log order, by {@link io.switchboard.runtime.messaging.MessagingState}:
 *
 * <ol>
 *   <li>Ignore records of other types; refuse ({@code MALFORMED_COMMAND}) an invalid shard id or a
 *       payload that does not decode.
 *   <li>Fence: refuse ({@code STALE_EPOCH}) a command whose epoch is below the highest epoch its
 *       shard has applied; otherwise raise the shard's epoch to it.
 *   <li>Check what the shard knows (the sender exists, the group exists and the sender is a member,
 *       the author may post, ...); refuse with the typed {@link
 *       io.switchboard.runtime.messaging.Rejection} and change nothing when a check fails.
 *   <li>A send or post whose random id is in the idempotency window is a retry: change nothing and
 *       answer with the original (found by the log position the window keeps).
 *   <li>Otherwise change the state: every mailbox append takes that mailbox's pts + 1, every post
 *       the channel's pts + 1; a message for mailboxes on other shards adds one outbox entry per
 *       destination shard.
 *   <li>Record the result under the record's position and queue the new updates; the service takes
 *       both once the append is acknowledged.
 * </ol>
 *
 * Only cheap stateless checks run before the append (text of 1 to 4096 UTF-8 bytes, names, group
 * size, ids), plus "the peer exists" when this node leads the peer's shard.
 *
 * <h2>Request flow ({@link io.switchboard.runtime.messaging.MessagingService})</h2>
 *
 * <ol>
 *   <li>Check the request; route it by the shard it acts on (sender's for private messages, group's
 *       for group messages and membership, channel's for channel operations, creator's for
 *       creation, a DC shard led here for registration); a shard led elsewhere fails with {@link
 *       io.switchboard.runtime.messaging.NotLeaderException} carrying the shard map's route.
 *   <li>Propose the command (dates from the node's clock are part of it) to the shard's replica
 *       ({@link io.switchboard.runtime.replication.node.NodeReplicas}, ADR 0008), which appends it
 *       as the shard's next entry; once the entry is committed (today every shard has one voter:
 *       durable locally) a COMMIT record follows, and applying that record applies the command
 *       ({@link io.switchboard.runtime.replication.node.ReplicatedShards}). Uncommitted commands
 *       are never applied: not readable, not pushed, not relayed.
 *   <li>On the executor: hand the queued updates (in log order) to the {@link
 *       io.switchboard.runtime.messaging.UpdateListener}s, wake the relay for new outbox entries,
 *       and complete the request's future with the answer or the rejection.
 * </ol>
 *
 * <h2>Cross-shard relay ({@link io.switchboard.runtime.messaging.OutboxRelay})</h2>
 *
 * A private message is appended to the sender's mailbox on the sender's shard (and to the
 * recipient's if it lives there too); a group message, on the group's shard, to every member there.
 * For each other destination shard an outbox entry (origin shard, sequence, destination, position
 * of the accepted command, recipients) is kept until delivered: the relay sends the destination a
 * self-contained DELIVER_MESSAGE through a {@link io.switchboard.runtime.messaging.ShardMailer},
 * retries with {@link io.switchboard.runtime.messaging.Backoff} until acknowledged, then appends
 * one OUTBOX_DELIVERED for the delivered batch. Per (origin, destination) lane it delivers in
 * sequence order, the entries waiting at that moment together (up to 64), and the destination
 * appends them in that order and holds a prefix of them if it fails, so it recognises a redelivery
 * by the highest sequence it applied from that origin.
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li><b>Gapless pts</b>: the pts of a mailbox (and of a channel) run 1, 2, 3, ... with no gap
 *       and no repeat, because only the apply assigns them, one record at a time.
 *   <li><b>Replay determinism</b>: the state after applying records r1..rn depends only on them and
 *       on {@link io.switchboard.runtime.messaging.MessagingLimits} (window size and group limit,
 *       which every replica and restart must share); a checkpoint plus the records after it
 *       rebuilds the same state, byte for byte in the checkpoint encoding. Answers and pushes are
 *       derived, never stored.
 *   <li><b>Idempotency</b>: a send (or post) whose (sender, random id) was accepted among the
 *       sender's last {@code idempotencyWindow} accepted sends on the same shard (posts: in the
 *       same channel) adds nothing and gets the original's receipt. Private sends are windowed on
 *       the sender's shard, group sends on the group's, so a retry of the same request always meets
 *       its original's window.
 *   <li><b>No lost, no doubled delivery</b>: an outbox entry leaves only after the destination
 *       acknowledged it durably; a destination applies each (origin, sequence) at most once.
 *   <li><b>Fencing</b>: no command of an epoch below a shard's applied epoch changes that shard.
 *   <li><b>Bounded index</b>: per stored message, 12 bytes of mailbox (or 8 of channel) plus less
 *       than a third of spare array capacity; per sender and shard at most {@code
 *       idempotencyWindow} window entries of 16 bytes.
 * </ul>
 *
 * <h2>Threads</h2>
 *
 * The log's writer thread applies, snapshots and truncates; the service's executor runs everything
 * after an acknowledgement (answers, listeners, relay steps, log reads of original commands); any
 * thread may call the service. The state guards itself with a read-write lock held per record or
 * per index read, never across disk reads.
 */
package io.switchboard.runtime.messaging;
