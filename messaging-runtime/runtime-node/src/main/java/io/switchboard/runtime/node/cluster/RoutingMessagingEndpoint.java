package io.switchboard.runtime.node.cluster;

import io.switchboard.runtime.node.peer.PeerLinks;
import io.switchboard.runtime.node.peer.PeerUnavailableException;
import io.switchboard.runtime.node.peer.ShardMapSnapshots;
import io.switchboard.runtime.peer.ForwardedOperation;
import io.switchboard.runtime.peer.GetShardMap;
import io.switchboard.runtime.peer.PeerError;
import io.switchboard.runtime.peer.PeerReply;
import io.switchboard.runtime.peer.PeerRequest;
import io.switchboard.runtime.protocol.AddChannelAdmin;
import io.switchboard.runtime.protocol.AddGroupMember;
import io.switchboard.runtime.protocol.Authenticate;
import io.switchboard.runtime.protocol.Authenticated;
import io.switchboard.runtime.protocol.ChannelAdminAdded;
import io.switchboard.runtime.protocol.ChannelAdminRemoved;
import io.switchboard.runtime.protocol.ChannelCreated;
import io.switchboard.runtime.protocol.ChannelDifference;
import io.switchboard.runtime.protocol.ChannelPostPublished;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.CreateChannel;
import io.switchboard.runtime.protocol.CreateGroup;
import io.switchboard.runtime.protocol.Difference;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.GetChannelDifference;
import io.switchboard.runtime.protocol.GetDifference;
import io.switchboard.runtime.protocol.GetHistory;
import io.switchboard.runtime.protocol.GroupCreated;
import io.switchboard.runtime.protocol.GroupMemberAdded;
import io.switchboard.runtime.protocol.GroupMemberRemoved;
import io.switchboard.runtime.protocol.History;
import io.switchboard.runtime.protocol.MessageSent;
import io.switchboard.runtime.protocol.MessagingEndpoint;
import io.switchboard.runtime.protocol.MessagingException;
import io.switchboard.runtime.protocol.PostToChannel;
import io.switchboard.runtime.protocol.Redirect;
import io.switchboard.runtime.protocol.Register;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.protocol.RemoveChannelAdmin;
import io.switchboard.runtime.protocol.RemoveGroupMember;
import io.switchboard.runtime.protocol.SendMessage;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.Subscribe;
import io.switchboard.runtime.protocol.Subscribed;
import io.switchboard.runtime.protocol.Unsubscribe;
import io.switchboard.runtime.protocol.Unsubscribed;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.ShardRange;
import io.switchboard.runtime.sharding.Shards;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The gateway's {@link MessagingEndpoint} in a cluster: sends each operation to the node that leads
 * the shard it acts on, by the gateway's shard map. This node's own store answers in process; any
 * other leader gets the request forwarded over its peer link and answers with the frame the client
 * gets.
 *
 * <p>The shard of each operation: the caller's for its own mailbox (private sends, history,
 * differences, new groups and channels), the group's for group sends and membership, the channel's
 * for every channel operation, the token's user for Authenticate; Register goes to a leader of a
 * shard homed in the requested data centre (this node when it is one).
 *
 * <p>Stale maps: a leader that answers WRONG_SHARD under a newer map version makes this gateway
 * fetch that node's map, install it and send the request again, at most {@value #MAX_REDIRECTS}
 * times; the client sees WRONG_SHARD only when the maps disagree after that. A peer that cannot be
 * reached is UNAVAILABLE (the operation may or may not have happened; sends are idempotent).
 */
public final class RoutingMessagingEndpoint implements MessagingEndpoint {

  static final int MAX_REDIRECTS = 3;

  private final String nodeId;
  private final ShardMapHolder maps;
  private final HomeDataCenters homes;
  private final Optional<MessagingEndpoint> local;
  private final PeerLinks peers;
  private final AtomicInteger registrations = new AtomicInteger();

  /**
   * @param local this node's store, when it has the store role
   */
  public RoutingMessagingEndpoint(
      String nodeId,
      ShardMapHolder maps,
      HomeDataCenters homes,
      Optional<MessagingEndpoint> local,
      PeerLinks peers) {
    this.nodeId = nodeId;
    this.maps = maps;
    this.homes = homes;
    this.local = local;
    this.peers = peers;
  }

  @Override
  public CompletableFuture<Registered> register(Register request) {
    ShardMap map = maps.current();
    ShardRange range = homes.rangeOf(request.getDc()).orElseThrow();
    Set<String> leaders = new LinkedHashSet<>();
    for (int shard = range.first(); shard <= range.last(); shard++) {
      leaders.add(map.replicaSet(shard).primary());
    }
    List<String> candidates = new ArrayList<>(leaders);
    String target =
        local.isPresent() && leaders.contains(nodeId)
            ? nodeId
            : candidates.get(Math.floorMod(registrations.getAndIncrement(), candidates.size()));
    return send(
        target,
        0,
        frame -> frame.setRegister(request),
        endpoint -> endpoint.register(request),
        ServerFrame::getRegistered,
        ServerFrame.BodyCase.REGISTERED);
  }

  @Override
  public CompletableFuture<Authenticated> authenticate(Authenticate request) {
    Optional<Long> owner = tokenOwner(request.getToken());
    if (owner.isEmpty()) {
      return CompletableFuture.failedFuture(
          new MessagingException(ErrorCode.AUTH_INVALID, "the token is not valid"));
    }
    return route(
        Shards.shardOf(owner.get()),
        0,
        frame -> frame.setAuthenticate(request),
        endpoint -> endpoint.authenticate(request),
        ServerFrame::getAuthenticated,
        ServerFrame.BodyCase.AUTHENTICATED);
  }

  @Override
  public CompletableFuture<MessageSent> sendMessage(long userId, SendMessage request) {
    long owner =
        request.getPeer().getKindCase() == io.switchboard.runtime.protocol.Peer.KindCase.GROUP_ID
            ? request.getPeer().getGroupId()
            : userId;
    return route(
        Shards.shardOf(owner),
        userId,
        frame -> frame.setSendMessage(request),
        endpoint -> endpoint.sendMessage(userId, request),
        ServerFrame::getMessageSent,
        ServerFrame.BodyCase.MESSAGE_SENT);
  }

  @Override
  public CompletableFuture<GroupCreated> createGroup(long userId, CreateGroup request) {
    return route(
        Shards.shardOf(userId),
        userId,
        frame -> frame.setCreateGroup(request),
        endpoint -> endpoint.createGroup(userId, request),
        ServerFrame::getGroupCreated,
        ServerFrame.BodyCase.GROUP_CREATED);
  }

  @Override
  public CompletableFuture<GroupMemberAdded> addGroupMember(long userId, AddGroupMember request) {
    return route(
        Shards.shardOf(request.getGroupId()),
        userId,
        frame -> frame.setAddGroupMember(request),
        endpoint -> endpoint.addGroupMember(userId, request),
        ServerFrame::getGroupMemberAdded,
        ServerFrame.BodyCase.GROUP_MEMBER_ADDED);
  }

  @Override
  public CompletableFuture<GroupMemberRemoved> removeGroupMember(
      long userId, RemoveGroupMember request) {
    return route(
        Shards.shardOf(request.getGroupId()),
        userId,
        frame -> frame.setRemoveGroupMember(request),
        endpoint -> endpoint.removeGroupMember(userId, request),
        ServerFrame::getGroupMemberRemoved,
        ServerFrame.BodyCase.GROUP_MEMBER_REMOVED);
  }

  @Override
  public CompletableFuture<ChannelCreated> createChannel(long userId, CreateChannel request) {
    return route(
        Shards.shardOf(userId),
        userId,
        frame -> frame.setCreateChannel(request),
        endpoint -> endpoint.createChannel(userId, request),
        ServerFrame::getChannelCreated,
        ServerFrame.BodyCase.CHANNEL_CREATED);
  }

  @Override
  public CompletableFuture<Subscribed> subscribe(long userId, Subscribe request) {
    return route(
        Shards.shardOf(request.getChannelId()),
        userId,
        frame -> frame.setSubscribe(request),
        endpoint -> endpoint.subscribe(userId, request),
        ServerFrame::getSubscribed,
        ServerFrame.BodyCase.SUBSCRIBED);
  }

  @Override
  public CompletableFuture<Unsubscribed> unsubscribe(long userId, Unsubscribe request) {
    return route(
        Shards.shardOf(request.getChannelId()),
        userId,
        frame -> frame.setUnsubscribe(request),
        endpoint -> endpoint.unsubscribe(userId, request),
        ServerFrame::getUnsubscribed,
        ServerFrame.BodyCase.UNSUBSCRIBED);
  }

  @Override
  public CompletableFuture<ChannelPostPublished> postToChannel(long userId, PostToChannel request) {
    return route(
        Shards.shardOf(request.getChannelId()),
        userId,
        frame -> frame.setPostToChannel(request),
        endpoint -> endpoint.postToChannel(userId, request),
        ServerFrame::getChannelPostPublished,
        ServerFrame.BodyCase.CHANNEL_POST_PUBLISHED);
  }

  @Override
  public CompletableFuture<History> getHistory(long userId, GetHistory request) {
    return route(
        Shards.shardOf(userId),
        userId,
        frame -> frame.setGetHistory(request),
        endpoint -> endpoint.getHistory(userId, request),
        ServerFrame::getHistory,
        ServerFrame.BodyCase.HISTORY);
  }

  @Override
  public CompletableFuture<Difference> getDifference(long userId, GetDifference request) {
    return route(
        Shards.shardOf(userId),
        userId,
        frame -> frame.setGetDifference(request),
        endpoint -> endpoint.getDifference(userId, request),
        ServerFrame::getDifference,
        ServerFrame.BodyCase.DIFFERENCE);
  }

  @Override
  public CompletableFuture<ChannelDifference> getChannelDifference(
      long userId, GetChannelDifference request) {
    return route(
        Shards.shardOf(request.getChannelId()),
        userId,
        frame -> frame.setGetChannelDifference(request),
        endpoint -> endpoint.getChannelDifference(userId, request),
        ServerFrame::getChannelDifference,
        ServerFrame.BodyCase.CHANNEL_DIFFERENCE);
  }

  @Override
  public CompletableFuture<ChannelAdminAdded> addChannelAdmin(
      long userId, AddChannelAdmin request) {
    return route(
        Shards.shardOf(request.getChannelId()),
        userId,
        frame -> frame.setAddChannelAdmin(request),
        endpoint -> endpoint.addChannelAdmin(userId, request),
        ServerFrame::getChannelAdminAdded,
        ServerFrame.BodyCase.CHANNEL_ADMIN_ADDED);
  }

  @Override
  public CompletableFuture<ChannelAdminRemoved> removeChannelAdmin(
      long userId, RemoveChannelAdmin request) {
    return route(
        Shards.shardOf(request.getChannelId()),
        userId,
        frame -> frame.setRemoveChannelAdmin(request),
        endpoint -> endpoint.removeChannelAdmin(userId, request),
        ServerFrame::getChannelAdminRemoved,
        ServerFrame.BodyCase.CHANNEL_ADMIN_REMOVED);
  }

  /** Sends the request to the leader of {@code shard} by the current map. */
  private <T> CompletableFuture<T> route(
      int shard,
      long userId,
      UnaryOperator<ClientFrame.Builder> body,
      Function<MessagingEndpoint, CompletableFuture<T>> inProcess,
      Function<ServerFrame, T> result,
      ServerFrame.BodyCase expected) {
    return routeAttempt(shard, MAX_REDIRECTS, userId, body, inProcess, result, expected);
  }

  private <T> CompletableFuture<T> routeAttempt(
      int shard,
      int redirectsLeft,
      long userId,
      UnaryOperator<ClientFrame.Builder> body,
      Function<MessagingEndpoint, CompletableFuture<T>> inProcess,
      Function<ServerFrame, T> result,
      ServerFrame.BodyCase expected) {
    String leader = maps.current().replicaSet(shard).primary();
    return send(leader, userId, body, inProcess, result, expected)
        .exceptionallyCompose(
            failure -> {
              Throwable cause = unwrap(failure);
              if (cause instanceof StaleMapException stale && redirectsLeft > 0) {
                return refreshFrom(stale)
                    .thenCompose(
                        refreshed ->
                            routeAttempt(
                                shard,
                                redirectsLeft - 1,
                                userId,
                                body,
                                inProcess,
                                result,
                                expected));
              }
              return CompletableFuture.failedFuture(
                  cause instanceof StaleMapException stale ? stale.refusal : cause);
            });
  }

  /** Sends the request to {@code target}: in process when it is this node, else over its link. */
  private <T> CompletableFuture<T> send(
      String target,
      long userId,
      UnaryOperator<ClientFrame.Builder> body,
      Function<MessagingEndpoint, CompletableFuture<T>> inProcess,
      Function<ServerFrame, T> result,
      ServerFrame.BodyCase expected) {
    if (target.equals(nodeId) && local.isPresent()) {
      return inProcess.apply(local.get());
    }
    ForwardedOperation operation =
        ForwardedOperation.newBuilder()
            .setUserId(userId)
            .setRequest(body.apply(ClientFrame.newBuilder()))
            .build();
    return peers
        .link(target)
        .call(PeerRequest.newBuilder().setOperation(operation))
        .handle(
            (reply, failure) -> {
              if (failure != null) {
                throw new CompletionException(unreachable(target, unwrap(failure)));
              }
              return answerOf(target, reply, result, expected);
            });
  }

  private <T> T answerOf(
      String target,
      PeerReply reply,
      Function<ServerFrame, T> result,
      ServerFrame.BodyCase expected) {
    if (reply.hasError()) {
      throw new CompletionException(refusal(reply.getError()));
    }
    ServerFrame answer = reply.getAnswer();
    if (answer.getBodyCase() == expected) {
      return result.apply(answer);
    }
    if (answer.hasError()) {
      io.switchboard.runtime.protocol.Error error = answer.getError();
      MessagingException refusal =
          refusal(
              PeerError.newBuilder()
                  .setCode(error.getCode())
                  .setMessage(error.getMessage())
                  .setRedirect(error.getRedirect())
                  .build());
      if (error.getCode() == ErrorCode.WRONG_SHARD) {
        throw new CompletionException(new StaleMapException(target, error.getRedirect(), refusal));
      }
      throw new CompletionException(refusal);
    }
    throw new CompletionException(
        new IllegalStateException(
            "node " + target + " answered " + answer.getBodyCase() + " instead of " + expected));
  }

  /**
   * Installs the map of the node that redirected, when it is newer than this gateway's; completes
   * normally if the map is newer now (fetched or installed meanwhile), else fails with the refusal.
   */
  private CompletableFuture<Void> refreshFrom(StaleMapException stale) {
    long known = maps.current().version();
    if (stale.redirect.getShardMapVersion() <= known) {
      return CompletableFuture.failedFuture(stale.refusal);
    }
    return peers
        .link(stale.node)
        .call(PeerRequest.newBuilder().setGetShardMap(GetShardMap.getDefaultInstance()))
        .thenAccept(
            reply -> {
              if (reply.hasShardMap()) {
                maps.install(ShardMapSnapshots.fromSnapshot(reply.getShardMap()));
              }
              if (maps.current().version() <= known) {
                throw new CompletionException(stale.refusal);
              }
            });
  }

  private static MessagingException refusal(PeerError error) {
    if (error.getCode() == ErrorCode.WRONG_SHARD && error.hasRedirect()) {
      return MessagingException.wrongShard(error.getRedirect());
    }
    try {
      return new MessagingException(error.getCode(), error.getMessage());
    } catch (IllegalArgumentException notAnEndpointCode) {
      return new MessagingException(
          ErrorCode.INTERNAL, error.getCode() + " from a peer: " + error.getMessage());
    }
  }

  private static MessagingException unreachable(String target, Throwable cause) {
    if (cause instanceof MessagingException refused) {
      return refused;
    }
    return new MessagingException(
        ErrorCode.UNAVAILABLE,
        "node "
            + target
            + " cannot be reached now; retry (sends are idempotent): "
            + (cause instanceof PeerUnavailableException ? cause.getMessage() : cause.toString()));
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  /** The user id a token names before its secret ({@code <userId>:<secret>}), if it has one. */
  static Optional<Long> tokenOwner(String token) {
    int separator = token.indexOf(':');
    if (separator < 1) {
      return Optional.empty();
    }
    try {
      long userId = Long.parseLong(token, 0, separator, 10);
      return userId > 0 ? Optional.of(userId) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A leader said WRONG_SHARD: the request may succeed after a map refresh. */
  private static final class StaleMapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final String node;
    final transient Redirect redirect;
    final MessagingException refusal;

    StaleMapException(String node, Redirect redirect, MessagingException refusal) {
      super(refusal.getMessage(), null, false, false);
      this.node = node;
      this.redirect = redirect;
      this.refusal = refusal;
    }
  }
}
