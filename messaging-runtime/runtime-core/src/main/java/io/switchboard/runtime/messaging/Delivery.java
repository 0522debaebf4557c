package io.switchboard.runtime.messaging;

import com.google.protobuf.Message;
import io.switchboard.runtime.messaging.log.DeliverMessage;
import io.switchboard.runtime.messaging.log.SendGroupMessage;
import io.switchboard.runtime.messaging.log.SendMessage;
import io.switchboard.runtime.sharding.Shards;
import java.util.Objects;

/**
 * An outbox entry on its way: the self-contained {@link DeliverMessage} (also the wire body for a
 * remote shard) and the shard it must be applied on.
 *
 * @param destinationShard the shard of every recipient
 * @param message what the destination appends as a DELIVER_MESSAGE command
 */
public record Delivery(int destinationShard, DeliverMessage message) {

  public Delivery {
    Shards.requireValid(destinationShard);
    Objects.requireNonNull(message, "message");
  }

  /**
   * The delivery of {@code entry}, whose accepted command {@code source} was read from the log. The
   * text is copied as the UTF-8 bytes it was read as (checked when the send was accepted), not
   * decoded and encoded again.
   */
  static Delivery of(OutboxEntry entry, Message source) {
    DeliverMessage.Builder message =
        DeliverMessage.newBuilder()
            .setOriginShard(entry.originShard())
            .setOutboxSequence(entry.sequence())
            .addAllRecipientIds(entry.recipients());
    if (source instanceof SendMessage send) {
      message
          .setSenderId(send.getSenderId())
          .setRandomId(send.getRandomId())
          .setTextBytes(send.getTextBytes())
          .setDateMillis(send.getDateMillis());
    } else if (source instanceof SendGroupMessage send) {
      message
          .setSenderId(send.getSenderId())
          .setGroupId(send.getGroupId())
          .setRandomId(send.getRandomId())
          .setTextBytes(send.getTextBytes())
          .setDateMillis(send.getDateMillis());
    } else {
      throw new IllegalStateException("outbox entry " + entry + " points at " + source.getClass());
    }
    return new Delivery(entry.destinationShard(), message.build());
  }
}
