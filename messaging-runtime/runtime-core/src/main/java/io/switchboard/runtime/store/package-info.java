/**
 * The node's durable log: one append-only, segmented, checksummed log per node, shared by all the
 * shards the node stores, with group commit, crash recovery, checkpoints of derived state, reads by
 * position and suffix truncation. Framework-free; all disk access goes through {@link
 * io.switchboard.runtime.store.LogStorage} so that simulations can substitute a fake disk. See
 * {@code docs/adr/0005-durable-log.md} for the decision and its alternatives.
 *
 * <h2>Layout</h2>
 *
 * <ul>
 *   <li>{@code <node-dir>/log/<base>.seg}: segment files, each at most {@link
 *       io.switchboard.runtime.store.LogOptions#maxSegmentBytes()} (64 MiB by default), named by
 *       the position of their first byte. A record never spans two segments. The last segment's
 *       file may run on past its records in zeros it wrote ahead of its appends (so that an fsync
 *       does not have to write the file's length); every other segment ends at its records.
 *   <li>A record: CRC32C, payload length, type, shard id, epoch, payload (layout in {@code
 *       RecordFormat}; 15 header bytes).
 *   <li>A {@link io.switchboard.runtime.store.LogPosition} is a record's byte offset from the start
 *       of the log: stable across restarts, ordered, and it locates the segment directly.
 *   <li>{@code <node-dir>/log/checkpoint}: the state machine's snapshot and the position it covers,
 *       with a CRC32C; replaced atomically.
 * </ul>
 *
 * <h2>Append (group commit)</h2>
 *
 * <ol>
 *   <li>{@code append} validates the entry and queues it with a future; it never blocks (beyond
 *       {@link io.switchboard.runtime.store.LogOptions#maxQueuedCommands()} it fails fast).
 *   <li>The single writer thread takes everything queued, encodes it into one buffer, writes it
 *       (rolling to a new segment when the next record would overflow the current one) and fsyncs
 *       once: every segment written since the last fsync, plus the directory after a roll.
 *   <li>It applies the batch to the {@link io.switchboard.runtime.store.LogStateMachine}, advances
 *       the committed end (what readers see) and completes the futures in position order.
 *   <li>Appends that arrive during the fsync form the next batch, so the fsync rate stays at what
 *       the disk allows while the append rate grows with the number of concurrent appenders.
 * </ol>
 *
 * With {@link io.switchboard.runtime.store.FsyncPolicy#groupCommit(java.time.Duration)} the writer,
 * woken by a forced append less than the commit window after the previous fsync started, first lets
 * appends gather until the window has passed (parked, not woken by each of them; a command that is
 * not an append ends the wait), then does steps 2 to 4: as durable, fewer fsyncs and wake-ups. With
 * {@link io.switchboard.runtime.store.FsyncPolicy#interval} step 2 only writes and the fsync
 * happens when the interval is due: faster, not durable on a machine crash, for comparison only.
 *
 * <h2>Open (recovery)</h2>
 *
 * <ol>
 *   <li>Open the segments; delete any that follow a gap (their predecessor lost its tail).
 *   <li>Load the checkpoint if its checksum and header are valid and it covers a position inside
 *       the log; restore the state machine from it.
 *   <li>Scan from the checkpoint's position (or the start), verifying each record's length and
 *       checksum, applying intact records to the state machine.
 *   <li>Truncate at the first torn or corrupt record, durably; report what went and why in a {@link
 *       io.switchboard.runtime.store.RecoveryReport}. Zeros there up to the segment's end are
 *       written-ahead space, the normal end of a log that was not closed: cut, not reported.
 *   <li>If the checkpoint was unusable, publish a fresh one before accepting appends.
 * </ol>
 *
 * Restart time is therefore the checkpoint load (about 8 bytes per indexed message) plus a replay
 * of at most {@link io.switchboard.runtime.store.LogOptions#checkpointEveryBytes()} of log.
 *
 * <h2>Checkpoint</h2>
 *
 * <ol>
 *   <li>The writer thread, after a commit, when enough bytes were committed since the last one (or
 *       on request, or on close): sync if needed, capture {@code snapshot()} of the state machine
 *       (cheap; for the mailbox index a copy of its table, not its entries).
 *   <li>The checkpoint thread writes the snapshot to {@code checkpoint.tmp}, fsyncs it, renames it
 *       over {@code checkpoint} and fsyncs the directory. Appends continue meanwhile.
 * </ol>
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>An append is acknowledged only after an fsync covering it and every byte before it returned
 *       ({@code GROUP_COMMIT}), and after it was applied to the state machine.
 *   <li>Recovery only removes bytes after the last intact record, so it never removes an
 *       acknowledged record; segments are contiguous and the first is never removed.
 *   <li>A checkpoint never covers a record that is not durable, and never survives describing
 *       records the log no longer holds: truncation publishes a checkpoint at the new end before
 *       cutting the files, and recovery replaces a checkpoint that reaches past the recovered end.
 *   <li>After an I/O error the log fails: every unacknowledged append fails and nothing more is
 *       accepted; a restart recovers from the disk.
 * </ul>
 */
package io.switchboard.runtime.store;
