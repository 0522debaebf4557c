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
import java.util.ArrayList;
import java.util.List;
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

  CompletableFuture<Void> acceptDeliveries(List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      throw new IllegalArgumentException("no deliveries");
    }
    int destination = deliveries.get(0).destinationShard();
    long epoch;
    try {
      epoch = pipeline.router().requireLocal(destination).epoch();
    } catch (MessagingException notLeader) {
      return CompletableFuture.failedFuture(notLeader);
    }
    List<CompletableFuture<Void>> proposed = new ArrayList<>(deliveries.size());
    for (Delivery delivery : deliveries) {
      CompletableFuture<Void> accepted =
          delivery.destinationShard() != destination
              ? CompletableFuture.failedFuture(
                  new MessagingException(
                      Rejection.MALFORMED_COMMAND,
                      "deliveries for shards "
                          + destination
                          + " and "
                          + delivery.destinationShard()
                          + " in one batch"))
              : sameEpoch(destination, epoch)
                  ? acceptDelivery(delivery)
                  : CompletableFuture.failedFuture(
                      new MessagingException(
                          Rejection.NOT_LEADER,
                          "shard " + destination + " changed its primary during a delivery batch"));
      proposed.add(accepted);
      if (accepted.isCompletedExceptionally()) {
        // Refused before it reached the log: proposing the next ones could apply them without
        // this one, which the destination's ledger would then take for a redelivery. For the
        // same reason a batch never spans two epochs: a new primary may have dropped the entries
        // proposed so far while keeping the ones that would follow.
        break;
      }
    }
    return CompletableFuture.allOf(proposed.toArray(CompletableFuture[]::new));
  }

  private boolean sameEpoch(int shard, long epoch) {
    try {
      return pipeline.router().requireLocal(shard).epoch() == epoch;
    } catch (MessagingException notLeader) {
      return false;
    }
  }

  private CompletableFuture<Void> acceptDelivery(Delivery delivery) {
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
    return Delivery.of(
        entry,
        pipeline
            .state()
            .recentRelaySource(entry.source())
            .orElseGet(() -> reads.commandAt(entry.source())));
  }

  /**
   * Records durably, on their origin shard, that the entries of one relay batch were delivered: one
   * OUTBOX_DELIVERED for the whole batch.
   *
   * @param batch entries of one lane (one origin, one destination shard), in increasing order
   */
  CompletableFuture<Void> markDelivered(List<OutboxEntry> batch) {
    OutboxEntry first = batch.get(0);
    OutboxDelivered.Builder mark =
        OutboxDelivered.newBuilder().setDestinationShard(first.destinationShard());
    for (OutboxEntry entry : batch) {
      if (entry.originShard() != first.originShard()
          || entry.destinationShard() != first.destinationShard()) {
        throw new IllegalArgumentException("a batch of more than one lane: " + batch);
      }
      mark.addOutboxSequences(entry.sequence());
    }
    return attempt(
        () ->
            pipeline
                .propose(first.originShard(), CommandKind.OUTBOX_DELIVERED, mark.build())
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
