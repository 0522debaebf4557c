package io.switchboard.runtime.messaging;

import com.google.protobuf.Message;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One command being applied: the shard it acts on, its log position, the limits, and the effects
 * collected for the service (pushes, new outbox entries). Used on the log's writer thread only.
 */
final class CommandContext {

  private final ShardState shard;
  private final LogPosition position;
  private final MessagingLimits limits;
  private final List<Applied.Push> pushes = new ArrayList<>();
  private final List<OutboxLane> lanesWithNewEntries = new ArrayList<>();

  CommandContext(ShardState shard, LogPosition position, MessagingLimits limits) {
    this.shard = shard;
    this.position = position;
    this.limits = limits;
  }

  ShardState shard() {
    return shard;
  }

  LogPosition position() {
    return position;
  }

  MessagingLimits limits() {
    return limits;
  }

  /** Whether {@code id} (of a user, group or channel) is valid and lives on this shard. */
  boolean isLocal(long id) {
    return id >= 1 && Shards.shardOf(id) == shard.shard();
  }

  /**
   * The user {@code id} when it lives on this shard; null when it does not exist here or lives
   * elsewhere (check {@link #isLocal} to tell which).
   */
  User localUser(long id) {
    return isLocal(id) ? shard.users().get(id) : null;
  }

  void push(long userId, Update update) {
    pushes.add(new Applied.Push(userId, update));
  }

  /** Adds an outbox entry for a delivery of this command to {@code recipients}. */
  void queueDelivery(int destinationShard, List<Long> recipients) {
    shard.outbox().add(destinationShard, position, recipients);
    lanesWithNewEntries.add(new OutboxLane(shard.shard(), destinationShard));
  }

  /** What applying {@code command} decided and caused. */
  Applied applied(Outcome outcome, Message command) {
    return new Applied(
        outcome,
        pushes,
        lanesWithNewEntries,
        lanesWithNewEntries.isEmpty() ? Optional.empty() : Optional.of(command));
  }

  static Outcome rejected(Rejection rejection, String detail) {
    return new Outcome.Rejected(rejection, detail);
  }
}
