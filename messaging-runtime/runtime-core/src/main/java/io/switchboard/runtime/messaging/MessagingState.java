package io.switchboard.runtime.messaging;

import com.google.protobuf.Message;
import io.switchboard.runtime.replication.node.CommittedStateMachine;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import java.io.DataInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * The messaging state of every shard a node stores, derived from the node's {@link DurableLog} by
 * applying its commands in log order ({@link CommandApplier}); the package Javadoc describes the
 * model, the commands and the invariants.
 *
 * <p>Results: once {@link MessagingService} serves this state, applying a command also records its
 * result ({@link Applied}) under the record's position, until the service takes it after the append
 * is acknowledged, and queues the command's new updates in log order until the service drains them
 * for its {@link UpdateListener}s. Replays (on open, and the rebuild of {@link #truncateAfter})
 * record nothing. Every messaging command must therefore be appended through the service, which
 * takes every result.
 *
 * <p>On a node the log's state machine is a {@link
 * io.switchboard.runtime.replication.node.ReplicatedShards} over this state (ADR 0008): a command
 * is applied when its entry is committed, not when it is appended, with its entry's record.
 * Directly as a log's state machine (tests), it applies every record at append.
 *
 * <p>Shard images (snapshot catch-up, ADR 0008 step 4): {@link #captureShard} copies one shard's
 * state and names the records it indexes; the receiving node copies those records into its own log,
 * rewrites the state's positions with {@link #remapShardState} and {@link #installShard}s it.
 *
 * <p>Thread-safety: the log's writer thread applies, snapshots, truncates, captures and installs;
 * any thread reads. Changes take the write lock per record; reads take the read lock just long
 * enough to copy index entries and then fetch records from the log without it.
 */
public final class MessagingState implements CommittedStateMachine {

  private static final int SNAPSHOT_FORMAT = 1;

  /**
   * 1,024 commands of recent sends kept for the relay: a few hundred milliseconds of a busy node's
   * cross-shard sends (the relay takes a command within milliseconds), at most about 4.5 MB with
   * every text at the 4,096-byte limit, 0.3 MB with 100-byte texts.
   */
  private static final int RELAY_SOURCE_SLOTS_LOG2 = 10;

  private final MessagingLimits limits;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<Long, Applied> results = new ConcurrentHashMap<>();
  private final Queue<QueuedPushes> pushes = new ConcurrentLinkedQueue<>();
  private final RecentRelaySources relaySources = new RecentRelaySources(RELAY_SOURCE_SLOTS_LOG2);
  private Map<Integer, ShardState> shards = new HashMap<>();
  private volatile DurableLog servedLog;
  private volatile IntPredicate pushesFor = shard -> true;

  public MessagingState(MessagingLimits limits) {
    this.limits = limits;
  }

  /** The limits commands are applied with. */
  public MessagingLimits limits() {
    return limits;
  }

  /**
   * Called by the service once the log is open: from now on results are recorded, and {@link
   * #truncateAfter} can rebuild from {@code log}.
   */
  void serve(DurableLog log) {
    servedLog = log;
  }

  /**
   * From now on, queues the pushes of applied records only for the shards {@code leads} accepts: a
   * follower applies its shards' committed entries, and their primary pushes them.
   */
  void pushOnlyFor(IntPredicate leads) {
    pushesFor = leads;
  }

  @Override
  public void apply(LogRecord record) {
    Optional<Applied> applied;
    lock.writeLock().lock();
    try {
      applied = CommandApplier.apply(shards, record, limits);
    } finally {
      lock.writeLock().unlock();
    }
    if (applied.isPresent() && servedLog != null) {
      results.put(record.position().offset(), applied.get());
      applied
          .get()
          .relayed()
          .ifPresent(command -> relaySources.record(record.position().offset(), command));
      if (!applied.get().pushes().isEmpty() && pushesFor.test(record.entry().shardId())) {
        pushes.add(new QueuedPushes(record.position().offset(), applied.get().pushes()));
      }
    }
  }

  /**
   * The command at {@code position} if it queued outbox deliveries recently and is still kept;
   * empty otherwise, and the caller reads it from the log. See {@link RecentRelaySources}.
   */
  Optional<Message> recentRelaySource(LogPosition position) {
    return relaySources.at(position.offset());
  }

  /** The pushes of one applied record, queued in apply (and therefore log) order. */
  private record QueuedPushes(long position, List<Applied.Push> pushes) {}

  /**
   * Hands {@code sink} every queued push of records before {@code readableEnd} (records the log has
   * published), in log order; the rest stay queued. Concurrent calls take turns, so pushes are
   * never reordered.
   */
  void drainPushes(long readableEnd, Consumer<Applied.Push> sink) {
    synchronized (pushes) {
      QueuedPushes next;
      while ((next = pushes.peek()) != null && next.position() < readableEnd) {
        pushes.poll().pushes().forEach(sink);
      }
    }
  }

  /**
   * The result of applying the messaging command at {@code position}; each result can be taken
   * once.
   *
   * @throws IllegalStateException when no result is waiting there
   */
  Applied takeResult(LogPosition position) {
    Applied applied = results.remove(position.offset());
    if (applied == null) {
      throw new IllegalStateException("no messaging result waits at " + position);
    }
    return applied;
  }

  /**
   * Drops the result of the command at {@code position} if one waits there: for commands applied
   * without a caller waiting (entries committed again after a restart).
   */
  void discardResult(LogPosition position) {
    results.remove(position.offset());
  }

  /**
   * Copies one shard's state for a shard image ({@link ShardState#copy()}: proportional to users,
   * groups, channels and pending deliveries, not to messages); a shard this node holds nothing of
   * captures as an empty state. Call where no record is being applied concurrently (the log's
   * writer thread), so the copy matches a point of the log.
   *
   * @throws IllegalArgumentException for a shard id outside the shards
   */
  @Override
  public ShardCapture captureShard(int shard) {
    Shards.requireValid(shard);
    return new ShardCapture(
        read(
            () -> {
              ShardState state = shards.get(shard);
              return state == null ? new ShardState(shard) : state.copy();
            }));
  }

  /**
   * Rewrites a state {@link ShardCapture#stateBytes()} wrote for another log: every position {@code
   * p} it names becomes {@code newPosition.applyAsLong(p)}. The new positions must keep the order
   * of the old ones (strictly increasing), as when the records are copied in position order;
   * whatever {@code newPosition} throws (for a position it does not know) propagates unchanged.
   * Windows are re-read with this node's idempotency window capacity.
   *
   * @throws IOException when {@code state} is not a valid shard state, or the new positions of a
   *     mailbox or a channel do not increase
   */
  @Override
  public byte[] remapShardState(byte[] state, LongUnaryOperator newPosition) throws IOException {
    return ShardStateBytes.encode(
        ShardStateBytes.decode(state, limits.idempotencyWindow(), newPosition));
  }

  /**
   * Replaces shard {@code shard}'s state with {@code state} (bytes of {@link
   * ShardCapture#stateBytes()}, positions naming records of this node's log, see {@link
   * #remapShardState}); records no results and queues no pushes.
   *
   * @throws UncheckedIOException when {@code state} does not decode, or is another shard's; the
   *     state is then unchanged
   */
  @Override
  public void installShard(int shard, byte[] state) {
    ShardState installed;
    try {
      installed =
          ShardStateBytes.decode(state, limits.idempotencyWindow(), LongUnaryOperator.identity());
    } catch (IOException e) {
      throw new UncheckedIOException("the shard image state of shard " + shard + " is invalid", e);
    }
    if (installed.shard() != shard) {
      String message =
          "a shard image of shard " + shard + " holds the state of shard " + installed.shard();
      throw new UncheckedIOException(message, new IOException(message));
    }
    lock.writeLock().lock();
    try {
      shards.put(shard, installed);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Replaces the state with the one {@code records} produce from empty; records no results. */
  @Override
  public void rebuild(Iterator<LogRecord> records) {
    Map<Integer, ShardState> rebuilt = new HashMap<>();
    while (records.hasNext()) {
      CommandApplier.apply(rebuilt, records.next(), limits);
    }
    relaySources.clear();
    lock.writeLock().lock();
    try {
      shards = rebuilt;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Rebuilds the state from the log's records up to {@code lastKept}: the shards are recomputed by
   * a replay from the start of the log on the writer thread, then swapped in. Costs a read of the
   * kept log; truncation is rare (a follower dropping a divergent suffix).
   *
   * @throws IllegalStateException before the service served this state (no log to replay)
   */
  @Override
  public void truncateAfter(LogPosition lastKept) {
    DurableLog log = servedLog;
    if (log == null) {
      throw new IllegalStateException("the messaging state rebuilds from its log once served");
    }
    Map<Integer, ShardState> rebuilt = new HashMap<>();
    Iterator<LogRecord> records = log.readFrom(log.startPosition());
    while (records.hasNext()) {
      LogRecord record = records.next();
      if (record.position().compareTo(lastKept) > 0) {
        break;
      }
      CommandApplier.apply(rebuilt, record, limits);
    }
    relaySources.clear();
    lock.writeLock().lock();
    try {
      shards = rebuilt;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Copies every shard ({@link ShardState#copy()}: proportional to users, groups, channels and
   * pending deliveries, not to messages) and returns a snapshot that writes the copies: the format
   * version, the number of shards, then each shard in ascending order.
   */
  @Override
  public Snapshot snapshot() {
    List<ShardState> copies = read(this::copyOfShards);
    return out -> {
      out.writeInt(SNAPSHOT_FORMAT);
      out.writeInt(copies.size());
      for (ShardState shard : copies) {
        shard.writeTo(out);
      }
    };
  }

  @Override
  public void restore(DataInput in) throws IOException {
    int format = in.readInt();
    if (format != SNAPSHOT_FORMAT) {
      throw new IOException("unknown messaging checkpoint format " + format);
    }
    int count = SnapshotChecks.count(in.readInt(), "shards");
    Map<Integer, ShardState> restored = new HashMap<>();
    for (int i = 0; i < count; i++) {
      ShardState shard;
      try {
        shard = ShardState.readFrom(in, limits.idempotencyWindow());
      } catch (IllegalArgumentException invalid) {
        throw new IOException("invalid shard state in a checkpoint", invalid);
      }
      if (restored.put(shard.shard(), shard) != null) {
        throw new IOException("shard " + shard.shard() + " appears twice in a checkpoint");
      }
    }
    lock.writeLock().lock();
    try {
      shards = restored;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Memory of the mailbox, channel and idempotency indexes; see {@link IndexFootprint}. */
  public IndexFootprint indexFootprint() {
    // One shard at a time under the read lock, so that a scrape of a large node never holds up
    // the writer for the whole walk; the sum is therefore not one instant's, which a gauge allows.
    long stored = 0;
    long bytes = 0;
    for (ShardState shard : read(() -> List.copyOf(shards.values()))) {
      stored += read(shard::storedMessages);
      bytes += read(shard::indexBytes);
    }
    return new IndexFootprint(stored, bytes);
  }

  /** The (channel, year-month) buckets of a channel stored here, oldest first; empty if unknown. */
  public List<ChannelBucket> channelBuckets(long channelId) {
    return read(
        () -> {
          Channel channel = channelOrNull(channelId);
          return channel == null ? List.of() : channel.posts().buckets(channelId);
        });
  }

  /** Every pending outbox entry of every shard stored here, by shard, destination and sequence. */
  public List<OutboxEntry> pendingOutbox() {
    return read(
        () -> {
          List<OutboxEntry> pending = new ArrayList<>();
          new TreeMap<>(shards).values().forEach(shard -> pending.addAll(shard.outbox().pending()));
          return pending;
        });
  }

  /**
   * How many outbox entries are pending on the shards stored here whose id {@code originShards}
   * accepts; counts without copying, unlike {@link #pendingOutbox()}.
   */
  long pendingOutboxEntries(IntPredicate originShards) {
    return read(
        () -> {
          long pending = 0;
          for (ShardState shard : shards.values()) {
            int entries = shard.outbox().size();
            if (entries > 0 && originShards.test(shard.shard())) {
              pending += entries;
            }
          }
          return pending;
        });
  }

  /** The lanes of every shard stored here that have pending entries. */
  List<OutboxLane> pendingLanes() {
    return read(
        () -> {
          List<OutboxLane> lanes = new ArrayList<>();
          shards.values().forEach(shard -> lanes.addAll(shard.outbox().lanes()));
          return lanes;
        });
  }

  /**
   * The first entry {@code originShard} holds for {@code destinationShard} with a sequence above
   * {@code afterSequence}, if any.
   */
  Optional<OutboxEntry> firstPending(int originShard, int destinationShard, long afterSequence) {
    return read(
        () -> {
          ShardState shard = shards.get(originShard);
          return shard == null
              ? Optional.empty()
              : shard.outbox().firstAfter(destinationShard, afterSequence);
        });
  }

  /** Whether a user with this id exists here. */
  boolean userExists(long userId) {
    return read(() -> userOrNull(userId) != null);
  }

  /**
   * Whether {@code tokenHash} is the hash of user {@code userId}'s token; false if no such user.
   */
  boolean tokenMatches(long userId, byte[] tokenHash) {
    return read(
        () -> {
          User user = userOrNull(userId);
          return user != null && user.tokenHashMatches(tokenHash);
        });
  }

  /**
   * Checks that a group is known here and has the user as a member; meaningful only on the leader
   * of the group's shard, where the group lives.
   *
   * @throws MessagingException {@code UNKNOWN_PEER} for a group this node does not hold, {@code
   *     NOT_A_MEMBER} for a group without the user
   */
  void requireGroupMember(long userId, long groupId) {
    read(
        () -> {
          ShardState shard = groupId < 1 ? null : shards.get(Shards.shardOf(groupId));
          Group group = shard == null ? null : shard.groups().get(groupId);
          if (group == null) {
            throw new MessagingException(Rejection.UNKNOWN_PEER, "no group " + groupId);
          }
          if (!group.isMember(userId)) {
            throw new MessagingException(
                Rejection.NOT_A_MEMBER, userId + " is not a member of group " + groupId);
          }
          return null;
        });
  }

  /**
   * The mailbox entries with pts {@code afterPts + 1} to {@code afterPts + limit} (fewer at the end
   * of the mailbox), ascending.
   *
   * @throws MessagingException {@code UNKNOWN_USER}
   */
  IndexSlice mailboxAfter(long userId, int afterPts, int limit) {
    return read(
        () -> {
          Mailbox mailbox = requireUser(userId).mailbox();
          int count = Math.max(0, Math.min(limit, mailbox.lastPts() - afterPts));
          int[] pts = new int[count];
          long[] positions = new long[count];
          for (int i = 0; i < count; i++) {
            pts[i] = afterPts + 1 + i;
            positions[i] = mailbox.position(pts[i]);
          }
          return new IndexSlice(pts, positions, mailbox.lastPts());
        });
  }

  /**
   * Up to {@code limit} mailbox entries below {@code beforePts} whose peer key is {@code peer}'s,
   * newest first. Keys can collide: the caller checks each record's peer.
   *
   * @throws MessagingException {@code UNKNOWN_USER}
   */
  IndexSlice historyCandidates(long userId, Peer peer, int beforePts, int limit) {
    return read(
        () -> {
          Mailbox mailbox = requireUser(userId).mailbox();
          int[] pts = mailbox.ptsWithPeerKey(Mailbox.peerKey(peer), beforePts, limit);
          long[] positions = new long[pts.length];
          for (int i = 0; i < pts.length; i++) {
            positions[i] = mailbox.position(pts[i]);
          }
          return new IndexSlice(pts, positions, mailbox.lastPts());
        });
  }

  /**
   * The channel's posts with pts {@code afterPts + 1} to {@code afterPts + limit}, ascending, for a
   * user allowed to read them.
   *
   * @throws MessagingException {@code UNKNOWN_PEER} for an unknown channel, {@code NOT_A_MEMBER}
   *     for a user who is neither subscriber, admin nor owner
   */
  IndexSlice channelAfter(long userId, long channelId, int afterPts, int limit) {
    return read(
        () -> {
          Channel channel = channelOrNull(channelId);
          if (channel == null) {
            throw new MessagingException(Rejection.UNKNOWN_PEER, "no channel " + channelId);
          }
          if (!channel.canRead(userId)) {
            throw new MessagingException(
                Rejection.NOT_A_MEMBER, userId + " does not read channel " + channelId);
          }
          ChannelPosts posts = channel.posts();
          int count = Math.max(0, Math.min(limit, posts.lastPts() - afterPts));
          int[] pts = new int[count];
          long[] positions = new long[count];
          for (int i = 0; i < count; i++) {
            pts[i] = afterPts + 1 + i;
            positions[i] = posts.position(pts[i]);
          }
          return new IndexSlice(pts, positions, posts.lastPts());
        });
  }

  private List<ShardState> copyOfShards() {
    List<ShardState> copies = new ArrayList<>(shards.size());
    new TreeMap<>(shards).values().forEach(shard -> copies.add(shard.copy()));
    return copies;
  }

  private User requireUser(long userId) {
    User user = userOrNull(userId);
    if (user == null) {
      throw new MessagingException(Rejection.UNKNOWN_USER, "no user " + userId);
    }
    return user;
  }

  private User userOrNull(long userId) {
    ShardState shard = userId < 1 ? null : shards.get(Shards.shardOf(userId));
    return shard == null ? null : shard.users().get(userId);
  }

  private Channel channelOrNull(long channelId) {
    ShardState shard = channelId < 1 ? null : shards.get(Shards.shardOf(channelId));
    return shard == null ? null : shard.channels().get(channelId);
  }

  private <T> T read(Supplier<T> reading) {
    lock.readLock().lock();
    try {
      return reading.get();
    } finally {
      lock.readLock().unlock();
    }
  }
}
