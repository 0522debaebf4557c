package io.switchboard.runtime.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * The endpoint of a gateway that does not serve messaging: every operation fails at once with
 * {@link ErrorCode#UNAVAILABLE}, so that clients get a defined answer instead of waiting. Since
 * registration and authentication fail, the other operations of its connections are answered with
 * {@link ErrorCode#AUTH_REQUIRED} by the gateway before they get here. Stateless.
 */
public final class UnavailableMessagingEndpoint implements MessagingEndpoint {

  /** Creates this endpoint for any gateway. */
  public static final Factory FACTORY = publisher -> new UnavailableMessagingEndpoint();

  @Override
  public CompletableFuture<Registered> register(Register request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<Authenticated> authenticate(Authenticate request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<MessageSent> sendMessage(long userId, SendMessage request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<GroupCreated> createGroup(long userId, CreateGroup request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<GroupMemberAdded> addGroupMember(long userId, AddGroupMember request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<GroupMemberRemoved> removeGroupMember(
      long userId, RemoveGroupMember request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<ChannelCreated> createChannel(long userId, CreateChannel request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<Subscribed> subscribe(long userId, Subscribe request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<Unsubscribed> unsubscribe(long userId, Unsubscribe request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<ChannelPostPublished> postToChannel(long userId, PostToChannel request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<History> getHistory(long userId, GetHistory request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<Difference> getDifference(long userId, GetDifference request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<ChannelDifference> getChannelDifference(
      long userId, GetChannelDifference request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<ChannelAdminAdded> addChannelAdmin(
      long userId, AddChannelAdmin request) {
    return unavailable();
  }

  @Override
  public CompletableFuture<ChannelAdminRemoved> removeChannelAdmin(
      long userId, RemoveChannelAdmin request) {
    return unavailable();
  }

  private static <T> CompletableFuture<T> unavailable() {
    return CompletableFuture.failedFuture(
        new MessagingException(
            ErrorCode.UNAVAILABLE, "this node does not serve messaging yet; try another gateway"));
  }
}
