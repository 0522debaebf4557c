package io.switchboard.runtime.messaging;

import io.switchboard.runtime.replication.ReplicationLimits;
import io.switchboard.runtime.replication.node.NodeReplicas;
import io.switchboard.runtime.replication.node.ReplicatedShards;
import io.switchboard.runtime.store.DurableLog;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The messaging operations of one node, framework-free: the gateway and the relay call these. The
 * node wiring opens the {@link DurableLog} with a {@link ReplicatedShards} over a {@link
 * MessagingState} and builds this over them; every shard's commands go through the shard's replica
 * ({@link NodeReplicas}) and are applied when committed (ADR 0008). A facade: each use-case cluster
 * lives in its own class ({@code RegistrationRequests}, {@code MessageRequests}, {@code
 * GroupRequests}, {@code ChannelRequests}, {@code UpdateReads}), all sharing one {@code
 * CommandPipeline}; what a command means is decided when it is applied, by the matching {@code
 * *Commands} class.
 *
 * <p>Every mutating operation:
 *
 * <ol>
 *   <li>checks what is cheap and stateless (text length, names, group size, ids), failing with a
 *       typed {@link MessagingException};
 *   <li>routes by the shard it acts on (the sender's for a private message, the group's for a group
 *       message or membership change, the channel's for channel operations, the creator's for a new
 *       group or channel): a shard this node does not lead fails with {@link NotLeaderException};
 *   <li>proposes its command to the shard's replica, stamped with the shard's epoch and (for
 *       messages and posts) this node's clock;
 *   <li>once the command is committed (for today's single-voter shards: durable, then a COMMIT
 *       record acknowledged) and applied, on the context's executor: hands the new updates to the
 *       {@link UpdateListener}s in log order, wakes the outbox relay when deliveries were queued,
 *       and completes the returned future with the answer the apply decided, or with a {@link
 *       MessagingException} for a refusal.
 * </ol>
 *
 * Reads (history and differences) are served by the shard's leader: the indexes give log positions,
 * and the messages are read from the log.
 *
 * <p>Thread-safe. Futures complete exceptionally with {@link MessagingException} (refusals), or
 * with the log's exception when it is closed, failed or full.
 */
public final class MessagingService {

  private final NodeReplicas replicas;
  private final CommandPipeline pipeline;
  private final UpdateReads reads;
  private final RegistrationRequests registrations;
  private final MessageRequests messages;
  private final GroupRequests groups;
  private final ChannelRequests channels;

  /**
   * Builds the service and gives the node's replicas the roles its shard map names ({@link
   * NodeReplicas#serve}): a primary's first commit commits the entries a crash left uncommitted;
   * single-copy shards promoted at a new epoch record it together, in one or a few group commits,
   * awaited here.
   *
   * @param log the node's log, opened with {@code shards} as its state machine; every messaging
   *     command must be proposed through this service
   * @param shards the log's state machine, over {@code state}
   * @param state the node's messaging state; from now on it records results for this service and
   *     queues pushes only for the shards this node leads
   */
  public MessagingService(
      DurableLog log, ReplicatedShards shards, MessagingState state, NodeContext context) {
    this(log, shards, state, context, ReplicationLimits.defaults());
  }

  /** As above, with the replicas bounded by {@code limits}. */
  public MessagingService(
      DurableLog log,
      ReplicatedShards shards,
      MessagingState state,
      NodeContext context,
      ReplicationLimits limits) {
    if (shards.committedState() != state) {
      throw new IllegalArgumentException("the replicated shards must apply to this state");
    }
    state.serve(log);
    shards.serve(log);
    this.replicas =
        new NodeReplicas(
            context.nodeId(),
            log,
            shards,
            context.executor(),
            context.clock(),
            limits,
            state::discardResult);
    this.pipeline = new CommandPipeline(log, replicas, state, context);
    state.pushOnlyFor(pipeline.router()::leads);
    this.reads = new UpdateReads(pipeline, new CommandReader(log));
    this.registrations = new RegistrationRequests(pipeline);
    this.messages = new MessageRequests(pipeline, reads);
    this.groups = new GroupRequests(pipeline);
    this.channels = new ChannelRequests(pipeline, reads);
    replicas.serve(context.shardMap().get());
  }

  /**
   * The node's replicas of its shards: the node serves fetches and admin commands with them, and
   * hands them every newer shard map ({@link NodeReplicas#serve}).
   */
  public NodeReplicas replicas() {
    return replicas;
  }

  /** Adds a listener for every new update from now on; see {@link UpdateListener}. */
  public void addUpdateListener(UpdateListener listener) {
    pipeline.addUpdateListener(listener);
  }

  /**
   * Registers a user in {@code dataCenter}: the user's id is allocated on a shard homed there and
   * led by this node (successive registrations rotate over them).
   *
   * @return the id and the token; fails with {@code INVALID_NAME}, {@code UNKNOWN_DATA_CENTER}, or
   *     {@link NotLeaderException} (to the leader of the DC's first shard) when this node leads
   *     none of the DC's shards
   */
  public CompletableFuture<Registration> register(String displayName, String dataCenter) {
    return registrations.register(displayName, dataCenter);
  }

  /**
   * The user a token belongs to.
   *
   * @throws MessagingException {@code INVALID_TOKEN} for a malformed token, an unknown user or a
   *     wrong secret (indistinguishably)
   * @throws NotLeaderException when another node leads the user's shard
   */
  public long authenticate(String token) {
    return registrations.authenticate(token);
  }

  /**
   * Sends a private message: appended to the sender's mailbox on the sender's shard, and to the
   * recipient's mailbox there or, through the outbox, on the recipient's shard. Idempotent per
   * (sender, random id) within the idempotency window.
   *
   * @return the receipt; fails with {@code INVALID_TEXT}, {@code TEXT_TOO_LONG}, {@code
   *     UNKNOWN_USER}, {@code UNKNOWN_PEER} (checked now when this node leads the recipient's
   *     shard, otherwise on delivery, where a message to nobody is dropped) or {@link
   *     NotLeaderException}
   */
  public CompletableFuture<SendReceipt> sendToUser(
      long senderId, long recipientId, long randomId, String text) {
    return messages.sendToUser(senderId, recipientId, randomId, text);
  }

  /**
   * Sends a message to a group, on the group's shard: to every member's mailbox (there, or through
   * the outbox), the sender's included. Idempotent per (sender, random id) within the sender's
   * window on the group's shard.
   *
   * @return the receipt; fails with {@code INVALID_TEXT}, {@code TEXT_TOO_LONG}, {@code
   *     UNKNOWN_PEER}, {@code NOT_A_MEMBER} or {@link NotLeaderException}
   */
  public CompletableFuture<SendReceipt> sendToGroup(
      long senderId, long groupId, long randomId, String text) {
    return messages.sendToGroup(senderId, groupId, randomId, text);
  }

  /**
   * Creates a group of the creator and {@code memberIds}, on the creator's shard.
   *
   * @return the group's id; fails with {@code INVALID_NAME}, {@code GROUP_TOO_LARGE}, {@code
   *     UNKNOWN_USER}, {@code UNKNOWN_PEER} (for members on shards this node leads) or {@link
   *     NotLeaderException}
   */
  public CompletableFuture<Long> createGroup(
      long creatorId, String title, Collection<Long> memberIds) {
    return groups.create(creatorId, title, memberIds);
  }

  /**
   * Adds a user to a group; any member may. Adding a member again changes nothing.
   *
   * @return completes when durable; fails with {@code UNKNOWN_PEER}, {@code NOT_A_MEMBER}, {@code
   *     GROUP_TOO_LARGE} or {@link NotLeaderException}
   */
  public CompletableFuture<Void> addGroupMember(long actorId, long groupId, long userId) {
    return groups.addMember(actorId, groupId, userId);
  }

  /**
   * Removes a user from a group: a member may remove themselves, the creator anyone.
   *
   * @return completes when durable; fails with {@code UNKNOWN_PEER}, {@code NOT_A_MEMBER}, {@code
   *     NOT_ALLOWED} or {@link NotLeaderException}
   */
  public CompletableFuture<Void> removeGroupMember(long actorId, long groupId, long userId) {
    return groups.removeMember(actorId, groupId, userId);
  }

  /**
   * Creates a channel owned by {@code ownerId}, on the owner's shard; the owner is subscribed.
   *
   * @return the channel's id; fails with {@code INVALID_NAME}, {@code UNKNOWN_USER} or {@link
   *     NotLeaderException}
   */
  public CompletableFuture<Long> createChannel(long ownerId, String title) {
    return channels.create(ownerId, title);
  }

  /**
   * Lets {@code userId} post to the channel; only the owner may grant it.
   *
   * @return completes when durable; fails with {@code UNKNOWN_PEER}, {@code NOT_ALLOWED} or {@link
   *     NotLeaderException}
   */
  public CompletableFuture<Void> addChannelAdmin(long ownerId, long channelId, long userId) {
    return channels.addAdmin(ownerId, channelId, userId);
  }

  /** Takes the right to post away from {@code userId}; see {@link #addChannelAdmin}. */
  public CompletableFuture<Void> removeChannelAdmin(long ownerId, long channelId, long userId) {
    return channels.removeAdmin(ownerId, channelId, userId);
  }

  /**
   * Subscribes a user to a channel: the user reads it and gets its new posts pushed.
   *
   * @return completes when durable; fails with {@code UNKNOWN_PEER}, {@code UNKNOWN_USER} or {@link
   *     NotLeaderException}
   */
  public CompletableFuture<Void> subscribe(long userId, long channelId) {
    return channels.subscribe(userId, channelId);
  }

  /** Ends a subscription; unsubscribing a non-subscriber changes nothing. */
  public CompletableFuture<Void> unsubscribe(long userId, long channelId) {
    return channels.unsubscribe(userId, channelId);
  }

  /**
   * Posts to a channel, as its owner or an admin: stored once in the channel's log and pushed to
   * the subscribers. Idempotent per (author, random id) within the author's window in the channel.
   *
   * @return the receipt; fails with {@code INVALID_TEXT}, {@code TEXT_TOO_LONG}, {@code
   *     UNKNOWN_PEER}, {@code NOT_ALLOWED} or {@link NotLeaderException}
   */
  public CompletableFuture<PostReceipt> post(
      long authorId, long channelId, long randomId, String text) {
    return channels.post(authorId, channelId, randomId, text);
  }

  /**
   * The user's messages with {@code peer}, newest first: up to {@code limit} of those with pts
   * below {@code offsetPts} (from the newest for 0). The next page starts below the last message's
   * pts.
   *
   * @throws MessagingException {@code INVALID_PAGE}, {@code UNKNOWN_USER}, {@code UNKNOWN_PEER} (a
   *     group or user that does not exist), {@code NOT_A_MEMBER} (a group without the user); a peer
   *     on a shard led by another node is not checked, and its page is empty
   * @throws NotLeaderException when another node leads the user's shard
   */
  public List<MailboxMessage> history(long userId, Peer peer, int offsetPts, int limit) {
    return reads.history(userId, peer, offsetPts, limit);
  }

  /**
   * What the user's mailbox holds after {@code pts}: up to {@code limit} messages, in pts order,
   * without gaps, and the newest pts.
   *
   * @throws MessagingException {@code INVALID_PAGE}, {@code UNKNOWN_USER}
   * @throws NotLeaderException when another node leads the user's shard
   */
  public Difference getDifference(long userId, int pts, int limit) {
    return reads.difference(userId, pts, limit);
  }

  /**
   * What the channel holds after {@code pts}: up to {@code limit} posts, in pts order, without
   * gaps, and the newest pts. The user must read the channel (subscriber, admin or owner).
   *
   * @throws MessagingException {@code INVALID_PAGE}, {@code UNKNOWN_PEER}, {@code NOT_A_MEMBER}
   * @throws NotLeaderException when another node leads the channel's shard
   */
  public ChannelDifference getChannelDifference(long userId, long channelId, int pts, int limit) {
    return reads.channelDifference(userId, channelId, pts, limit);
  }

  /**
   * The user's mailbox pts now: the pts of its newest update, 0 for an empty mailbox; what a client
   * that has applied every update up to it is up to date with. Reads the in-memory index only (no
   * log access), so it is cheap, but it takes the state's read lock.
   *
   * @throws MessagingException {@code UNKNOWN_USER}
   * @throws NotLeaderException when another node leads the user's shard
   */
  public int mailboxPts(long userId) {
    return reads.mailboxPts(userId);
  }

  /**
   * The channel's pts now: the pts of its newest post, 0 for a channel without posts, and 0 as well
   * for a channel that does not exist (this read does not tell them apart, and checks no reader
   * permission: it reveals only how many posts a channel has). Reads the in-memory index only (no
   * log access), so it is cheap, but it takes the state's read lock.
   *
   * @throws MessagingException {@code UNKNOWN_PEER} for an id that is not positive
   * @throws NotLeaderException when another node leads the channel's shard
   */
  public int channelPts(long channelId) {
    return reads.channelPts(channelId);
  }

  /**
   * Applies deliveries of one outbox lane (through a {@link ShardMailer}) to their destination
   * shard, which this node must lead: one DELIVER_MESSAGE command each, proposed in the given
   * order. A redelivery changes nothing and completes normally too: completion means the
   * destination holds every message durably. On a failure the destination holds a prefix of them at
   * most (proposals stop at the first refused one, and a shard applies its entries in order), which
   * is what lets the origin's lane send several at once: see {@link OutboxRelay}.
   *
   * @param deliveries at least one, all for the same destination shard, in the lane's order
   * @return completes when all are durable; fails with {@code MALFORMED_COMMAND} when a recipient
   *     does not live on the destination shard, or {@link NotLeaderException}
   */
  public CompletableFuture<Void> acceptDeliveries(List<Delivery> deliveries) {
    return messages.acceptDeliveries(deliveries);
  }

  /** Whether this node leads {@code shard} by its newest shard map. */
  public boolean leads(int shard) {
    return pipeline.router().leads(shard);
  }

  /** The executor that follow-up work runs on. */
  Executor executor() {
    return pipeline.context().executor();
  }

  /** Hands {@code listener} the lanes of every applied command that added outbox entries. */
  void addOutboxListener(Consumer<List<OutboxLane>> listener) {
    pipeline.addOutboxListener(listener);
  }

  /** The outbox lanes with pending entries on the shards this node stores. */
  List<OutboxLane> pendingLanes() {
    return pipeline.state().pendingLanes();
  }

  /** How many outbox entries are pending on the shards this node leads. */
  long pendingOutboxEntries() {
    return pipeline.state().pendingOutboxEntries(this::leads);
  }

  /**
   * The first entry {@code originShard} holds for {@code destinationShard} with a sequence above
   * {@code afterSequence} (0: the entry that must be delivered next), if any.
   */
  Optional<OutboxEntry> firstPending(int originShard, int destinationShard, long afterSequence) {
    // An entry is applied a moment before the log publishes its record; until then its command
    // cannot be read. Such an entry is left for the wake-up that follows its acknowledgement.
    return pipeline
        .state()
        .firstPending(originShard, destinationShard, afterSequence)
        .filter(entry -> reads.isReadable(entry.source()));
  }

  /** The delivery of an outbox entry, built from its accepted command in the log. */
  Delivery deliveryOf(OutboxEntry entry) {
    return messages.deliveryOf(entry);
  }

  /**
   * Records durably, on their origin shard, that the entries of one relay batch (one lane, in
   * order) were delivered.
   */
  CompletableFuture<Void> markDelivered(List<OutboxEntry> batch) {
    return messages.markDelivered(batch);
  }
}
