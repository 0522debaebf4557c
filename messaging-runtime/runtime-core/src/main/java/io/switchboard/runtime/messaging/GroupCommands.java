package io.switchboard.runtime.messaging;

import io.switchboard.runtime.messaging.log.ChangeGroupMember;
import io.switchboard.runtime.messaging.log.CreateGroup;

/**
 * Apply-time rules of CREATE_GROUP, ADD_GROUP_MEMBER and REMOVE_GROUP_MEMBER. A group lives on its
 * creator's shard (its id is allocated there). Any member may add users; a member may remove
 * themselves, and the creator may remove anyone. Users on other shards are not checked here: a
 * delivery to a user who does not exist adds nothing.
 */
final class GroupCommands {

  private GroupCommands() {}

  /**
   * The creator must exist ({@code UNKNOWN_USER}); members on this shard must exist ({@code
   * UNKNOWN_PEER}); the creator plus the distinct members must fit ({@code GROUP_TOO_LARGE}).
   */
  static Outcome create(CommandContext context, CreateGroup command) {
    if (context.localUser(command.getCreatorId()) == null) {
      return CommandContext.rejected(
          Rejection.UNKNOWN_USER, "no user " + command.getCreatorId() + " on this shard");
    }
    for (long memberId : command.getMemberIdsList()) {
      if (memberId < 1 || (context.isLocal(memberId) && context.localUser(memberId) == null)) {
        return CommandContext.rejected(Rejection.UNKNOWN_PEER, "no user " + memberId);
      }
    }
    int size = Group.sizeOf(command.getCreatorId(), command.getMemberIdsList());
    if (size > context.limits().maxGroupMembers()) {
      return CommandContext.rejected(
          Rejection.GROUP_TOO_LARGE,
          size + " members exceed the limit of " + context.limits().maxGroupMembers());
    }
    long groupId = context.shard().allocateId();
    context
        .shard()
        .groups()
        .put(
            groupId,
            Group.create(
                groupId, command.getCreatorId(), command.getTitle(), command.getMemberIdsList()));
    return new Outcome.Created(groupId);
  }

  /**
   * The group must exist ({@code UNKNOWN_PEER}), the actor be a member ({@code NOT_A_MEMBER}), a
   * user on this shard exist ({@code UNKNOWN_PEER}), and the group have room ({@code
   * GROUP_TOO_LARGE}); adding a member again changes nothing.
   */
  static Outcome addMember(CommandContext context, ChangeGroupMember command) {
    Group group = context.shard().groups().get(command.getGroupId());
    Outcome refused = refuseActor(group, command);
    if (refused != null) {
      return refused;
    }
    long userId = command.getUserId();
    if (userId < 1 || (context.isLocal(userId) && context.localUser(userId) == null)) {
      return CommandContext.rejected(Rejection.UNKNOWN_PEER, "no user " + userId);
    }
    if (group.isMember(userId)) {
      return new Outcome.Done();
    }
    if (group.size() >= context.limits().maxGroupMembers()) {
      return CommandContext.rejected(
          Rejection.GROUP_TOO_LARGE, "group " + group.id() + " has no room for another member");
    }
    context.shard().groups().put(group.id(), group.withMember(userId));
    return new Outcome.Done();
  }

  /**
   * The group must exist ({@code UNKNOWN_PEER}) and the actor be a member ({@code NOT_A_MEMBER});
   * only the creator removes others ({@code NOT_ALLOWED}); removing a non-member changes nothing.
   */
  static Outcome removeMember(CommandContext context, ChangeGroupMember command) {
    Group group = context.shard().groups().get(command.getGroupId());
    Outcome refused = refuseActor(group, command);
    if (refused != null) {
      return refused;
    }
    long actorId = command.getActorId();
    if (actorId != command.getUserId() && actorId != group.creatorId()) {
      return CommandContext.rejected(
          Rejection.NOT_ALLOWED, "only the creator of group " + group.id() + " removes others");
    }
    context.shard().groups().put(group.id(), group.withoutMember(command.getUserId()));
    return new Outcome.Done();
  }

  private static Outcome refuseActor(Group group, ChangeGroupMember command) {
    if (group == null) {
      return CommandContext.rejected(Rejection.UNKNOWN_PEER, "no group " + command.getGroupId());
    }
    if (!group.isMember(command.getActorId())) {
      return CommandContext.rejected(
          Rejection.NOT_A_MEMBER, command.getActorId() + " is not a member of group " + group.id());
    }
    return null;
  }
}
