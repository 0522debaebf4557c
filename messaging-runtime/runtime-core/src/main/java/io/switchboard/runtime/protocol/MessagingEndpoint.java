package io.switchboard.runtime.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * The seam between the gateway and the messaging service: one asynchronous method per operation of
 * the protocol, taking the authenticated user and the request as it came off the wire, and
 * completing with the answer that goes back on the wire.
 *
 * <p>What the gateway guarantees to an implementation:
 *
 * <ul>
 *   <li>Requests are valid by the field rules of the protocol ({@link RequestRules}): ids and
 *       random_ids non-zero where required, texts within {@link RequestRules#MAX_TEXT_BYTES}, at
 *       most {@link RequestRules#MAX_GROUP_MEMBERS} members in a new group, limits in range, known
 *       data centres. Only what depends on stored state is left to check.
 *   <li>{@code userId} is the user the connection authenticated as (positive); operations reach the
 *       endpoint only on authenticated connections, {@link #register} and {@link #authenticate}
 *       only on unauthenticated ones.
 *   <li>Calls are made on the connection's gateway thread, the calls of one connection one after
 *       the other in request order.
 * </ul>
 *
 * <p>What an implementation guarantees to the gateway:
 *
 * <ul>
 *   <li>Methods return promptly without blocking (they run on a thread that serves many
 *       connections) and never return {@code null}; the work completes the future later, on any
 *       thread.
 *   <li>The effects of one connection's calls start in call order, so that sends pipelined on one
 *       connection are appended to the sender's mailbox in request order. Futures may complete in
 *       any order: the gateway correlates answers by request_id.
 *   <li>A refused request completes the future exceptionally with a {@link MessagingException}
 *       carrying the protocol error code (see each method). Any other failure, synchronous or
 *       asynchronous, is answered as {@link ErrorCode#INTERNAL}: "may or may not have happened".
 *   <li>Sends and posts are idempotent per (caller, random_id) for at least the caller's last 64
 *       sends (posts: to the channel): a repeat completes with the first call's answer and changes
 *       nothing.
 *   <li>pts are dense: a mailbox's updates have pts 1, 2, 3, ... and a channel's posts channel_pts
 *       1, 2, 3, ..., each exactly one {@link MailboxUpdate} or {@link ChannelPost}.
 *   <li>Every new mailbox update is published to the user, and every new channel post to each
 *       subscriber, through the {@link UpdatePublisher} the endpoint was created with, in pts order
 *       per user (see {@link UpdatePublisher#publish}).
 * </ul>
 *
 * <p>The errors every method may fail with, besides those listed on it: {@link
 * ErrorCode#WRONG_SHARD} (with a {@link Redirect}) when the node does not host a shard the request
 * needs, {@link ErrorCode#UNAVAILABLE} when the shard cannot serve now, {@link ErrorCode#INTERNAL}.
 */
public interface MessagingEndpoint {

  /**
   * Creates a user homed in {@code request.dc} and a token for it; the gateway then treats the
   * connection as authenticated as that user.
   */
  CompletableFuture<Registered> register(Register request);

  /**
   * Resolves a token to its user and reports the user's mailbox pts. Fails with {@link
   * ErrorCode#AUTH_INVALID} for a token the service does not accept.
   */
  CompletableFuture<Authenticated> authenticate(Authenticate request);

  /**
   * Appends the message to the sender's mailbox and relays it to the peer: to the other user's
   * mailbox, or to the mailbox of every member of the group. Fails with {@link
   * ErrorCode#PEER_UNKNOWN} for a user or group that does not exist, {@link ErrorCode#FORBIDDEN}
   * for a group the sender is not a member of.
   */
  CompletableFuture<MessageSent> sendMessage(long userId, SendMessage request);

  /**
   * Creates a group of the caller and the request's members (the caller's own id and repeats
   * ignored). Fails with {@link ErrorCode#PEER_UNKNOWN} if a member does not exist.
   */
  CompletableFuture<GroupCreated> createGroup(long userId, CreateGroup request);

  /**
   * Adds a member; adding a member again changes nothing. Fails with {@link ErrorCode#PEER_UNKNOWN}
   * (group or user), {@link ErrorCode#FORBIDDEN} (caller not a member), {@link
   * ErrorCode#GROUP_TOO_LARGE} (the group has {@link RequestRules#MAX_GROUP_MEMBERS}).
   */
  CompletableFuture<GroupMemberAdded> addGroupMember(long userId, AddGroupMember request);

  /**
   * Removes a member: any member may remove itself, the group's creator anyone; removing a
   * non-member changes nothing. Fails with {@link ErrorCode#PEER_UNKNOWN} (group or user), {@link
   * ErrorCode#FORBIDDEN} (caller not a member, or not the creator removing someone else).
   */
  CompletableFuture<GroupMemberRemoved> removeGroupMember(long userId, RemoveGroupMember request);

  /** Creates a channel owned by the caller and subscribes the caller to it. */
  CompletableFuture<ChannelCreated> createChannel(long userId, CreateChannel request);

  /**
   * Subscribes the caller (again: no change) and reports the channel's pts. Fails with {@link
   * ErrorCode#PEER_UNKNOWN} for a channel that does not exist.
   */
  CompletableFuture<Subscribed> subscribe(long userId, Subscribe request);

  /**
   * Unsubscribes the caller (not subscribed: no change). Fails with {@link ErrorCode#PEER_UNKNOWN}
   * for a channel that does not exist.
   */
  CompletableFuture<Unsubscribed> unsubscribe(long userId, Unsubscribe request);

  /**
   * Appends a post to the channel and publishes it to the subscribers. Fails with {@link
   * ErrorCode#PEER_UNKNOWN} (no such channel), {@link ErrorCode#FORBIDDEN} (caller neither the
   * owner nor an admin).
   */
  CompletableFuture<ChannelPostPublished> postToChannel(long userId, PostToChannel request);

  /**
   * The messages of one conversation in the caller's mailbox with a pts below {@code offset_pts}
   * (0: no bound), newest first, at most {@code limit}. Fails with {@link ErrorCode#PEER_UNKNOWN}
   * for a user or group that does not exist, {@link ErrorCode#FORBIDDEN} for a group the caller is
   * not a member of.
   */
  CompletableFuture<History> getHistory(long userId, GetHistory request);

  /**
   * The caller's mailbox updates with a pts above {@code pts}, in pts order, at most {@code limit},
   * and the mailbox's current pts.
   */
  CompletableFuture<Difference> getDifference(long userId, GetDifference request);

  /**
   * A channel's posts with a channel pts above {@code pts}, in order, at most {@code limit}, and
   * the channel's current pts. Fails with {@link ErrorCode#PEER_UNKNOWN} for a channel that does
   * not exist, {@link ErrorCode#FORBIDDEN} if the caller does not read it (neither its owner, an
   * admin nor a subscriber).
   */
  CompletableFuture<ChannelDifference> getChannelDifference(
      long userId, GetChannelDifference request);

  /**
   * Lets a user post to the caller's channel; again: no change. Fails with {@link
   * ErrorCode#PEER_UNKNOWN} (channel or user), {@link ErrorCode#FORBIDDEN} (caller not the owner).
   */
  CompletableFuture<ChannelAdminAdded> addChannelAdmin(long userId, AddChannelAdmin request);

  /**
   * Takes the right to post away from a user; a non-admin: no change. Fails with {@link
   * ErrorCode#PEER_UNKNOWN} (channel or user), {@link ErrorCode#FORBIDDEN} (caller not the owner).
   */
  CompletableFuture<ChannelAdminRemoved> removeChannelAdmin(
      long userId, RemoveChannelAdmin request);

  /**
   * Creates the endpoint of one node's gateway. Called once, when a node with the gateway role
   * starts.
   */
  @FunctionalInterface
  interface Factory {

    /**
     * @param publisher delivers pushes to the sessions connected to this node's gateway
     */
    MessagingEndpoint create(UpdatePublisher publisher);
  }
}
