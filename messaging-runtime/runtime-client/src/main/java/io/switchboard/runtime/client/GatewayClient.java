package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.AddChannelAdmin;
import io.switchboard.runtime.protocol.AddGroupMember;
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
import io.switchboard.runtime.protocol.HandshakeAccepted;
import io.switchboard.runtime.protocol.History;
import io.switchboard.runtime.protocol.MessageSent;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.Ping;
import io.switchboard.runtime.protocol.PostToChannel;
import io.switchboard.runtime.protocol.Register;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.protocol.RemoveChannelAdmin;
import io.switchboard.runtime.protocol.RemoveGroupMember;
import io.switchboard.runtime.protocol.RequestRules;
import io.switchboard.runtime.protocol.SendMessage;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.Subscribe;
import io.switchboard.runtime.protocol.Subscribed;
import io.switchboard.runtime.protocol.Unsubscribe;
import io.switchboard.runtime.protocol.Unsubscribed;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A messaging client of the Switchboard gateways (docs/protocol.md), asynchronous and self-healing.
 *
 * <ul>
 *   <li><b>Connecting.</b> {@link #connect(GatewayClientConfig)} connects to the first gateway of
 *       the configured list (home data centre first) that accepts the handshake. When that
 *       connection ends, the client reconnects on its own, to the next gateway in the list first;
 *       meanwhile requests wait (up to the timeout, then they count as a failed attempt).
 *   <li><b>Authenticating.</b> {@link #register} or {@link #authenticate} once; after that every
 *       connection, reconnects included, is authenticated with the same token before it serves a
 *       request, and then resynchronised: the mailbox updates and channel posts missed while
 *       disconnected are fetched and delivered to the {@link UpdateListener} before newer pushes.
 *   <li><b>Requests</b> are pipelined: any number may be outstanding, answers are matched by
 *       request id. Each returns a future that completes with the answer's body, or fails with a
 *       {@link GatewayException} (the gateway's error code), a {@link ConnectionLostException}, a
 *       {@link java.util.concurrent.TimeoutException} or an {@link IOException} once the client is
 *       closed.
 *   <li><b>Retries.</b> Idempotent requests are retried with the {@link RetryPolicy} after a
 *       passing failure (connection lost, no answer in time, INTERNAL, UNAVAILABLE, WRONG_SHARD):
 *       sends and posts with the same random_id, which the server deduplicates, and every read,
 *       subscription, membership and admin change. Registering and creating groups and channels run
 *       once.
 *   <li><b>Updates</b> reach the listener exactly once each, in pts order per mailbox and channel,
 *       whether pushed or fetched (see {@link UpdateListener}).
 * </ul>
 *
 * <p>Futures complete on the client's reader or scheduler threads: continuations must not block
 * (use the {@code *Async} variants to do so). Thread-safe.
 */
public final class GatewayClient implements AutoCloseable {

  private final GatewayClientConfig config;
  private final ScheduledExecutorService scheduler;
  private final Retrier retrier;
  private final UpdateSequencer updates;
  private final SessionKeeper sessions;

  private GatewayClient(GatewayClientConfig config) {
    this.config = config;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "switchboard-client-" + config.clientName());
              thread.setDaemon(true);
              return thread;
            });
    this.retrier = new Retrier(config.retry(), config.random(), scheduler);
    this.updates =
        new UpdateSequencer(
            config.listener(),
            new UpdateSequencer.Fetcher() {
              @Override
              public CompletableFuture<Difference> difference(long pts) {
                return getDifference(pts, RequestRules.MAX_PAGE_LIMIT);
              }

              @Override
              public CompletableFuture<ChannelDifference> channelDifference(
                  long channelId, long pts) {
                return getChannelDifference(channelId, pts, RequestRules.MAX_PAGE_LIMIT);
              }
            });
    this.sessions = new SessionKeeper(config, scheduler, updates, retrier);
  }

  /**
   * Connects to the gateway at {@code host:port} alone, with the defaults of {@link
   * GatewayClientConfig#of} and the given timeout.
   *
   * @throws GatewayException if the gateway rejects the handshake
   * @throws IOException if the gateway cannot be reached or answers nonsense
   */
  public static GatewayClient connect(String host, int port, Duration timeout, String clientName)
      throws IOException {
    return connect(
        GatewayClientConfig.of(clientName, List.of(new GatewayAddress(host, port)))
            .withTimeout(timeout));
  }

  /**
   * Connects to the first of the configured gateways that accepts a handshake with {@link
   * io.switchboard.runtime.protocol.FrameCodec#PROTOCOL_VERSION}.
   *
   * @throws GatewayException if the first gateway rejects the handshake and no other accepts it
   * @throws IOException the first gateway's failure (the others' suppressed) if none accepts
   */
  public static GatewayClient connect(GatewayClientConfig config) throws IOException {
    GatewayClient client = new GatewayClient(config);
    try {
      client.sessions.connectToFirstReachable();
      return client;
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** What the gateway of the latest connection announced when it accepted the connection. */
  public HandshakeAccepted handshake() {
    return sessions.lastHandshake();
  }

  /** The user the client is authenticated as; empty until a registration or authentication. */
  public OptionalLong userId() {
    return sessions.userId();
  }

  /**
   * The pts of the last mailbox update delivered to the listener (or the starting point); store it
   * to resume with {@link #authenticate(String, long)}. Empty before authentication.
   */
  public OptionalLong lastSeenPts() {
    return updates.mailboxPts();
  }

  /**
   * Creates a user homed in {@code dc} and authenticates the client as that user; store the token
   * to authenticate later clients. Runs once: a lost connection fails it (the user may or may not
   * have been created).
   *
   * @throws IllegalStateException if the client is already authenticated
   */
  public CompletableFuture<Registered> register(String displayName, String dc) {
    sessions.requireNoToken();
    ClientFrame request =
        ClientFrame.newBuilder()
            .setRegister(Register.newBuilder().setDisplayName(displayName).setDc(dc))
            .build();
    return retrier.run(
        () ->
            sessions
                .readySession()
                .orTimeout(config.timeout().toNanos(), TimeUnit.NANOSECONDS)
                .thenCompose(
                    session ->
                        session
                            .connection()
                            .request(request, config.timeout())
                            .thenApply(
                                answer -> Answers.body(answer, ServerFrame.BodyCase.REGISTERED))
                            .thenApply(
                                answer -> {
                                  Registered registered = answer.getRegistered();
                                  updates.anchorMailbox(0);
                                  sessions.registered(session, registered);
                                  return registered;
                                })),
        false);
  }

  /**
   * Authenticates the client with a stored token; the listener gets the updates from now on.
   *
   * @throws IllegalStateException if the client is already authenticated
   */
  public CompletableFuture<Authenticated> authenticate(String token) {
    sessions.useToken(token);
    return authenticateWithToken();
  }

  /**
   * Authenticates the client with a stored token and resumes after {@code lastSeenPts} (from {@link
   * #lastSeenPts()} of an earlier client): the listener first gets the updates it missed.
   *
   * @throws IllegalStateException if the client is already authenticated
   */
  public CompletableFuture<Authenticated> authenticate(String token, long lastSeenPts) {
    sessions.useToken(token);
    updates.anchorMailbox(lastSeenPts);
    return authenticateWithToken();
  }

  /**
   * Sends {@code text} to a user or group under a fresh random_id, kept for every retry, so that
   * the message is sent once however often it is retried.
   */
  public CompletableFuture<MessageSent> send(Peer peer, String text) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setSendMessage(
                SendMessage.newBuilder().setPeer(peer).setRandomId(randomId()).setText(text))
            .build();
    return call(request, ServerFrame.BodyCase.MESSAGE_SENT, ServerFrame::getMessageSent, true);
  }

  /** Creates a group of this user and {@code memberIds}. Runs once. */
  public CompletableFuture<GroupCreated> createGroup(String title, Collection<Long> memberIds) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setCreateGroup(CreateGroup.newBuilder().setTitle(title).addAllMemberIds(memberIds))
            .build();
    return call(request, ServerFrame.BodyCase.GROUP_CREATED, ServerFrame::getGroupCreated, false);
  }

  public CompletableFuture<GroupMemberAdded> addGroupMember(long groupId, long userId) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setAddGroupMember(AddGroupMember.newBuilder().setGroupId(groupId).setUserId(userId))
            .build();
    return call(
        request, ServerFrame.BodyCase.GROUP_MEMBER_ADDED, ServerFrame::getGroupMemberAdded, true);
  }

  public CompletableFuture<GroupMemberRemoved> removeGroupMember(long groupId, long userId) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setRemoveGroupMember(
                RemoveGroupMember.newBuilder().setGroupId(groupId).setUserId(userId))
            .build();
    return call(
        request,
        ServerFrame.BodyCase.GROUP_MEMBER_REMOVED,
        ServerFrame::getGroupMemberRemoved,
        true);
  }

  /** Creates a channel this user owns. Runs once. */
  public CompletableFuture<ChannelCreated> createChannel(String title) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setCreateChannel(CreateChannel.newBuilder().setTitle(title))
            .build();
    return call(
        request, ServerFrame.BodyCase.CHANNEL_CREATED, ServerFrame::getChannelCreated, false);
  }

  /** Lets {@code userId} post to a channel this user owns. */
  public CompletableFuture<ChannelAdminAdded> addChannelAdmin(long channelId, long userId) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setAddChannelAdmin(
                AddChannelAdmin.newBuilder().setChannelId(channelId).setUserId(userId))
            .build();
    return call(
        request, ServerFrame.BodyCase.CHANNEL_ADMIN_ADDED, ServerFrame::getChannelAdminAdded, true);
  }

  /** Takes the right to post to a channel this user owns away from {@code userId}. */
  public CompletableFuture<ChannelAdminRemoved> removeChannelAdmin(long channelId, long userId) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setRemoveChannelAdmin(
                RemoveChannelAdmin.newBuilder().setChannelId(channelId).setUserId(userId))
            .build();
    return call(
        request,
        ServerFrame.BodyCase.CHANNEL_ADMIN_REMOVED,
        ServerFrame::getChannelAdminRemoved,
        true);
  }

  /** Subscribes to a channel; its posts from the returned channel pts on reach the listener. */
  public CompletableFuture<Subscribed> subscribe(long channelId) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setSubscribe(Subscribe.newBuilder().setChannelId(channelId))
            .build();
    return call(request, ServerFrame.BodyCase.SUBSCRIBED, ServerFrame::getSubscribed, true)
        .thenApply(
            subscribed -> {
              updates.anchorChannel(channelId, subscribed.getChannelPts());
              return subscribed;
            });
  }

  public CompletableFuture<Unsubscribed> unsubscribe(long channelId) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setUnsubscribe(Unsubscribe.newBuilder().setChannelId(channelId))
            .build();
    return call(request, ServerFrame.BodyCase.UNSUBSCRIBED, ServerFrame::getUnsubscribed, true)
        .thenApply(
            unsubscribed -> {
              updates.forgetChannel(channelId);
              return unsubscribed;
            });
  }

  /** Posts to a channel this user owns or administers, under a random_id kept for retries. */
  public CompletableFuture<ChannelPostPublished> postToChannel(long channelId, String text) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setPostToChannel(
                PostToChannel.newBuilder()
                    .setChannelId(channelId)
                    .setRandomId(randomId())
                    .setText(text))
            .build();
    return call(
        request,
        ServerFrame.BodyCase.CHANNEL_POST_PUBLISHED,
        ServerFrame::getChannelPostPublished,
        true);
  }

  /** The messages of one conversation below {@code offsetPts} (0: the newest), newest first. */
  public CompletableFuture<History> getHistory(Peer peer, long offsetPts, int limit) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setGetHistory(
                GetHistory.newBuilder().setPeer(peer).setOffsetPts(offsetPts).setLimit(limit))
            .build();
    return call(request, ServerFrame.BodyCase.HISTORY, ServerFrame::getHistory, true);
  }

  /**
   * The mailbox updates after {@code pts}. The client fetches these itself to fill gaps; this is
   * for applications that read the mailbox on their own.
   */
  public CompletableFuture<Difference> getDifference(long pts, int limit) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setGetDifference(GetDifference.newBuilder().setPts(pts).setLimit(limit))
            .build();
    return call(request, ServerFrame.BodyCase.DIFFERENCE, ServerFrame::getDifference, true);
  }

  /** A channel's posts after {@code pts}, for any channel. */
  public CompletableFuture<ChannelDifference> getChannelDifference(
      long channelId, long pts, int limit) {
    ClientFrame request =
        ClientFrame.newBuilder()
            .setGetChannelDifference(
                GetChannelDifference.newBuilder()
                    .setChannelId(channelId)
                    .setPts(pts)
                    .setLimit(limit))
            .build();
    return call(
        request, ServerFrame.BodyCase.CHANNEL_DIFFERENCE, ServerFrame::getChannelDifference, true);
  }

  /**
   * Pings the current connection and waits for the pong; not retried.
   *
   * @return the round-trip time, measured on the monotonic {@link System#nanoTime()}
   * @throws ConnectionLostException if the connection is lost or being replaced
   * @throws IOException if no pong comes in time, or it echoes another payload
   */
  public Duration ping() throws IOException {
    Session session = sessions.currentSession();
    long payload = config.random().nextLong();
    long sentAt = System.nanoTime();
    ServerFrame answer;
    try {
      answer =
          session
              .connection()
              .request(
                  ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(payload)).build(),
                  config.timeout())
              .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a pong");
    } catch (ExecutionException e) {
      throw asIoException(Retrier.unwrap(e));
    }
    Duration roundTrip = Duration.ofNanos(System.nanoTime() - sentAt);
    if (!answer.hasPong() || answer.getPong().getPayload() != payload) {
      throw new IOException("gateway answered a ping with payload " + payload + " by " + answer);
    }
    return roundTrip;
  }

  /**
   * Closes the connection and stops reconnecting; outstanding requests fail. Idempotent.
   *
   * @throws IOException never in this implementation; declared for {@link AutoCloseable} callers
   */
  @Override
  public void close() throws IOException {
    sessions.close();
    scheduler.shutdownNow();
    retrier.close(new ConnectionLostException("the client was closed", null));
  }

  private CompletableFuture<Authenticated> authenticateWithToken() {
    return retrier
        .run(
            () ->
                sessions
                    .authentication()
                    .orTimeout(config.timeout().toNanos(), TimeUnit.NANOSECONDS),
            true)
        .whenComplete(
            (authenticated, failure) -> {
              if (failure instanceof GatewayException refused
                  && refused.code() == ErrorCode.AUTH_INVALID) {
                sessions.forgetToken();
              }
            });
  }

  /** Sends {@code request} on a ready session and extracts the {@code expected} body. */
  private <T> CompletableFuture<T> call(
      ClientFrame request,
      ServerFrame.BodyCase expected,
      Function<ServerFrame, T> body,
      boolean idempotent) {
    return retrier.run(
        () ->
            sessions
                .readySession()
                .orTimeout(config.timeout().toNanos(), TimeUnit.NANOSECONDS)
                .thenCompose(session -> session.connection().request(request, config.timeout()))
                .thenApply(answer -> body.apply(Answers.body(answer, expected))),
        idempotent);
  }

  private long randomId() {
    long randomId;
    do {
      randomId = config.random().nextLong();
    } while (randomId == 0);
    return randomId;
  }

  private IOException asIoException(Throwable failure) {
    if (failure instanceof IOException io) {
      return io;
    }
    if (failure instanceof TimeoutException) {
      return new SocketTimeoutException("no pong within " + config.timeout());
    }
    return new IOException(failure);
  }
}
