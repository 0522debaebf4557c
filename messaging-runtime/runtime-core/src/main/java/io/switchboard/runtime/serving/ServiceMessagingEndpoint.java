package io.switchboard.runtime.serving;

import io.switchboard.runtime.messaging.MailboxMessage;
import io.switchboard.runtime.messaging.MessagingService;
import io.switchboard.runtime.messaging.NotLeaderException;
import io.switchboard.runtime.protocol.AddChannelAdmin;
import io.switchboard.runtime.protocol.AddGroupMember;
import io.switchboard.runtime.protocol.Authenticate;
import io.switchboard.runtime.protocol.Authenticated;
import io.switchboard.runtime.protocol.ChannelAdminAdded;
import io.switchboard.runtime.protocol.ChannelAdminRemoved;
import io.switchboard.runtime.protocol.ChannelCreated;
import io.switchboard.runtime.protocol.ChannelDifference;
import io.switchboard.runtime.protocol.ChannelPostPublished;
import io.switchboard.runtime.protocol.CreateChannel;
import io.switchboard.runtime.protocol.CreateGroup;
import io.switchboard.runtime.protocol.Difference;
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
import io.switchboard.runtime.protocol.Register;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.protocol.RemoveChannelAdmin;
import io.switchboard.runtime.protocol.RemoveGroupMember;
import io.switchboard.runtime.protocol.SendMessage;
import io.switchboard.runtime.protocol.Subscribe;
import io.switchboard.runtime.protocol.Subscribed;
import io.switchboard.runtime.protocol.Unsubscribe;
import io.switchboard.runtime.protocol.Unsubscribed;
import io.switchboard.runtime.protocol.Update;
import io.switchboard.runtime.protocol.UpdatePublisher;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway protocol served by the node's {@link MessagingService}: the {@link MessagingEndpoint}
 * of a node that runs messaging.
 *
 * <p>How it keeps the endpoint's contract:
 *
 * <ul>
 *   <li>Never blocks the calling (gateway) thread. The service's mutating methods append and return
 *       a future at once; they are called on the calling thread, so the effects of one connection's
 *       calls start in call order. The service's blocking reads ({@code authenticate}, {@code
 *       history}, {@code getDifference}, {@code getChannelDifference}, which read records from the
 *       log) run on the read executor. {@link #subscribe} reads the channel's pts from the
 *       in-memory index on the calling thread, as the mutating methods check existence there.
 *   <li>Refusals become {@link MessagingException}s with the protocol's code ({@link
 *       #toProtocolFailure}); anything else is passed on, for the gateway to answer INTERNAL.
 *   <li>Pushes: the service hands its listeners every new update in log order, one at a time, so a
 *       user's mailbox updates reach {@link UpdatePublisher#publish} in pts order (see {@link
 *       #publishUpdatesTo}).
 *   <li>Ids: {@code message_id} is the send's random_id, {@code post_id} the post's channel pts
 *       ({@link WireFormat}). A send's answer may wait for a cross-shard copy ({@link
 *       MessageSends}).
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class ServiceMessagingEndpoint implements MessagingEndpoint {

  private static final System.Logger LOG =
      System.getLogger(ServiceMessagingEndpoint.class.getName());

  /** How long a send's answer waits for a copy of its message on another shard of this node. */
  static final Duration COPY_TIMEOUT = Duration.ofSeconds(5);

  private final MessagingService service;
  private final Executor readExecutor;
  private final MailboxCopies copies = new MailboxCopies();
  private final MessageSends sends;
  private final AtomicReference<UpdatePublisher> publisher = new AtomicReference<>();

  /**
   * Serves {@code service}; from now on it listens to the service's updates (pushed once {@link
   * #publishUpdatesTo} named the publisher).
   *
   * @param readExecutor runs the service's blocking reads; never the gateway's threads
   */
  public ServiceMessagingEndpoint(MessagingService service, Executor readExecutor) {
    this(service, readExecutor, COPY_TIMEOUT);
  }

  ServiceMessagingEndpoint(MessagingService service, Executor readExecutor, Duration copyTimeout) {
    this.service = Objects.requireNonNull(service, "service");
    this.readExecutor = Objects.requireNonNull(readExecutor, "readExecutor");
    this.sends = new MessageSends(service, readExecutor, copies, copyTimeout);
    service.addUpdateListener(this::onUpdate);
  }

  /**
   * Publishes every update the service reports from now on: each messaging update, converted to the
   * wire {@link Update}, goes to {@code publisher.publish(userId, update)}, in the service's log
   * order (so a user's mailbox updates in pts order, a channel's posts in channel pts order), on
   * the service's executor. Call once, before the gateway serves sessions.
   *
   * @throws IllegalStateException when a publisher was named already
   */
  public void publishUpdatesTo(UpdatePublisher publisher) {
    Objects.requireNonNull(publisher, "publisher");
    if (!this.publisher.compareAndSet(null, publisher)) {
      throw new IllegalStateException("the endpoint publishes to a publisher already");
    }
  }

  /**
   * The failure a {@link MessagingEndpoint} future completes with, for a failure of the messaging
   * service:
   *
   * <ul>
   *   <li>{@link CompletionException} and {@link ExecutionException} wrappers are looked through;
   *   <li>a {@link NotLeaderException} becomes {@link MessagingException#wrongShard} with the
   *       shard, the node that leads it and the shard map version that says so;
   *   <li>any other {@link io.switchboard.runtime.messaging.MessagingException} becomes a {@link
   *       MessagingException} with the code {@link RejectionCodes#codeOf} its rejection, and its
   *       message;
   *   <li>a {@link MessagingException} stays as it is;
   *   <li>anything else is returned unchanged, wrapper included: the gateway answers it with
   *       INTERNAL.
   * </ul>
   */
  public static Throwable toProtocolFailure(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof NotLeaderException notLeader) {
      return MessagingException.wrongShard(WireFormat.redirect(notLeader.redirect()));
    }
    if (cause instanceof io.switchboard.runtime.messaging.MessagingException refused) {
      return new MessagingException(
          RejectionCodes.codeOf(refused.rejection()),
          Objects.requireNonNullElse(refused.getMessage(), refused.rejection().name()));
    }
    if (cause instanceof MessagingException) {
      return cause;
    }
    return failure;
  }

  @Override
  public CompletableFuture<Registered> register(Register request) {
    return Answers.of(
        () -> service.register(request.getDisplayName(), request.getDc()),
        registration ->
            Registered.newBuilder()
                .setUserId(registration.userId())
                .setToken(registration.token())
                .build());
  }

  /** Resolves the token and reads the mailbox pts after it, both on the read executor. */
  @Override
  public CompletableFuture<Authenticated> authenticate(Authenticate request) {
    return Answers.read(
        readExecutor,
        () -> {
          long userId = service.authenticate(request.getToken());
          return Authenticated.newBuilder()
              .setUserId(userId)
              .setPts(service.mailboxPts(userId))
              .build();
        });
  }

  @Override
  public CompletableFuture<MessageSent> sendMessage(long userId, SendMessage request) {
    return sends.send(userId, request);
  }

  @Override
  public CompletableFuture<GroupCreated> createGroup(long userId, CreateGroup request) {
    Set<Long> others = new LinkedHashSet<>(request.getMemberIdsList());
    others.remove(userId);
    return Answers.of(
        () -> service.createGroup(userId, request.getTitle(), others),
        groupId -> GroupCreated.newBuilder().setGroupId(groupId).build());
  }

  @Override
  public CompletableFuture<GroupMemberAdded> addGroupMember(long userId, AddGroupMember request) {
    return Answers.of(
        () -> service.addGroupMember(userId, request.getGroupId(), request.getUserId()),
        done -> GroupMemberAdded.getDefaultInstance());
  }

  @Override
  public CompletableFuture<GroupMemberRemoved> removeGroupMember(
      long userId, RemoveGroupMember request) {
    return Answers.of(
        () -> service.removeGroupMember(userId, request.getGroupId(), request.getUserId()),
        done -> GroupMemberRemoved.getDefaultInstance());
  }

  @Override
  public CompletableFuture<ChannelCreated> createChannel(long userId, CreateChannel request) {
    return Answers.of(
        () -> service.createChannel(userId, request.getTitle()),
        channelId -> ChannelCreated.newBuilder().setChannelId(channelId).build());
  }

  /**
   * Answers the channel's pts read just before the subscription is appended. The pts when the
   * subscription took effect is that or higher, never lower: posts in between are not pushed, and
   * the client finds them as a gap before its first push (docs/protocol.md, section 8), whereas a
   * pts read afterwards could be too high and make the client drop pushed posts as duplicates.
   */
  @Override
  public CompletableFuture<Subscribed> subscribe(long userId, Subscribe request) {
    long channelId = request.getChannelId();
    return Answers.of(
        () -> {
          int channelPts = service.channelPts(channelId);
          return service
              .subscribe(userId, channelId)
              .thenApply(done -> Subscribed.newBuilder().setChannelPts(channelPts).build());
        },
        subscribed -> subscribed);
  }

  @Override
  public CompletableFuture<Unsubscribed> unsubscribe(long userId, Unsubscribe request) {
    return Answers.of(
        () -> service.unsubscribe(userId, request.getChannelId()),
        done -> Unsubscribed.getDefaultInstance());
  }

  @Override
  public CompletableFuture<ChannelPostPublished> postToChannel(long userId, PostToChannel request) {
    return Answers.of(
        () ->
            service.post(userId, request.getChannelId(), request.getRandomId(), request.getText()),
        WireFormat::postPublished);
  }

  @Override
  public CompletableFuture<History> getHistory(long userId, GetHistory request) {
    return Answers.read(
        readExecutor,
        () ->
            WireFormat.history(
                service.history(
                    userId,
                    WireFormat.peer(request.getPeer()),
                    WireFormat.pts(request.getOffsetPts()),
                    request.getLimit())));
  }

  @Override
  public CompletableFuture<Difference> getDifference(long userId, GetDifference request) {
    return Answers.read(
        readExecutor,
        () ->
            WireFormat.difference(
                service.getDifference(
                    userId, WireFormat.pts(request.getPts()), request.getLimit())));
  }

  @Override
  public CompletableFuture<ChannelDifference> getChannelDifference(
      long userId, GetChannelDifference request) {
    return Answers.read(
        readExecutor,
        () ->
            WireFormat.channelDifference(
                service.getChannelDifference(
                    userId,
                    request.getChannelId(),
                    WireFormat.pts(request.getPts()),
                    request.getLimit())));
  }

  @Override
  public CompletableFuture<ChannelAdminAdded> addChannelAdmin(
      long userId, AddChannelAdmin request) {
    return Answers.of(
        () -> service.addChannelAdmin(userId, request.getChannelId(), request.getUserId()),
        done -> ChannelAdminAdded.getDefaultInstance());
  }

  @Override
  public CompletableFuture<ChannelAdminRemoved> removeChannelAdmin(
      long userId, RemoveChannelAdmin request) {
    return Answers.of(
        () -> service.removeChannelAdmin(userId, request.getChannelId(), request.getUserId()),
        done -> ChannelAdminRemoved.getDefaultInstance());
  }

  /**
   * The service's listener: publishes first, then tells waiting sends, so that a send answered
   * because its copy arrived has had that copy pushed already.
   */
  private void onUpdate(long userId, io.switchboard.runtime.messaging.Update update) {
    UpdatePublisher target = publisher.get();
    if (target != null) {
      try {
        target.publish(userId, WireFormat.update(update));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "publishing an update failed; push dropped", e);
      }
    }
    if (update instanceof MailboxMessage message) {
      copies.arrived(userId, message);
    }
  }
}
