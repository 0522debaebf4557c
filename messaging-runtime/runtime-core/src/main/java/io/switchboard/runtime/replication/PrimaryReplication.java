package io.switchboard.runtime.replication;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The primary side of one shard's replication at one epoch: proposals, answers to fetches, follower
 * progress, the commit seq and the lag of every replica. Created by {@link ShardReplica#promote};
 * it serves until it steps down, and is never reused after that.
 *
 * <p>Algorithm:
 *
 * <ol>
 *   <li>On promotion it appends an {@link ShardEntry#EPOCH_START} entry at seq {@code S}, after
 *       everything its log holds.
 *   <li>{@link #propose} appends an entry of its epoch at the next seq and returns the seq. As the
 *       group's only copy (sole voter, no async replica) it appends the entry as committed once
 *       durable ({@link ShardLog#appendCommittedOnceDurable}): its log may then record the commit
 *       in the same write.
 *   <li>A fetch at its epoch is checked against its log: unless it holds entry {@code fromSeq - 1}
 *       of the request's {@code lastEpoch}, it answers {@code Diverging(min(fromSeq - 1,
 *       endOfEpoch(lastEpoch)))}. Otherwise the requester durably holds the primary's entries up to
 *       {@code fromSeq - 1}: it records that (a maximum, so reordered fetches do not lower it),
 *       recomputes the commit seq and answers the entries from {@code fromSeq} with its commit seq.
 *       Instead of entries it answers {@code ImageNeeded} when an image it installed covers {@code
 *       fromSeq} (before any other check: it cannot read there) or when the requester lacks more
 *       than {@link ReplicationLimits#imageCatchUpEntries()} committed entries.
 *   <li>Commit rule: the commit seq is the largest seq durable on a quorum of the voters (the
 *       primary counting its own durable seq), taken only when it is at least {@code S}: entries of
 *       earlier epochs commit only together with one of this epoch. It never moves back.
 *   <li>Fetches at another epoch never reach it: {@link ShardReplica} answers a lower one with
 *       {@code StaleEpoch} and steps it down on a higher one.
 * </ol>
 *
 * <p>Invariants: its own log only grows while it serves; only voters count, async and unknown
 * replicas are served but never counted; after {@link #stepDown} it accepts nothing and commits
 * nothing more.
 */
public final class PrimaryReplication {

  private final int shard;
  private final String self;
  private final long epoch;
  private final ReplicaGroup group;
  private final ReplicaLog log;
  private final Clock clock;
  private final ReplicationListener listener;
  private final int maxFetchBytes;
  private final long imageCatchUpEntries;
  private final long epochStartSeq;
  private final Map<String, Long> durableThrough = new HashMap<>();
  private final AppendTimes appendTimes;
  private boolean serving = true;

  /**
   * Whether this primary is its group's only voter and the group has no async replica: its entries
   * commit once durable here, and no replica elsewhere can be promoted without them.
   */
  private final boolean soleVoter;

  private PrimaryReplication(
      int shard,
      String self,
      long epoch,
      ReplicaGroup group,
      ReplicaLog log,
      Clock clock,
      ReplicationListener listener,
      ReplicationLimits limits,
      long epochStartSeq) {
    this.shard = shard;
    this.self = self;
    this.epoch = epoch;
    this.group = group;
    this.log = log;
    this.clock = clock;
    this.listener = listener;
    this.maxFetchBytes = limits.maxFetchBytes();
    this.imageCatchUpEntries = limits.imageCatchUpEntries();
    this.epochStartSeq = epochStartSeq;
    this.soleVoter = group.voters().equals(Set.of(self)) && group.asyncReplicas().isEmpty();
    this.appendTimes = new AppendTimes(limits.maxAppendTimeSamples());
  }

  /**
   * Starts serving at {@code epoch}: appends the epoch's first entry. Entries inherited from
   * earlier epochs are timed as appended now (their real append time is unknown here), so lag in
   * milliseconds counts them from the promotion.
   */
  static PrimaryReplication start(
      int shard,
      String self,
      long epoch,
      ReplicaGroup group,
      ReplicaLog log,
      Clock clock,
      ReplicationListener listener,
      ReplicationLimits limits) {
    PrimaryReplication primary =
        new PrimaryReplication(
            shard, self, epoch, group, log, clock, listener, limits, log.lastSeq() + 1);
    primary.appendTimes.record(1, clock.millis());
    log.append(List.of(ShardEntry.epochStart(primary.epochStartSeq, epoch)));
    return primary;
  }

  /**
   * Serves {@code epoch} again after a restart of a replica that was promoted at it: when the log
   * still holds entries of {@code epoch}, its first one (the {@link ShardEntry#EPOCH_START}) is the
   * epoch's start and nothing is appended; otherwise (that entry was lost with the unsynced tail) a
   * new {@link ShardEntry#EPOCH_START} is appended, as {@link #start} does. Then commits what is
   * durable. {@link ShardReplica#resume} allows it for single-voter groups only.
   */
  static PrimaryReplication resume(
      int shard,
      String self,
      long epoch,
      ReplicaGroup group,
      ReplicaLog log,
      Clock clock,
      ReplicationListener listener,
      ReplicationLimits limits) {
    if (log.lastEpoch() != epoch) {
      PrimaryReplication started = start(shard, self, epoch, group, log, clock, listener, limits);
      started.recomputeCommit();
      return started;
    }
    PrimaryReplication primary =
        new PrimaryReplication(
            shard, self, epoch, group, log, clock, listener, limits, log.endOfEpoch(epoch - 1) + 1);
    primary.appendTimes.record(1, clock.millis());
    primary.recomputeCommit();
    return primary;
  }

  /**
   * Appends an entry of this epoch.
   *
   * @return the entry's seq; the entry is committed once {@link #commitSeq()} reaches it
   * @throws NotPrimaryException once this primary stepped down
   * @throws IllegalArgumentException if {@code kind} is {@link ShardEntry#EPOCH_START}
   */
  public long propose(int kind, byte[] payload) {
    if (!serving) {
      throw new NotPrimaryException(shard, "the primary of epoch " + epoch + " stepped down");
    }
    if (kind == ShardEntry.EPOCH_START) {
      throw new IllegalArgumentException("EPOCH_START entries are written by promotion only");
    }
    long seq = log.lastSeq() + 1;
    List<ShardEntry> entry = List.of(new ShardEntry(seq, epoch, kind, payload));
    if (soleVoter) {
      log.appendCommittedOnceDurable(entry);
    } else {
      log.append(entry);
    }
    appendTimes.record(seq, clock.millis());
    return seq;
  }

  /** Answers a fetch at this primary's epoch; see the class algorithm, step 3. */
  FetchResponse onFetch(FetchRequest request) {
    long prevSeq = request.fromSeq() - 1;
    if (request.fromSeq() <= log.imageSeq()) {
      return imageNeeded(request);
    }
    if (!log.holds(prevSeq, request.lastEpoch())) {
      long endSeq = Math.min(prevSeq, log.endOfEpoch(request.lastEpoch()));
      return new FetchResponse.Diverging(
          shard, epoch, request.fromSeq(), request.lastEpoch(), endSeq);
    }
    String replica = request.replicaId();
    if (serving && !replica.equals(self) && group.contains(replica)) {
      durableThrough.merge(replica, prevSeq, Math::max);
      appendTimes.forgetThrough(heldByAll());
      if (group.voters().contains(replica)) {
        recomputeCommit();
      }
    }
    if (log.commitSeq() - prevSeq > imageCatchUpEntries) {
      return imageNeeded(request);
    }
    return new FetchResponse.Entries(
        shard,
        epoch,
        request.fromSeq(),
        request.lastEpoch(),
        log.read(request.fromSeq(), maxFetchBytes),
        log.commitSeq());
  }

  private FetchResponse imageNeeded(FetchRequest request) {
    return new FetchResponse.ImageNeeded(
        shard, epoch, request.fromSeq(), request.lastEpoch(), log.commitSeq());
  }

  /** Its own log became durable further: the commit seq may advance. */
  void onDurable() {
    recomputeCommit();
  }

  /** Stops serving because {@code higherEpoch} exists; see {@link ReplicationListener}. */
  void stepDown(long higherEpoch) {
    if (serving) {
      serving = false;
      listener.steppedDown(epoch, higherEpoch);
    }
  }

  private void recomputeCommit() {
    if (!serving) {
      return;
    }
    Set<String> voters = group.voters();
    long[] durable = new long[voters.size()];
    int i = 0;
    for (String voter : voters) {
      durable[i++] = voter.equals(self) ? log.durableSeq() : durableThrough.getOrDefault(voter, 0L);
    }
    Arrays.sort(durable);
    long quorumDurable = durable[durable.length - group.quorum()];
    if (quorumDurable >= epochStartSeq && log.advanceCommit(quorumDurable)) {
      listener.committed(quorumDurable);
    }
  }

  private long heldByAll() {
    long held = log.durableSeq();
    for (String voter : group.voters()) {
      if (!voter.equals(self)) {
        held = Math.min(held, durableThrough.getOrDefault(voter, 0L));
      }
    }
    for (String replica : group.asyncReplicas()) {
      held = Math.min(held, durableThrough.getOrDefault(replica, 0L));
    }
    return held;
  }

  /**
   * How far {@code replicaId} (a voter or async replica of the group) is behind this primary: see
   * {@link ReplicaLag}. A replica that never fetched holds nothing.
   */
  public ReplicaLag lag(String replicaId) {
    if (!group.contains(replicaId) || replicaId.equals(self)) {
      throw new IllegalArgumentException(replicaId + " is not another replica of the group");
    }
    long held = durableThrough.getOrDefault(replicaId, 0L);
    long records = log.lastSeq() - held;
    if (records == 0) {
      return new ReplicaLag(0, 0);
    }
    return new ReplicaLag(
        records, Math.max(0, clock.millis() - appendTimes.appendMillisOf(held + 1)));
  }

  /** The lag of every async replica, by replica id: the shard's RPO for a loss of its DC. */
  public Map<String, ReplicaLag> asyncLags() {
    Map<String, ReplicaLag> lags = new TreeMap<>();
    for (String replica : group.asyncReplicas()) {
      lags.put(replica, lag(replica));
    }
    return lags;
  }

  /** The epoch this primary serves. */
  public long epoch() {
    return epoch;
  }

  /** Seq of this epoch's {@link ShardEntry#EPOCH_START} entry. */
  public long epochStartSeq() {
    return epochStartSeq;
  }

  /** Entries up to this seq are committed. */
  public long commitSeq() {
    return log.commitSeq();
  }

  /** Whether it still accepts proposals (it has not stepped down). */
  public boolean serving() {
    return serving;
  }

  /** The replicas it counts and tracks. */
  public ReplicaGroup group() {
    return group;
  }
}
