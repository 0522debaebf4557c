package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.CommandPipeline.attempt;
import static io.switchboard.runtime.messaging.CommandPipeline.expect;
import static io.switchboard.runtime.messaging.CommandPipeline.shardOfActor;
import static io.switchboard.runtime.messaging.CommandPipeline.shardOfPeer;

import io.switchboard.runtime.messaging.log.ChangeGroupMember;
import io.switchboard.runtime.messaging.log.CreateGroup;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/** Creating groups and changing their members; see {@link MessagingService}. */
final class GroupRequests {

  private final CommandPipeline pipeline;

  GroupRequests(CommandPipeline pipeline) {
    this.pipeline = pipeline;
  }

  CompletableFuture<Long> create(long creatorId, String title, Collection<Long> memberIds) {
    return attempt(
        () -> {
          MessagingLimits limits = pipeline.limits();
          RequestChecks.name(title, limits);
          RequestChecks.actor(creatorId);
          memberIds.forEach(
              memberId -> pipeline.requireKnownIfLedHere(RequestChecks.peer(memberId)));
          int size = Group.sizeOf(creatorId, memberIds);
          if (size > limits.maxGroupMembers()) {
            throw new MessagingException(
                Rejection.GROUP_TOO_LARGE,
                size + " members exceed the limit of " + limits.maxGroupMembers());
          }
          CreateGroup command =
              CreateGroup.newBuilder()
                  .setCreatorId(creatorId)
                  .setTitle(title)
                  .addAllMemberIds(memberIds)
                  .build();
          return pipeline
              .propose(shardOfActor(creatorId), CommandKind.CREATE_GROUP, command)
              .thenApply(applied -> expect(applied, Outcome.Created.class).id());
        });
  }

  CompletableFuture<Void> addMember(long actorId, long groupId, long userId) {
    return attempt(
        () -> {
          pipeline.requireKnownIfLedHere(RequestChecks.peer(userId));
          return change(CommandKind.ADD_GROUP_MEMBER, actorId, groupId, userId);
        });
  }

  CompletableFuture<Void> removeMember(long actorId, long groupId, long userId) {
    return attempt(() -> change(CommandKind.REMOVE_GROUP_MEMBER, actorId, groupId, userId));
  }

  private CompletableFuture<Void> change(
      CommandKind kind, long actorId, long groupId, long userId) {
    RequestChecks.actor(actorId);
    ChangeGroupMember command =
        ChangeGroupMember.newBuilder()
            .setActorId(actorId)
            .setGroupId(groupId)
            .setUserId(userId)
            .build();
    return pipeline.propose(shardOfPeer(groupId), kind, command).thenApply(CommandPipeline::done);
  }
}
