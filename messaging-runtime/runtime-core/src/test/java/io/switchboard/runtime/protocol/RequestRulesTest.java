package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RequestRulesTest {

  private static final long CALLER = 1_500;
  private static final Peer BOB = Peer.newBuilder().setUserId(1_501).build();

  @Test
  void acceptsWellFormedRequestsOfEveryKind() {
    assertThat(broken(f -> f.setRegister(register("Ada", "europe")))).isEmpty();
    assertThat(broken(f -> f.setAuthenticate(Authenticate.newBuilder().setToken("t")))).isEmpty();
    assertThat(broken(f -> f.setSendMessage(send(BOB, 7, "hi")))).isEmpty();
    assertThat(broken(f -> f.setCreateGroup(CreateGroup.newBuilder().setTitle("g")))).isEmpty();
    assertThat(
            broken(
                f -> f.setAddGroupMember(AddGroupMember.newBuilder().setGroupId(1).setUserId(2))))
        .isEmpty();
    assertThat(
            broken(
                f ->
                    f.setRemoveGroupMember(
                        RemoveGroupMember.newBuilder().setGroupId(1).setUserId(2))))
        .isEmpty();
    assertThat(broken(f -> f.setCreateChannel(CreateChannel.newBuilder().setTitle("news"))))
        .isEmpty();
    assertThat(broken(f -> f.setSubscribe(Subscribe.newBuilder().setChannelId(3)))).isEmpty();
    assertThat(broken(f -> f.setUnsubscribe(Unsubscribe.newBuilder().setChannelId(3)))).isEmpty();
    assertThat(
            broken(
                f ->
                    f.setPostToChannel(
                        PostToChannel.newBuilder().setChannelId(3).setRandomId(-1).setText("x"))))
        .isEmpty();
    assertThat(broken(f -> f.setGetHistory(GetHistory.newBuilder().setPeer(BOB).setLimit(100))))
        .isEmpty();
    assertThat(broken(f -> f.setGetDifference(GetDifference.newBuilder().setLimit(100)))).isEmpty();
    assertThat(
            broken(
                f ->
                    f.setGetChannelDifference(
                        GetChannelDifference.newBuilder().setChannelId(3).setLimit(1))))
        .isEmpty();
    assertThat(
            broken(
                f ->
                    f.setAddChannelAdmin(
                        AddChannelAdmin.newBuilder().setChannelId(3).setUserId(2))))
        .isEmpty();
    assertThat(
            broken(
                f ->
                    f.setRemoveChannelAdmin(
                        RemoveChannelAdmin.newBuilder().setChannelId(3).setUserId(2))))
        .isEmpty();
    assertThat(broken(f -> f.setPing(Ping.getDefaultInstance()))).isEmpty();
  }

  @Test
  void aRegistrationNeedsADisplayNameAndAKnownDataCentre() {
    assertThat(code(f -> f.setRegister(register(" \t", "europe"))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(
            code(f -> f.setRegister(register("x".repeat(RequestRules.MAX_NAME_BYTES + 1), "asia"))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setRegister(register("x".repeat(RequestRules.MAX_NAME_BYTES), "asia"))))
        .isEmpty();
    assertThat(broken(f -> f.setRegister(register("Ada", "mars"))).map(Error::getMessage))
        .hasValueSatisfying(message -> assertThat(message).contains("mars", "middle-east"));
  }

  @Test
  void anEmptyTokenIsAnInvalidToken() {
    assertThat(code(f -> f.setAuthenticate(Authenticate.getDefaultInstance())))
        .hasValue(ErrorCode.AUTH_INVALID);
  }

  @Test
  void aSendNeedsAPeerARandomIdAndATextOfAtMost4096Utf8Bytes() {
    assertThat(code(f -> f.setSendMessage(send(Peer.getDefaultInstance(), 7, "hi"))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setSendMessage(send(Peer.newBuilder().setGroupId(0).build(), 7, "hi"))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setSendMessage(send(BOB, 0, "hi"))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setSendMessage(send(BOB, 7, "")))).hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setSendMessage(send(BOB, 7, " \n"))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    String euros = "€".repeat(RequestRules.MAX_TEXT_BYTES / 3);
    assertThat(code(f -> f.setSendMessage(send(BOB, 7, euros + "a")))).isEmpty();
    assertThat(code(f -> f.setSendMessage(send(BOB, 7, euros + "€"))))
        .hasValue(ErrorCode.TEXT_TOO_LONG);
  }

  @Test
  void checksFieldsInSchemaOrder() {
    assertThat(broken(f -> f.setSendMessage(send(Peer.getDefaultInstance(), 0, ""))))
        .map(Error::getMessage)
        .hasValueSatisfying(message -> assertThat(message).startsWith("peer"));
    assertThat(broken(f -> f.setSendMessage(send(BOB, 0, ""))))
        .map(Error::getMessage)
        .hasValueSatisfying(message -> assertThat(message).startsWith("random_id"));
  }

  @Test
  void aNewGroupHasAtMost200MembersCountingItsCreatorOnceAndRepeatsOnce() {
    CreateGroup.Builder full = CreateGroup.newBuilder().setTitle("crowd").addMemberIds(CALLER);
    for (int i = 1; i < RequestRules.MAX_GROUP_MEMBERS; i++) {
      full.addMemberIds(CALLER + i).addMemberIds(CALLER + i);
    }
    assertThat(code(f -> f.setCreateGroup(full))).isEmpty();

    full.addMemberIds(CALLER + RequestRules.MAX_GROUP_MEMBERS);
    assertThat(code(f -> f.setCreateGroup(full))).hasValue(ErrorCode.GROUP_TOO_LARGE);
    assertThat(code(f -> f.setCreateGroup(CreateGroup.newBuilder().setTitle("g").addMemberIds(0))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setCreateGroup(CreateGroup.newBuilder().setTitle(""))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void idsMustBeSetAndLimitsInRange() {
    assertThat(code(f -> f.setAddGroupMember(AddGroupMember.newBuilder().setGroupId(1))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setRemoveGroupMember(RemoveGroupMember.newBuilder().setUserId(1))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setSubscribe(Subscribe.getDefaultInstance())))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setUnsubscribe(Unsubscribe.getDefaultInstance())))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(
            code(f -> f.setPostToChannel(PostToChannel.newBuilder().setRandomId(1).setText("x"))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setGetHistory(GetHistory.newBuilder().setPeer(BOB).setLimit(101))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setGetHistory(GetHistory.newBuilder().setPeer(BOB))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setGetDifference(GetDifference.newBuilder().setLimit(101))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setGetDifference(GetDifference.newBuilder().setLimit(-1))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setAddChannelAdmin(AddChannelAdmin.newBuilder().setChannelId(3))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setRemoveChannelAdmin(RemoveChannelAdmin.newBuilder().setUserId(3))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(f -> f.setGetChannelDifference(GetChannelDifference.newBuilder().setLimit(5))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void aPostFollowsTheTextRulesOfASend() {
    assertThat(
            code(
                f ->
                    f.setPostToChannel(
                        PostToChannel.newBuilder()
                            .setChannelId(3)
                            .setRandomId(1)
                            .setText("x".repeat(RequestRules.MAX_TEXT_BYTES + 1)))))
        .hasValue(ErrorCode.TEXT_TOO_LONG);
    assertThat(
            code(f -> f.setPostToChannel(PostToChannel.newBuilder().setChannelId(3).setText("x"))))
        .hasValue(ErrorCode.INVALID_ARGUMENT);
  }

  private static Optional<Error> broken(UnaryOperator<ClientFrame.Builder> body) {
    return RequestRules.check(body.apply(ClientFrame.newBuilder().setRequestId(1)).build(), CALLER);
  }

  private static Optional<ErrorCode> code(UnaryOperator<ClientFrame.Builder> body) {
    return broken(body).map(Error::getCode);
  }

  private static Register register(String displayName, String dc) {
    return Register.newBuilder().setDisplayName(displayName).setDc(dc).build();
  }

  private static SendMessage send(Peer peer, long randomId, String text) {
    return SendMessage.newBuilder().setPeer(peer).setRandomId(randomId).setText(text).build();
  }
}
