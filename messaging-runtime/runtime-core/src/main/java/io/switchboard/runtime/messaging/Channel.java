package io.switchboard.runtime.messaging;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * A channel on its shard: owner, admins, subscribers, its post index and the idempotency windows of
 * its authors.
 *
 * <p>Rules: the owner and the admins post; the owner manages admins; the owner, the admins and the
 * subscribers read. The owner is subscribed when the channel is created and may unsubscribe (and
 * still post and read). Admins are kept only while they are not the owner.
 *
 * <p>Not thread-safe; {@link MessagingState} guards it.
 */
final class Channel {

  private final long id;
  private final String title;
  private final long ownerId;
  private final Set<Long> admins;
  private final Set<Long> subscribers;
  private final ChannelPosts posts;
  private final Map<Long, SendWindow> postWindows;

  private Channel(
      long id,
      String title,
      long ownerId,
      Set<Long> admins,
      Set<Long> subscribers,
      ChannelPosts posts,
      Map<Long, SendWindow> postWindows) {
    this.id = id;
    this.title = title;
    this.ownerId = ownerId;
    this.admins = admins;
    this.subscribers = subscribers;
    this.posts = posts;
    this.postWindows = postWindows;
  }

  /** A new channel with its owner subscribed and no posts. */
  static Channel create(long id, String title, long ownerId) {
    Set<Long> subscribers = new HashSet<>();
    subscribers.add(ownerId);
    return new Channel(
        id, title, ownerId, new HashSet<>(), subscribers, new ChannelPosts(), new HashMap<>());
  }

  long id() {
    return id;
  }

  long ownerId() {
    return ownerId;
  }

  boolean canPost(long userId) {
    return userId == ownerId || admins.contains(userId);
  }

  boolean canRead(long userId) {
    return canPost(userId) || subscribers.contains(userId);
  }

  void addAdmin(long userId) {
    if (userId != ownerId) {
      admins.add(userId);
    }
  }

  void removeAdmin(long userId) {
    admins.remove(userId);
  }

  void subscribe(long userId) {
    subscribers.add(userId);
  }

  void unsubscribe(long userId) {
    subscribers.remove(userId);
  }

  /** Hands every subscriber to {@code action}, in no particular order. */
  void forEachSubscriber(Consumer<Long> action) {
    subscribers.forEach(action);
  }

  ChannelPosts posts() {
    return posts;
  }

  /** The idempotency window of an author in this channel, created on first use. */
  SendWindow postWindow(long authorId, int capacity) {
    return postWindows.computeIfAbsent(authorId, author -> new SendWindow(capacity));
  }

  /** Bytes of the post index and the authors' windows; see {@link IndexFootprint}. */
  long indexBytes() {
    long bytes = posts.accountedBytes();
    for (SendWindow window : postWindows.values()) {
      bytes += window.accountedBytes();
    }
    return bytes;
  }

  /** An independent copy whose post index shares the arrays; see {@link ChannelPosts#copy()}. */
  Channel copy() {
    Map<Long, SendWindow> windows = new HashMap<>();
    postWindows.forEach((author, window) -> windows.put(author, window.copy()));
    return new Channel(
        id,
        title,
        ownerId,
        new HashSet<>(admins),
        new HashSet<>(subscribers),
        posts.copy(),
        windows);
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeLong(id);
    out.writeUTF(title);
    out.writeLong(ownerId);
    StateFormat.writeIds(out, admins);
    StateFormat.writeIds(out, subscribers);
    posts.writeTo(out);
    StateFormat.writeWindows(out, postWindows);
  }

  /** Hands every log position of the post index and the authors' windows to {@code action}. */
  void forEachPosition(LongConsumer action) {
    posts.forEachPosition(action);
    postWindows.values().forEach(window -> window.forEachPosition(action));
  }

  /** Reads what {@link #writeTo} wrote, positions replaced as {@code newPosition} says. */
  static Channel readFrom(DataInput in, int windowCapacity, LongUnaryOperator newPosition)
      throws IOException {
    long id = SnapshotChecks.id(in.readLong(), "channel");
    String title = in.readUTF();
    long ownerId = SnapshotChecks.id(in.readLong(), "channel owner");
    Set<Long> admins = StateFormat.readIds(in, "channel admin");
    Set<Long> subscribers = StateFormat.readIds(in, "channel subscriber");
    ChannelPosts posts = ChannelPosts.readFrom(in, newPosition);
    Map<Long, SendWindow> postWindows = StateFormat.readWindows(in, windowCapacity, newPosition);
    return new Channel(id, title, ownerId, admins, subscribers, posts, postWindows);
  }
}
