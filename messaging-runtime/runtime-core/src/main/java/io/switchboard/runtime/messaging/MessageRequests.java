package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.CommandPipeline.attempt;
import static io.switchboard.runtime.messaging.CommandPipeline.expect;
import static io.switchboard.runtime.messaging.CommandPipeline.shardOfActor;
import static io.switchboard.runtime.messaging.CommandPipeline.shardOfPeer;

import io.switchboard.runtime.messaging.log.DeliverMessage;
import io.switchboard.runtime.messaging.log.OutboxDelivered;
import io.switchboard.runtime.messaging.log.SendGroupMessage;
import io.switchboard.runtime.messaging.log.SendMessage;
import io.switchboard.runtime.sharding.Shards;
import java.util.concurrent.CompletableFuture;

/**
 * Private and group messages, and the deliveries that carry them between shards; see {@link
 * MessagingService}.
 */
final class MessageRequests {

  private final CommandPipeline pipeline;
  private final UpdateReads reads;

  MessageRequests(CommandPipeline pipeline, UpdateReads reads) {
    this.pipeline = pipeline;
    this.reads = reads;
  }

  CompletableFuture<SendReceipt> sendToUser(
      long senderId, long recipientId, long randomId, String text) {
    return attempt(
        () -> {
          RequestChecks.text(text, pipeline.limits());
          pipeline.requireKnownIfLedHere(RequestChecks.peer(recipientId));
          long date = pipeline.context().clock().millis();
          SendMessage command =
              SendMessage.newBuilder()
                  .setSenderId(senderId)
                  .setRecipientId(recipientId)
                  .setRandomId(randomId)
                  .setText(text)
                  .setDateMillis(date)
                  .build();
          return pipeline
              .propose(shardOfActor(senderId), CommandKind.SEND_MESSAGE, command)
              .thenApply(applied -> receipt(applied, date));
        });
  }

  CompletableFuture<SendReceipt> sendToGroup(
      long senderId, long groupId, long randomId, String text) {
    return attempt(
        () -> {
          RequestChecks.text(text, pipeline.limits());
          RequestChecks.actor(senderId);
          long date = pipeline.context().clock().millis();
          SendGroupMessage command =
              SendGroupMessage.newBuilder()
                  .setSenderId(senderId)
                  .setGroupId(groupId)
                  .setRandomId(randomId)
                  .setText(text)
                  .setDateMillis(date)
                  .build();
          return pipeline
              .propose(shardOfPeer(groupId), CommandKind.SEND_GROUP_MESSAGE, command)
              .thenApply(applied -> receipt(applied, date));
        });
  }

  CompletableFuture<Void> acceptDelivery(Delivery delivery) {
    return attempt(
        () -> {
          DeliverMessage message = delivery.message();
          for (long recipientId : message.getRecipientIdsList()) {
            if (recipientId < 1 || Shards.shardOf(recipientId) != delivery.destinationShard()) {
              throw new MessagingException(
                  Rejection.MALFORMED_COMMAND,
                  "recipient " + recipientId + " is not on shard " + delivery.destinationShard());
            }
          }
          return pipeline
              .propose(delivery.destinationShard(), CommandKind.DELIVER_MESSAGE, message)
              .thenApply(CommandPipeline::done);
        });
  }

  /** The delivery of an outbox entry, built from its accepted command in the log. */
  Delivery deliveryOf(OutboxEntry entry) {
    return Delivery.of(entry, reads.commandAt(entry.source()));
  }

  /** Records durably, on the entry's origin shard, that the entry was delivered. */
  CompletableFuture<Void> markDelivered(OutboxEntry entry) {
    return attempt(
        () ->
            pipeline
                .propose(
                    entry.originShard(),
                    CommandKind.OUTBOX_DELIVERED,
                    OutboxDelivered.newBuilder()
                        .setDestinationShard(entry.destinationShard())
                        .setOutboxSequence(entry.sequence())
                        .build())
                .thenApply(CommandPipeline::done));
  }

  private SendReceipt receipt(Applied applied, long proposedDate) {
    Outcome.MessageAccepted accepted = expect(applied, Outcome.MessageAccepted.class);
    return new SendReceipt(
        accepted.senderPts(),
        reads.dateOf(accepted.duplicateOf(), proposedDate),
        accepted.duplicateOf().isPresent());
  }
}
