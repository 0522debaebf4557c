package io.switchboard.runtime.replication;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * One replica of one shard: its log and durable epoch record, and the role the control plane gave
 * it. This is what the node drives: admin commands ({@link #fence}, {@link #promote}, {@link
 * #follow}), client proposals, fetches from other replicas and their answers, and durability
 * reports from its storage.
 *
 * <p>Roles: {@link Role#UNASSIGNED} after opening (a restarted replica is a follower of nobody
 * until the control plane points it somewhere) and after seeing a higher epoch than the one it
 * served; {@link Role#FOLLOWER} after {@link #follow}; {@link Role#PRIMARY} after {@link #promote}.
 *
 * <p>Fencing rules:
 *
 * <ol>
 *   <li>The highest epoch seen is durable ({@link EpochRecord}) and only grows. It is raised by
 *       {@link #fence}, {@link #promote}, {@link #follow}, and by any fetch or answer carrying a
 *       higher epoch; raising it ends a role of a lower epoch (a primary steps down, failing its
 *       pending proposals).
 *   <li>A command below the highest epoch seen is refused ({@link StaleEpochException}); so is a
 *       promotion at an epoch the replica was already promoted at.
 *   <li>A fetch below the epoch of the primary is answered {@code StaleEpoch}; a fetch to a replica
 *       that is not the primary of the request's epoch is answered {@code NotPrimary}.
 * </ol>
 *
 * <p>Not thread-safe: the owner calls it from one thread at a time (for the node: the shard's
 * executor). Listener notifications happen inside the calls.
 */
public final class ShardReplica {

  /** What the replica does for its shard. */
  public enum Role {
    /** Follows nobody and accepts no proposals. */
    UNASSIGNED,
    /** Fetches from a primary. */
    FOLLOWER,
    /** Accepts proposals and serves fetches. */
    PRIMARY
  }

  private final int shard;
  private final String replicaId;
  private final ReplicaLog log;
  private final Clock clock;
  private final ReplicationListener listener;
  private final ReplicationLimits limits;
  private PrimaryReplication primary;
  private FollowerReplication follower;

  private ShardReplica(
      int shard,
      String replicaId,
      ReplicaLog log,
      Clock clock,
      ReplicationListener listener,
      ReplicationLimits limits) {
    this.shard = shard;
    this.replicaId = replicaId;
    this.log = log;
    this.clock = clock;
    this.listener = listener;
    this.limits = limits;
  }

  /**
   * Opens the replica over its storage as it is (after a restart: what was durable), rebuilding its
   * epoch history. The replica starts {@link Role#UNASSIGNED}.
   */
  public static ShardReplica open(
      int shard,
      String replicaId,
      ShardLog storage,
      Clock clock,
      ReplicationListener listener,
      ReplicationLimits limits) {
    return new ShardReplica(
        shard,
        Objects.requireNonNull(replicaId, "replicaId"),
        ReplicaLog.open(storage),
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(listener, "listener"),
        Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Fences this replica at {@code epoch}, the first step of a promotion: records {@code epoch} as
   * the highest seen (durably) if it is higher, which ends any role of a lower epoch. Fencing again
   * at the highest epoch seen only reports.
   *
   * @return the replica's durable end and commit seq, for {@link PromotionChoice}
   * @throws StaleEpochException if a higher epoch was seen
   */
  public FenceReport fence(long epoch) {
    requireNotStale(epoch, "fence");
    raiseEpoch(epoch);
    return new FenceReport(replicaId, epoch, log.durableEpoch(), log.durableSeq(), log.commitSeq());
  }

  /**
   * Makes this replica the primary at {@code epoch}, counting {@code group}: records the promotion
   * durably, then appends the epoch's {@link ShardEntry#EPOCH_START}. Promoting again at the epoch
   * it serves returns the serving primary.
   *
   * @throws StaleEpochException if a higher epoch was seen, or this replica was already promoted at
   *     {@code epoch} (and since lost that role, for instance by a restart)
   * @throws IllegalArgumentException if this replica is not one of the group's voters
   */
  public PrimaryReplication promote(long epoch, ReplicaGroup group) {
    if (primary != null && primary.epoch() == epoch) {
      return primary;
    }
    requireNotStale(epoch, "promote");
    if (epoch <= log.epochRecord().promoted()) {
      throw new StaleEpochException(
          shard, epoch, log.epochRecord().seen(), "already promoted at this epoch");
    }
    if (!group.voters().contains(replicaId)) {
      throw new IllegalArgumentException(replicaId + " is not a voter of " + group);
    }
    log.storeEpochRecord(log.epochRecord().withPromotion(epoch));
    endRole(epoch);
    follower = null;
    primary =
        PrimaryReplication.start(shard, replicaId, epoch, group, log, clock, listener, limits);
    return primary;
  }

  /**
   * Makes this replica, which was promoted at {@code epoch} before a restart (its {@link
   * EpochRecord} says so), the primary of {@code epoch} again, without a new promotion. Allowed
   * only when {@code group} has this replica as its single voter and no async replica: then no
   * other replica can hold entries of {@code epoch} that this one lost with an unsynced tail, so
   * writing new entries of {@code epoch} after its durable end cannot give one {@code (seq, epoch)}
   * two meanings (the reason {@link #promote} refuses an epoch it was promoted at). Entries the log
   * holds beyond the commit seq are committed by the resumed primary's first commit. Resuming the
   * epoch it serves returns the serving primary.
   *
   * @throws StaleEpochException if this replica was not promoted at {@code epoch}, or has seen a
   *     higher epoch
   * @throws IllegalArgumentException if {@code group} is not this replica alone
   */
  public PrimaryReplication resume(long epoch, ReplicaGroup group) {
    if (primary != null && primary.epoch() == epoch) {
      return primary;
    }
    EpochRecord record = log.epochRecord();
    if (record.promoted() != epoch || record.seen() != epoch) {
      throw new StaleEpochException(
          shard, epoch, record.seen(), "resume: last promoted at " + record.promoted());
    }
    if (!group.voters().equals(java.util.Set.of(replicaId)) || !group.asyncReplicas().isEmpty()) {
      throw new IllegalArgumentException(
          "only a single-voter primary may resume its epoch; " + replicaId + " in " + group);
    }
    endRole(epoch);
    follower = null;
    primary =
        PrimaryReplication.resume(shard, replicaId, epoch, group, log, clock, listener, limits);
    return primary;
  }

  /**
   * Points this replica at the primary {@code primaryId} of {@code epoch}. Following the same
   * primary at the same epoch again changes nothing.
   *
   * @throws StaleEpochException if a higher epoch was seen
   * @throws IllegalStateException if this replica is the primary of {@code epoch}
   * @throws IllegalArgumentException if {@code primaryId} is this replica
   */
  public FollowerReplication follow(String primaryId, long epoch) {
    if (primaryId.equals(replicaId)) {
      throw new IllegalArgumentException(replicaId + " cannot follow itself");
    }
    if (follower != null && follower.epoch() == epoch && follower.primaryId().equals(primaryId)) {
      return follower;
    }
    requireNotStale(epoch, "follow " + primaryId);
    if (primary != null && primary.epoch() == epoch) {
      throw new IllegalStateException(replicaId + " is the primary of epoch " + epoch);
    }
    raiseEpoch(epoch);
    endRole(epoch);
    follower = new FollowerReplication(shard, replicaId, primaryId, epoch, log, listener);
    return follower;
  }

  /**
   * Proposes an entry at this replica, which must be the primary.
   *
   * @return its seq
   * @throws NotPrimaryException if it is not the primary
   */
  public long propose(int kind, byte[] payload) {
    if (primary == null) {
      throw new NotPrimaryException(shard, replicaId + " is " + role());
    }
    return primary.propose(kind, payload);
  }

  /** Answers a fetch from another replica; see the class fencing rules. */
  public FetchResponse onFetch(FetchRequest request) {
    long seen = log.epochRecord().seen();
    if (request.epoch() < seen) {
      return new FetchResponse.StaleEpoch(shard, seen);
    }
    raiseEpoch(request.epoch());
    if (primary != null) {
      return primary.onFetch(request);
    }
    return new FetchResponse.NotPrimary(shard, log.epochRecord().seen());
  }

  /** The fetch to send now, if this replica follows a primary; see {@link FollowerReplication}. */
  public Optional<FetchRequest> nextFetch() {
    return follower == null ? Optional.empty() : follower.nextFetch();
  }

  /** Applies the answer to one of this replica's fetches. */
  public FetchOutcome onFetchResponse(FetchResponse response) {
    if (response.epoch() > log.epochRecord().seen()) {
      raiseEpoch(response.epoch());
      return FetchOutcome.STALE_EPOCH;
    }
    return follower == null ? FetchOutcome.IGNORED : follower.onFetchResponse(response);
  }

  /**
   * Installs {@code image}, which the primary this replica follows produced after answering {@link
   * FetchResponse.ImageNeeded}; see {@link FollowerReplication} for when an image is refused.
   *
   * @return whether it was installed (a refused image changes nothing: fetch again)
   */
  public boolean installImage(ShardImage image) {
    return follower != null && follower.installImage(image);
  }

  /**
   * The storage made more of the log durable ({@link ShardLog#durableSeq()} grew): a primary may
   * commit further, a follower may fetch again.
   */
  public void onDurable() {
    if (primary != null) {
      primary.onDurable();
    }
  }

  private void requireNotStale(long epoch, String command) {
    long seen = log.epochRecord().seen();
    if (epoch < seen) {
      throw new StaleEpochException(shard, epoch, seen, command);
    }
  }

  /** Records {@code epoch} as seen if it is higher, ending the role of a lower epoch. */
  private void raiseEpoch(long epoch) {
    EpochRecord record = log.epochRecord();
    if (epoch > record.seen()) {
      log.storeEpochRecord(record.withSeen(epoch));
      endRole(epoch);
    }
  }

  /** Ends the current role unless it serves or follows {@code epoch} itself. */
  private void endRole(long epoch) {
    if (primary != null && primary.epoch() < epoch) {
      primary.stepDown(epoch);
      primary = null;
    }
    if (follower != null && follower.epoch() < epoch) {
      follower = null;
    }
  }

  /** The replica's current role. */
  public Role role() {
    return primary != null ? Role.PRIMARY : follower != null ? Role.FOLLOWER : Role.UNASSIGNED;
  }

  /** The primary role, while this replica has it. */
  public Optional<PrimaryReplication> primary() {
    return Optional.ofNullable(primary);
  }

  /** The follower role, while this replica has it. */
  public Optional<FollowerReplication> follower() {
    return Optional.ofNullable(follower);
  }

  /** The highest epoch this replica has seen. */
  public long highestEpoch() {
    return log.epochRecord().seen();
  }

  /** Entries up to this seq are committed on this replica; it never moves back while it runs. */
  public long commitSeq() {
    return log.commitSeq();
  }

  /** Seq of its last entry. */
  public long lastSeq() {
    return log.lastSeq();
  }

  /** Epoch of its last entry. */
  public long lastEpoch() {
    return log.lastEpoch();
  }

  /** The shard. */
  public int shard() {
    return shard;
  }

  /** This replica's id. */
  public String replicaId() {
    return replicaId;
  }
}
