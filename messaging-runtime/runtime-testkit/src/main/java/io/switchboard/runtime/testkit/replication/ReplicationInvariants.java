package io.switchboard.runtime.testkit.replication;

import io.switchboard.runtime.replication.EpochHistory;
import io.switchboard.runtime.replication.PrimaryReplication;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.replication.ShardImage;
import io.switchboard.runtime.replication.ShardReplica;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulation's checker. After every step it verifies, incrementally:
 *
 * <ol>
 *   <li><b>No acknowledged entry lost</b>: the current primary, once it has committed at its epoch,
 *       holds every acknowledged entry in its committed prefix; and no truncation ever removes an
 *       entry a replica had committed.
 *   <li><b>At most one primary commits per epoch</b> (one primary object, so a second promotion of
 *       the same replica at the same epoch after a restart counts as another).
 *   <li><b>Commit seqs never move back</b>: a running replica's commit seq, and the commit seq its
 *       disk would keep through a crash.
 *   <li><b>Committed prefixes are identical</b>: a ledger holds the first committed entry seen at
 *       each seq; every replica's committed entries must equal it. A prefix a replica holds as a
 *       {@link ShardImage} (installed from a primary, or made by compacting its own log) is checked
 *       through the image's state, which is the entries it covers ({@link EncodedEntries}): its
 *       bytes must equal the ledger's encoding, its epoch history the ledger's epochs.
 * </ol>
 *
 * A violation is an {@link InvariantViolation} naming the seed, the step and the invariant.
 */
final class ReplicationInvariants {

  static final String NO_ACKNOWLEDGED_ENTRY_LOST = "(1) no acknowledged entry lost";
  static final String ONE_PRIMARY_COMMITS_PER_EPOCH = "(2) at most one primary commits per epoch";
  static final String COMMIT_NEVER_MOVES_BACK = "(3) commit seq never moves back";
  static final String COMMITTED_PREFIXES_IDENTICAL = "(4) committed prefixes are identical";

  /** What the checker knows of one replica. */
  private static final class Checked {
    long commitSeq;
    long checkedThrough;
    long durableCommitSeq;
    ShardImage image;
  }

  private final long seed;
  private final EventTrace trace;
  private final List<ShardEntry> ledger = new ArrayList<>();
  private final EncodedEntries ledgerEncoded = EncodedEntries.empty();
  private final EpochHistory ledgerHistory = EpochHistory.empty();
  private final List<ShardEntry> acknowledged = new ArrayList<>();
  private final Map<Long, PrimaryReplication> committerOfEpoch = new HashMap<>();
  private final Map<PrimaryReplication, Integer> acknowledgedVerified = new IdentityHashMap<>();
  private final Map<String, Checked> replicas = new HashMap<>();

  ReplicationInvariants(long seed, EventTrace trace) {
    this.seed = seed;
    this.trace = trace;
  }

  /** A primary acknowledged {@code proposed} to its client: it must be what its log holds. */
  void acknowledged(String replicaId, FakeShardLog log, ShardEntry proposed) {
    ShardEntry held = log.entry(proposed.seq());
    if (!held.equals(proposed)) {
      throw violation(
          NO_ACKNOWLEDGED_ENTRY_LOST,
          replicaId + " acknowledged " + proposed + " but its log holds " + held);
    }
    acknowledged.add(proposed);
  }

  /** A replica (re)opened over its log: its committed prefix is checked again from the start. */
  void opened(String replicaId, ShardReplica replica, FakeShardLog log) {
    Checked checked = replicas.computeIfAbsent(replicaId, id -> new Checked());
    checked.commitSeq = replica.commitSeq();
    checked.checkedThrough = 0;
    checked.image = null;
    log.takeLowestRemovedSeq();
  }

  /** Checks invariants 2 to 4 and the truncation half of 1 on a running replica. */
  void checkReplica(String replicaId, ShardReplica replica, FakeShardLog log) {
    Checked checked = replicas.get(replicaId);
    long commitSeq = replica.commitSeq();
    if (commitSeq < checked.commitSeq) {
      throw violation(
          COMMIT_NEVER_MOVES_BACK,
          replicaId + " moved from " + checked.commitSeq + " back to " + commitSeq);
    }
    checked.commitSeq = commitSeq;
    if (log.durableCommitSeq() < checked.durableCommitSeq) {
      throw violation(
          COMMIT_NEVER_MOVES_BACK,
          replicaId
              + "'s durable commit seq moved from "
              + checked.durableCommitSeq
              + " back to "
              + log.durableCommitSeq());
    }
    checked.durableCommitSeq = log.durableCommitSeq();
    long removed = log.takeLowestRemovedSeq();
    if (removed <= checked.checkedThrough) {
      throw violation(
          NO_ACKNOWLEDGED_ENTRY_LOST,
          replicaId
              + " truncated its committed entry "
              + removed
              + " (committed through "
              + checked.checkedThrough
              + ")");
    }
    ShardImage image = log.image().orElse(null);
    if (image != null && image != checked.image) {
      checkImage(replicaId, image);
      checked.image = image;
      checked.checkedThrough = Math.max(checked.checkedThrough, image.seq());
    }
    for (long seq = checked.checkedThrough + 1; seq <= commitSeq; seq++) {
      ShardEntry entry = log.entry(seq);
      if (seq > ledger.size()) {
        addToLedger(entry);
      } else if (!ledger.get((int) seq - 1).equals(entry)) {
        throw violation(
            COMMITTED_PREFIXES_IDENTICAL,
            replicaId
                + " committed "
                + entry
                + " where another replica committed "
                + ledger.get((int) seq - 1));
      }
    }
    checked.checkedThrough = commitSeq;
    replica.primary().ifPresent(primary -> checkCommitter(replicaId, primary));
  }

  /**
   * Checks the image a replica's log starts with against the ledger: it must hold committed entries
   * only (the ledger has every entry committed by the replica that made the image: the simulation
   * checks a replica before it makes one), its entries (its state) must be the committed ones and
   * its epoch history theirs.
   */
  private void checkImage(String replicaId, ShardImage image) {
    if (image.seq() > ledger.size()) {
      throw violation(
          COMMITTED_PREFIXES_IDENTICAL,
          replicaId
              + "'s "
              + image
              + " covers entries up to "
              + image.seq()
              + ", but entries are committed only up to "
              + ledger.size());
    }
    long covered = image.seq();
    if (image.state().length != ledgerEncoded.byteLength(covered)
        || !ledgerEncoded.isPrefixOf(image.state(), covered)) {
      EncodedEntries held = EncodedEntries.parse(image.state());
      for (long seq = 1; seq <= covered; seq++) {
        ShardEntry entry = seq <= held.count() ? held.entry(seq) : null;
        if (!ledger.get((int) seq - 1).equals(entry)) {
          throw violation(
              COMMITTED_PREFIXES_IDENTICAL,
              replicaId
                  + "'s "
                  + image
                  + " holds "
                  + entry
                  + " where another replica committed "
                  + ledger.get((int) seq - 1));
        }
      }
      throw violation(
          COMMITTED_PREFIXES_IDENTICAL,
          replicaId + "'s " + image + " holds " + held.count() + " entries");
    }
    long[] epochs = ledgerHistory.epochsUpTo(image.seq());
    long[] firstSeqs = ledgerHistory.firstSeqsUpTo(image.seq());
    if (!Arrays.equals(image.epochs(), epochs) || !Arrays.equals(image.firstSeqs(), firstSeqs)) {
      throw violation(
          COMMITTED_PREFIXES_IDENTICAL,
          replicaId
              + "'s "
              + image
              + " gives epochs "
              + Arrays.toString(image.epochs())
              + " from "
              + Arrays.toString(image.firstSeqs())
              + ", its entries have "
              + Arrays.toString(epochs)
              + " from "
              + Arrays.toString(firstSeqs));
    }
  }

  private void addToLedger(ShardEntry entry) {
    ledger.add(entry);
    ledgerEncoded.append(entry);
    ledgerHistory.append(entry.seq(), entry.epoch());
  }

  private void checkCommitter(String replicaId, PrimaryReplication primary) {
    if (primary.commitSeq() < primary.epochStartSeq()) {
      return;
    }
    PrimaryReplication earlier = committerOfEpoch.putIfAbsent(primary.epoch(), primary);
    if (earlier != null && earlier != primary) {
      throw violation(
          ONE_PRIMARY_COMMITS_PER_EPOCH,
          replicaId + " commits at epoch " + primary.epoch() + " after another primary did");
    }
  }

  /**
   * Checks invariant 1 on the primary of the control plane's map. Every acknowledged entry must be
   * in its log (a promotion must choose a replica holding every committed entry), before its
   * epoch's first entry unless it acknowledged the entry itself: so once it has committed at its
   * epoch, they are all in its committed prefix.
   */
  void checkCurrentPrimary(String replicaId, PrimaryReplication primary, FakeShardLog log) {
    int verified = acknowledgedVerified.getOrDefault(primary, 0);
    for (int i = verified; i < acknowledged.size(); i++) {
      ShardEntry entry = acknowledged.get(i);
      boolean held = entry.seq() <= log.lastSeq() && log.entry(entry.seq()).equals(entry);
      boolean committed =
          entry.seq() < primary.epochStartSeq() || entry.seq() <= primary.commitSeq();
      if (!held || !committed) {
        throw violation(
            NO_ACKNOWLEDGED_ENTRY_LOST,
            "acknowledged "
                + entry
                + " is not in the log of "
                + replicaId
                + ", primary of epoch "
                + primary.epoch()
                + " from seq "
                + primary.epochStartSeq()
                + ", committed through "
                + primary.commitSeq()
                + (entry.seq() <= log.lastSeq() ? "; it holds " + log.entry(entry.seq()) : ""));
      }
    }
    acknowledgedVerified.put(primary, acknowledged.size());
  }

  InvariantViolation violation(String invariant, String detail) {
    return new InvariantViolation(seed, trace.step(), invariant, detail, trace.toString());
  }
}
