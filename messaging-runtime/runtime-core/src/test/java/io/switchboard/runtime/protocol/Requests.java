package io.switchboard.runtime.protocol;

import java.util.List;

/** One well-formed request frame of every operation kind, for tests that go through them all. */
final class Requests {

  private Requests() {}

  static ClientFrame register(long requestId, String displayName, String dc) {
    return frame(requestId)
        .setRegister(Register.newBuilder().setDisplayName(displayName).setDc(dc))
        .build();
  }

  static ClientFrame authenticate(long requestId, String token) {
    return frame(requestId).setAuthenticate(Authenticate.newBuilder().setToken(token)).build();
  }

  static ClientFrame sendTo(long requestId, Peer peer, long randomId, String text) {
    return frame(requestId)
        .setSendMessage(SendMessage.newBuilder().setPeer(peer).setRandomId(randomId).setText(text))
        .build();
  }

  /**
   * One request of every user operation (everything but Register and Authenticate), naming {@code
   * user}, {@code group} and {@code channel}; request ids count from {@code firstRequestId}.
   */
  static List<ClientFrame> userOperations(
      long firstRequestId, long user, long group, long channel) {
    Peer peer = Peer.newBuilder().setUserId(user).build();
    long id = firstRequestId;
    return List.of(
        sendTo(id++, peer, 99, "hello"),
        frame(id++)
            .setCreateGroup(CreateGroup.newBuilder().setTitle("g").addMemberIds(user))
            .build(),
        frame(id++)
            .setAddGroupMember(AddGroupMember.newBuilder().setGroupId(group).setUserId(user))
            .build(),
        frame(id++)
            .setRemoveGroupMember(RemoveGroupMember.newBuilder().setGroupId(group).setUserId(user))
            .build(),
        frame(id++).setCreateChannel(CreateChannel.newBuilder().setTitle("news")).build(),
        frame(id++).setSubscribe(Subscribe.newBuilder().setChannelId(channel)).build(),
        frame(id++).setUnsubscribe(Unsubscribe.newBuilder().setChannelId(channel)).build(),
        frame(id++)
            .setPostToChannel(
                PostToChannel.newBuilder().setChannelId(channel).setRandomId(5).setText("post"))
            .build(),
        frame(id++).setGetHistory(GetHistory.newBuilder().setPeer(peer).setLimit(10)).build(),
        frame(id++).setGetDifference(GetDifference.newBuilder().setLimit(10)).build(),
        frame(id++)
            .setGetChannelDifference(
                GetChannelDifference.newBuilder().setChannelId(channel).setLimit(10))
            .build(),
        frame(id++)
            .setAddChannelAdmin(AddChannelAdmin.newBuilder().setChannelId(channel).setUserId(user))
            .build(),
        frame(id)
            .setRemoveChannelAdmin(
                RemoveChannelAdmin.newBuilder().setChannelId(channel).setUserId(user))
            .build());
  }

  private static ClientFrame.Builder frame(long requestId) {
    return ClientFrame.newBuilder().setRequestId(requestId);
  }
}
