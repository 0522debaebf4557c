package io.switchboard.runtime.messaging;

import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogPosition;
import java.util.List;

/**
 * A message waiting to be delivered from its origin shard to the mailboxes of one destination
 * shard. It holds no text: the relay reads the accepted command at {@code source} when it builds
 * the delivery.
 *
 * @param originShard the shard whose outbox holds the entry (where the send was accepted)
 * @param sequence the entry's number in the origin shard's outbox: unique and increasing
 * @param destinationShard the shard of every recipient
 * @param source the log position of the accepted send command
 * @param recipients the users of the destination shard whose mailboxes get the message
 */
public record OutboxEntry(
    int originShard,
    long sequence,
    int destinationShard,
    LogPosition source,
    List<Long> recipients) {

  public OutboxEntry {
    Shards.requireValid(originShard);
    Shards.requireValid(destinationShard);
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("an outbox entry has at least one recipient");
    }
  }
}
