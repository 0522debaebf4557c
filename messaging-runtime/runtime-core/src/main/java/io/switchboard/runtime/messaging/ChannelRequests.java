package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.CommandPipeline.attempt;
import static io.switchboard.runtime.messaging.CommandPipeline.expect;
import static io.switchboard.runtime.messaging.CommandPipeline.shardOfActor;
import static io.switchboard.runtime.messaging.CommandPipeline.shardOfPeer;

import io.switchboard.runtime.messaging.log.ChangeChannelAdmin;
import io.switchboard.runtime.messaging.log.ChangeSubscription;
import io.switchboard.runtime.messaging.log.CreateChannel;
import io.switchboard.runtime.messaging.log.PostToChannel;
import java.util.concurrent.CompletableFuture;

/** Creating channels, their admins and subscribers, and posting; see {@link MessagingService}. */
final class ChannelRequests {

  private final CommandPipeline pipeline;
  private final UpdateReads reads;

  ChannelRequests(CommandPipeline pipeline, UpdateReads reads) {
    this.pipeline = pipeline;
    this.reads = reads;
  }

  CompletableFuture<Long> create(long ownerId, String title) {
    return attempt(
        () -> {
          RequestChecks.name(title, pipeline.limits());
          CreateChannel command =
              CreateChannel.newBuilder().setOwnerId(ownerId).setTitle(title).build();
          return pipeline
              .propose(shardOfActor(ownerId), CommandKind.CREATE_CHANNEL, command)
              .thenApply(applied -> expect(applied, Outcome.Created.class).id());
        });
  }

  CompletableFuture<Void> addAdmin(long ownerId, long channelId, long userId) {
    return attempt(
        () -> {
          pipeline.requireKnownIfLedHere(RequestChecks.peer(userId));
          return changeAdmin(CommandKind.ADD_CHANNEL_ADMIN, ownerId, channelId, userId);
        });
  }

  CompletableFuture<Void> removeAdmin(long ownerId, long channelId, long userId) {
    return attempt(() -> changeAdmin(CommandKind.REMOVE_CHANNEL_ADMIN, ownerId, channelId, userId));
  }

  CompletableFuture<Void> subscribe(long userId, long channelId) {
    return attempt(() -> changeSubscription(CommandKind.SUBSCRIBE, userId, channelId));
  }

  CompletableFuture<Void> unsubscribe(long userId, long channelId) {
    return attempt(() -> changeSubscription(CommandKind.UNSUBSCRIBE, userId, channelId));
  }

  CompletableFuture<PostReceipt> post(long authorId, long channelId, long randomId, String text) {
    return attempt(
        () -> {
          RequestChecks.text(text, pipeline.limits());
          RequestChecks.actor(authorId);
          long date = pipeline.context().clock().millis();
          PostToChannel command =
              PostToChannel.newBuilder()
                  .setAuthorId(authorId)
                  .setChannelId(channelId)
                  .setRandomId(randomId)
                  .setText(text)
                  .setDateMillis(date)
                  .build();
          return pipeline
              .propose(shardOfPeer(channelId), CommandKind.POST_TO_CHANNEL, command)
              .thenApply(
                  applied -> {
                    Outcome.PostAccepted accepted = expect(applied, Outcome.PostAccepted.class);
                    return new PostReceipt(
                        channelId, accepted.pts(), reads.dateOf(accepted.duplicateOf(), date));
                  });
        });
  }

  private CompletableFuture<Void> changeAdmin(
      CommandKind kind, long ownerId, long channelId, long userId) {
    RequestChecks.actor(ownerId);
    ChangeChannelAdmin command =
        ChangeChannelAdmin.newBuilder()
            .setOwnerId(ownerId)
            .setChannelId(channelId)
            .setUserId(userId)
            .build();
    return pipeline.propose(shardOfPeer(channelId), kind, command).thenApply(CommandPipeline::done);
  }

  private CompletableFuture<Void> changeSubscription(
      CommandKind kind, long userId, long channelId) {
    RequestChecks.actor(userId);
    ChangeSubscription command =
        ChangeSubscription.newBuilder().setUserId(userId).setChannelId(channelId).build();
    return pipeline.propose(shardOfPeer(channelId), kind, command).thenApply(CommandPipeline::done);
  }
}
