package io.switchboard.runtime.messaging;

import io.switchboard.runtime.sharding.HomedIdAllocator;
import io.switchboard.runtime.sharding.ShardRange;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * Everything a node derives for one shard from the shard's commands: users with their mailboxes,
 * the senders' idempotency windows, groups, channels, the outbox and the delivery ledger, plus the
 * highest leadership epoch applied and the id sequence.
 *
 * <p>Ids: users, groups and channels created on a shard share one sequence, so an id names one
 * entity. The n-th (from 0) gets {@code (n + 1) * 1024 + shard} ({@link HomedIdAllocator} over the
 * one-shard range): its shard is the one it was created on, which is homed in the creator's data
 * centre, and replaying the log allocates the same ids.
 *
 * <p>Not thread-safe; {@link MessagingState} guards it.
 */
final class ShardState {

  private final int shard;
  private final HomedIdAllocator ids;
  private final Map<Long, User> users;
  private final Map<Long, SendWindow> sendWindows;
  private final Map<Long, Group> groups;
  private final Map<Long, Channel> channels;
  private final Outbox outbox;
  private final DeliveryLedger ledger;
  private int epoch;
  private long allocatedIds;

  ShardState(int shard) {
    this(
        shard,
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>(),
        new Outbox(shard),
        new DeliveryLedger(),
        0,
        0);
  }

  private ShardState(
      int shard,
      Map<Long, User> users,
      Map<Long, SendWindow> sendWindows,
      Map<Long, Group> groups,
      Map<Long, Channel> channels,
      Outbox outbox,
      DeliveryLedger ledger,
      int epoch,
      long allocatedIds) {
    this.shard = shard;
    this.ids = new HomedIdAllocator(new ShardRange(shard, shard));
    this.users = users;
    this.sendWindows = sendWindows;
    this.groups = groups;
    this.channels = channels;
    this.outbox = outbox;
    this.ledger = ledger;
    this.epoch = epoch;
    this.allocatedIds = allocatedIds;
  }

  int shard() {
    return shard;
  }

  /**
   * Fences stale leaders: accepts {@code commandEpoch} when it is at least the highest epoch
   * applied so far (raising it), refuses it otherwise.
   */
  boolean admitEpoch(int commandEpoch) {
    if (commandEpoch < epoch) {
      return false;
    }
    epoch = commandEpoch;
    return true;
  }

  /** Allocates the next user, group or channel id of this shard. */
  long allocateId() {
    return ids.idFor(allocatedIds++);
  }

  Map<Long, User> users() {
    return users;
  }

  Map<Long, Group> groups() {
    return groups;
  }

  Map<Long, Channel> channels() {
    return channels;
  }

  Outbox outbox() {
    return outbox;
  }

  DeliveryLedger ledger() {
    return ledger;
  }

  /** The idempotency window of a sender's messages on this shard, created on first use. */
  SendWindow sendWindow(long senderId, int capacity) {
    return sendWindows.computeIfAbsent(senderId, sender -> new SendWindow(capacity));
  }

  /** Messages in the mailboxes and posts in the channels of this shard. */
  long storedMessages() {
    long stored = 0;
    for (User user : users.values()) {
      stored += user.mailbox().lastPts();
    }
    for (Channel channel : channels.values()) {
      stored += channel.posts().lastPts();
    }
    return stored;
  }

  /** Index bytes of this shard; see {@link IndexFootprint} for what counts. */
  long indexBytes() {
    long bytes = 0;
    for (User user : users.values()) {
      bytes += user.mailbox().accountedBytes();
    }
    for (SendWindow window : sendWindows.values()) {
      bytes += window.accountedBytes();
    }
    for (Channel channel : channels.values()) {
      bytes += channel.indexBytes();
    }
    return bytes;
  }

  /**
   * An independent copy for a checkpoint, in time proportional to the number of users, groups,
   * channels (with their subscribers) and pending entries, not of messages: mailboxes and post
   * indexes share their append-only arrays.
   */
  ShardState copy() {
    Map<Long, User> userCopies = new HashMap<>();
    users.forEach((id, user) -> userCopies.put(id, user.copy()));
    Map<Long, SendWindow> windowCopies = new HashMap<>();
    sendWindows.forEach((id, window) -> windowCopies.put(id, window.copy()));
    Map<Long, Channel> channelCopies = new HashMap<>();
    channels.forEach((id, channel) -> channelCopies.put(id, channel.copy()));
    return new ShardState(
        shard,
        userCopies,
        windowCopies,
        new HashMap<>(groups),
        channelCopies,
        outbox.copy(),
        ledger.copy(),
        epoch,
        allocatedIds);
  }

  /** Writes the shard; maps in ascending key order, so equal states write equal bytes. */
  void writeTo(DataOutput out) throws IOException {
    out.writeShort(shard);
    out.writeInt(epoch);
    out.writeLong(allocatedIds);
    out.writeInt(users.size());
    for (User user : new TreeMap<>(users).values()) {
      user.writeTo(out);
    }
    StateFormat.writeWindows(out, sendWindows);
    out.writeInt(groups.size());
    for (Group group : new TreeMap<>(groups).values()) {
      group.writeTo(out);
    }
    out.writeInt(channels.size());
    for (Channel channel : new TreeMap<>(channels).values()) {
      channel.writeTo(out);
    }
    outbox.writeTo(out);
    ledger.writeTo(out);
  }

  /**
   * Hands {@code action} every log position the state names: mailbox messages, channel posts, the
   * senders' and authors' idempotency windows and the pending outbox entries' sources. In no
   * particular order, possibly more than once (a send is in a window and in mailboxes).
   */
  void forEachPosition(LongConsumer action) {
    users.values().forEach(user -> user.mailbox().forEachPosition(action));
    sendWindows.values().forEach(window -> window.forEachPosition(action));
    channels.values().forEach(channel -> channel.forEachPosition(action));
    outbox.forEachPosition(action);
  }

  /** Reads what {@link #writeTo} wrote. */
  static ShardState readFrom(DataInput in, int windowCapacity) throws IOException {
    return readFrom(in, windowCapacity, LongUnaryOperator.identity());
  }

  /**
   * Reads what {@link #writeTo} wrote with every log position {@code p} replaced by {@code
   * newPosition.applyAsLong(p)}, which must be strictly increasing over the state's positions (the
   * indexes' order is kept); whatever it throws propagates.
   */
  static ShardState readFrom(DataInput in, int windowCapacity, LongUnaryOperator newPosition)
      throws IOException {
    int shard = in.readUnsignedShort();
    int epoch = in.readInt();
    long allocatedIds = in.readLong();
    Map<Long, User> users = new HashMap<>();
    int userCount = SnapshotChecks.count(in.readInt(), "users");
    for (int i = 0; i < userCount; i++) {
      User user = User.readFrom(in, newPosition);
      users.put(user.id(), user);
    }
    Map<Long, SendWindow> windows = StateFormat.readWindows(in, windowCapacity, newPosition);
    Map<Long, Group> groups = new HashMap<>();
    int groupCount = SnapshotChecks.count(in.readInt(), "groups");
    for (int i = 0; i < groupCount; i++) {
      Group group = Group.readFrom(in);
      groups.put(group.id(), group);
    }
    Map<Long, Channel> channels = new HashMap<>();
    int channelCount = SnapshotChecks.count(in.readInt(), "channels");
    for (int i = 0; i < channelCount; i++) {
      Channel channel = Channel.readFrom(in, windowCapacity, newPosition);
      channels.put(channel.id(), channel);
    }
    Outbox outbox = Outbox.readFrom(in, shard, newPosition);
    DeliveryLedger ledger = DeliveryLedger.readFrom(in);
    if (epoch < 0 || allocatedIds < 0) {
      throw new IOException("invalid epoch or id sequence for shard " + shard);
    }
    return new ShardState(
        shard, users, windows, groups, channels, outbox, ledger, epoch, allocatedIds);
  }
}
