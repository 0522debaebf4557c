package io.switchboard.runtime.protocol;

import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.HomedIdAllocator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory messaging service behind the {@link MessagingEndpoint} seam, for tests of the
 * gateway and the client: users, mailboxes with dense pts, idempotent sends, groups and channels,
 * following the contracts the seam documents. One instance may serve several gateways (nodes): it
 * publishes every update through every publisher it was created with, as a service whose storage
 * outlives any one gateway.
 *
 * <p>Test controls: {@link #holdAnswers()} keeps answers back until released; {@link #failNextSend}
 * injects a failure after a send took effect; {@link #appendWithoutPush} stores a message whose
 * push is lost. Observations: {@link #sendRandomIds()}, {@link #differenceRequests()}, {@link
 * #mailbox}.
 *
 * <p>Thread-safe: every operation runs under the instance's lock and completes at once (unless
 * held), publishing while it holds the lock, so a user's pushes are published in pts order.
 */
public final class InMemoryMessaging implements MessagingEndpoint {

  /** What the next send does after it took effect. */
  public enum SendFault {
    /** Answers INTERNAL: the client cannot tell that the send happened. */
    INTERNAL_AFTER_APPLYING,
    /** Never answers, as if the gateway died before the answer went out. */
    NO_ANSWER_AFTER_APPLYING
  }

  private static final HomeDataCenters DATA_CENTRES = HomeDataCenters.defaults();
  private static final long FIRST_DATE = 1_735_689_600_000L;

  private final List<UpdatePublisher> publishers = new CopyOnWriteArrayList<>();
  private final Map<String, Long> registrationsPerDc = new HashMap<>();
  private final Map<Long, List<MailboxUpdate>> mailboxes = new HashMap<>();
  private final Map<String, Long> usersByToken = new HashMap<>();
  private final Map<Long, Group> groups = new HashMap<>();
  private final Map<Long, Channel> channels = new HashMap<>();
  private final Map<List<Long>, MessageSent> sends = new HashMap<>();
  private final Map<List<Long>, ChannelPostPublished> posts = new HashMap<>();
  private final List<Long> sendRandomIds = new ArrayList<>();
  private final List<GetDifference> differenceRequests = new ArrayList<>();
  private final Queue<SendFault> sendFaults = new ArrayDeque<>();
  private final List<Runnable> heldAnswers = new ArrayList<>();
  private boolean holdingAnswers;
  private long nextGroupId = 1;
  private long nextChannelId = 1;
  private long clock = FIRST_DATE;

  /** The factory a gateway creates its endpoint with: this instance, publishing through it too. */
  public Factory factory() {
    return publisher -> {
      publishers.add(publisher);
      return this;
    };
  }

  @Override
  public synchronized CompletableFuture<Registered> register(Register request) {
    long sequence = registrationsPerDc.merge(request.getDc(), 1L, Long::sum) - 1;
    long userId =
        new HomedIdAllocator(DATA_CENTRES.rangeOf(request.getDc()).orElseThrow()).idFor(sequence);
    String token = "token-" + userId;
    mailboxes.put(userId, new ArrayList<>());
    usersByToken.put(token, userId);
    return answer(Registered.newBuilder().setUserId(userId).setToken(token).build());
  }

  @Override
  public synchronized CompletableFuture<Authenticated> authenticate(Authenticate request) {
    Long userId = usersByToken.get(request.getToken());
    if (userId == null) {
      return refuse(ErrorCode.AUTH_INVALID, "unknown token");
    }
    return answer(
        Authenticated.newBuilder().setUserId(userId).setPts(mailboxes.get(userId).size()).build());
  }

  @Override
  public synchronized CompletableFuture<MessageSent> sendMessage(long userId, SendMessage request) {
    sendRandomIds.add(request.getRandomId());
    List<Long> key = List.of(userId, request.getRandomId());
    MessageSent sent = sends.get(key);
    if (sent == null) {
      Collection<Long> recipients;
      try {
        recipients = recipients(userId, request.getPeer());
      } catch (MessagingException refused) {
        return CompletableFuture.failedFuture(refused);
      }
      sent = deliver(userId, request.getPeer(), recipients, request.getText(), true);
      sends.put(key, sent);
    }
    SendFault fault = sendFaults.poll();
    if (fault == SendFault.INTERNAL_AFTER_APPLYING) {
      return refuse(ErrorCode.INTERNAL, "injected failure after the send took effect");
    }
    if (fault == SendFault.NO_ANSWER_AFTER_APPLYING) {
      return new CompletableFuture<>();
    }
    return answer(sent);
  }

  @Override
  public synchronized CompletableFuture<GroupCreated> createGroup(
      long userId, CreateGroup request) {
    Set<Long> members = new LinkedHashSet<>();
    members.add(userId);
    for (long memberId : request.getMemberIdsList()) {
      if (!mailboxes.containsKey(memberId)) {
        return refuse(ErrorCode.PEER_UNKNOWN, "no user " + memberId);
      }
      members.add(memberId);
    }
    long groupId = nextGroupId++;
    groups.put(groupId, new Group(userId, members));
    return answer(GroupCreated.newBuilder().setGroupId(groupId).build());
  }

  @Override
  public synchronized CompletableFuture<GroupMemberAdded> addGroupMember(
      long userId, AddGroupMember request) {
    Group group = groups.get(request.getGroupId());
    if (group == null || !mailboxes.containsKey(request.getUserId())) {
      return refuse(ErrorCode.PEER_UNKNOWN, "no such group or user");
    }
    if (!group.members.contains(userId)) {
      return refuse(ErrorCode.FORBIDDEN, "only members add members");
    }
    if (!group.members.contains(request.getUserId())) {
      if (group.members.size() >= RequestRules.MAX_GROUP_MEMBERS) {
        return refuse(ErrorCode.GROUP_TOO_LARGE, "the group is full");
      }
      group.members.add(request.getUserId());
    }
    return answer(GroupMemberAdded.getDefaultInstance());
  }

  @Override
  public synchronized CompletableFuture<GroupMemberRemoved> removeGroupMember(
      long userId, RemoveGroupMember request) {
    Group group = groups.get(request.getGroupId());
    if (group == null || !mailboxes.containsKey(request.getUserId())) {
      return refuse(ErrorCode.PEER_UNKNOWN, "no such group or user");
    }
    if (!group.members.contains(userId)
        || (request.getUserId() != userId && group.creator != userId)) {
      return refuse(ErrorCode.FORBIDDEN, "members remove themselves, the creator anyone");
    }
    group.members.remove(request.getUserId());
    return answer(GroupMemberRemoved.getDefaultInstance());
  }

  @Override
  public synchronized CompletableFuture<ChannelCreated> createChannel(
      long userId, CreateChannel request) {
    long channelId = nextChannelId++;
    Channel channel = new Channel(userId);
    channel.subscribers.add(userId);
    channels.put(channelId, channel);
    return answer(ChannelCreated.newBuilder().setChannelId(channelId).build());
  }

  @Override
  public synchronized CompletableFuture<Subscribed> subscribe(long userId, Subscribe request) {
    Channel channel = channels.get(request.getChannelId());
    if (channel == null) {
      return refuse(ErrorCode.PEER_UNKNOWN, "no channel " + request.getChannelId());
    }
    channel.subscribers.add(userId);
    return answer(Subscribed.newBuilder().setChannelPts(channel.posts.size()).build());
  }

  @Override
  public synchronized CompletableFuture<Unsubscribed> unsubscribe(
      long userId, Unsubscribe request) {
    Channel channel = channels.get(request.getChannelId());
    if (channel == null) {
      return refuse(ErrorCode.PEER_UNKNOWN, "no channel " + request.getChannelId());
    }
    channel.subscribers.remove(userId);
    return answer(Unsubscribed.getDefaultInstance());
  }

  @Override
  public synchronized CompletableFuture<ChannelPostPublished> postToChannel(
      long userId, PostToChannel request) {
    Channel channel = channels.get(request.getChannelId());
    if (channel == null) {
      return refuse(ErrorCode.PEER_UNKNOWN, "no channel " + request.getChannelId());
    }
    if (channel.owner != userId && !channel.admins.contains(userId)) {
      return refuse(ErrorCode.FORBIDDEN, "only the owner and admins post");
    }
    List<Long> key = List.of(userId, request.getRandomId());
    ChannelPostPublished published = posts.get(key);
    if (published == null) {
      ChannelPost post =
          ChannelPost.newBuilder()
              .setChannelId(request.getChannelId())
              .setPostId(channel.posts.size() + 1)
              .setChannelPts(channel.posts.size() + 1)
              .setAuthorUserId(userId)
              .setDate(tick())
              .setText(request.getText())
              .build();
      channel.posts.add(post);
      channel.subscribers.forEach(
          subscriber -> publish(subscriber, Update.newBuilder().setChannelPost(post).build()));
      published =
          ChannelPostPublished.newBuilder()
              .setPostId(post.getPostId())
              .setChannelPts(post.getChannelPts())
              .setDate(post.getDate())
              .build();
      posts.put(key, published);
    }
    return answer(published);
  }

  @Override
  public synchronized CompletableFuture<History> getHistory(long userId, GetHistory request) {
    try {
      recipients(userId, request.getPeer());
    } catch (MessagingException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    List<MailboxUpdate> mailbox = mailboxes.get(userId);
    long below = request.getOffsetPts() == 0 ? Long.MAX_VALUE : request.getOffsetPts();
    History.Builder history = History.newBuilder();
    for (int i = mailbox.size() - 1;
        i >= 0 && history.getMessagesCount() < request.getLimit();
        i--) {
      MailboxUpdate update = mailbox.get(i);
      if (update.getPts() < below
          && update.hasNewMessage()
          && update.getNewMessage().getPeer().equals(request.getPeer())) {
        history.addMessages(update.getNewMessage());
      }
    }
    return answer(history.build());
  }

  @Override
  public synchronized CompletableFuture<Difference> getDifference(
      long userId, GetDifference request) {
    differenceRequests.add(request);
    List<MailboxUpdate> mailbox = mailboxes.get(userId);
    int from = (int) Math.min(request.getPts(), mailbox.size());
    int to = (int) Math.min(mailbox.size(), from + (long) request.getLimit());
    return answer(
        Difference.newBuilder()
            .addAllUpdates(mailbox.subList(from, to))
            .setPts(mailbox.size())
            .build());
  }

  @Override
  public synchronized CompletableFuture<ChannelDifference> getChannelDifference(
      long userId, GetChannelDifference request) {
    Channel channel = channels.get(request.getChannelId());
    if (channel == null) {
      return refuse(ErrorCode.PEER_UNKNOWN, "no channel " + request.getChannelId());
    }
    if (!channel.reads(userId)) {
      return refuse(ErrorCode.FORBIDDEN, "only the owner, admins and subscribers read");
    }
    int from = (int) Math.min(request.getPts(), channel.posts.size());
    int to = (int) Math.min(channel.posts.size(), from + (long) request.getLimit());
    return answer(
        ChannelDifference.newBuilder()
            .addAllPosts(channel.posts.subList(from, to))
            .setChannelPts(channel.posts.size())
            .build());
  }

  @Override
  public synchronized CompletableFuture<ChannelAdminAdded> addChannelAdmin(
      long userId, AddChannelAdmin request) {
    Channel channel = channels.get(request.getChannelId());
    if (channel == null || !mailboxes.containsKey(request.getUserId())) {
      return refuse(ErrorCode.PEER_UNKNOWN, "no such channel or user");
    }
    if (channel.owner != userId) {
      return refuse(ErrorCode.FORBIDDEN, "only the owner appoints admins");
    }
    channel.admins.add(request.getUserId());
    return answer(ChannelAdminAdded.getDefaultInstance());
  }

  @Override
  public synchronized CompletableFuture<ChannelAdminRemoved> removeChannelAdmin(
      long userId, RemoveChannelAdmin request) {
    Channel channel = channels.get(request.getChannelId());
    if (channel == null || !mailboxes.containsKey(request.getUserId())) {
      return refuse(ErrorCode.PEER_UNKNOWN, "no such channel or user");
    }
    if (channel.owner != userId) {
      return refuse(ErrorCode.FORBIDDEN, "only the owner dismisses admins");
    }
    channel.admins.remove(request.getUserId());
    return answer(ChannelAdminRemoved.getDefaultInstance());
  }

  /** From now on, answers wait until {@link #releaseHeldAnswers}. */
  public synchronized void holdAnswers() {
    holdingAnswers = true;
  }

  /**
   * Completes the held answers, last held first if {@code newestFirst}, and answers at once again.
   */
  public void releaseHeldAnswers(boolean newestFirst) {
    List<Runnable> release;
    synchronized (this) {
      holdingAnswers = false;
      release = new ArrayList<>(heldAnswers);
      heldAnswers.clear();
    }
    if (newestFirst) {
      Collections.reverse(release);
    }
    release.forEach(Runnable::run);
  }

  /** The next send takes effect, then fails as {@code fault} says. */
  public synchronized void failNextSend(SendFault fault) {
    sendFaults.add(fault);
  }

  /**
   * Sends a private message from {@code fromUserId} to {@code toUserId} whose pushes are lost: the
   * users' clients see it only through GetDifference.
   *
   * @return the message's update in the recipient's mailbox
   */
  public synchronized MailboxUpdate appendWithoutPush(long fromUserId, long toUserId, String text) {
    Peer recipient = Peer.newBuilder().setUserId(toUserId).build();
    deliver(fromUserId, recipient, new LinkedHashSet<>(List.of(fromUserId, toUserId)), text, false);
    List<MailboxUpdate> mailbox = mailboxes.get(toUserId);
    return mailbox.get(mailbox.size() - 1);
  }

  /** The random_id of every SendMessage this service received, repeats included, in order. */
  public synchronized List<Long> sendRandomIds() {
    return List.copyOf(sendRandomIds);
  }

  /** Every GetDifference this service received, in order. */
  public synchronized List<GetDifference> differenceRequests() {
    return List.copyOf(differenceRequests);
  }

  /** The mailbox of a user, in pts order. */
  public synchronized List<MailboxUpdate> mailbox(long userId) {
    return List.copyOf(mailboxes.get(userId));
  }

  private Collection<Long> recipients(long userId, Peer peer) {
    if (peer.hasUserId()) {
      if (!mailboxes.containsKey(peer.getUserId())) {
        throw new MessagingException(ErrorCode.PEER_UNKNOWN, "no user " + peer.getUserId());
      }
      return new LinkedHashSet<>(List.of(userId, peer.getUserId()));
    }
    Group group = groups.get(peer.getGroupId());
    if (group == null) {
      throw new MessagingException(ErrorCode.PEER_UNKNOWN, "no group " + peer.getGroupId());
    }
    if (!group.members.contains(userId)) {
      throw new MessagingException(ErrorCode.FORBIDDEN, "not a member of the group");
    }
    return List.copyOf(group.members);
  }

  /**
   * Appends the message to every recipient's mailbox and, if {@code push}, publishes it. The
   * message id is the message's pts in the sender's mailbox, the same in every copy.
   */
  private MessageSent deliver(
      long senderId, Peer peer, Collection<Long> recipients, String text, boolean push) {
    long date = tick();
    long messageId = mailboxes.get(senderId).size() + 1;
    long senderPts = 0;
    for (long recipient : recipients) {
      Peer seenAs =
          peer.hasGroupId() || recipient == senderId
              ? peer
              : Peer.newBuilder().setUserId(senderId).build();
      MailboxUpdate update = append(recipient, newMessage(senderId, seenAs, text, date, messageId));
      if (recipient == senderId) {
        senderPts = update.getPts();
      }
      if (push) {
        publish(recipient, Update.newBuilder().setMailbox(update).build());
      }
    }
    return MessageSent.newBuilder().setMessageId(messageId).setPts(senderPts).setDate(date).build();
  }

  private static MailboxUpdate.Builder newMessage(
      long fromUserId, Peer peer, String text, long date, long messageId) {
    return MailboxUpdate.newBuilder()
        .setNewMessage(
            Message.newBuilder()
                .setMessageId(messageId)
                .setPeer(peer)
                .setFromUserId(fromUserId)
                .setDate(date)
                .setText(text));
  }

  private MailboxUpdate append(long userId, MailboxUpdate.Builder update) {
    List<MailboxUpdate> mailbox = mailboxes.get(userId);
    long pts = mailbox.size() + 1;
    update.setPts(pts);
    update.getNewMessageBuilder().setPts(pts);
    MailboxUpdate stored = update.build();
    mailbox.add(stored);
    return stored;
  }

  private void publish(long userId, Update update) {
    publishers.forEach(publisher -> publisher.publish(userId, update));
  }

  private long tick() {
    clock += 1_000;
    return clock;
  }

  private <T> CompletableFuture<T> answer(T value) {
    if (!holdingAnswers) {
      return CompletableFuture.completedFuture(value);
    }
    CompletableFuture<T> held = new CompletableFuture<>();
    heldAnswers.add(() -> held.complete(value));
    return held;
  }

  private static <T> CompletableFuture<T> refuse(ErrorCode code, String message) {
    return CompletableFuture.failedFuture(new MessagingException(code, message));
  }

  private static final class Group {
    final long creator;
    final Set<Long> members;

    Group(long creator, Set<Long> members) {
      this.creator = creator;
      this.members = members;
    }
  }

  private static final class Channel {
    final long owner;
    final Set<Long> admins = new LinkedHashSet<>();
    final Set<Long> subscribers = new LinkedHashSet<>();
    final List<ChannelPost> posts = new ArrayList<>();

    Channel(long owner) {
      this.owner = owner;
    }

    boolean reads(long userId) {
      return owner == userId || admins.contains(userId) || subscribers.contains(userId);
    }
  }
}
