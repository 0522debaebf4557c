package io.switchboard.runtime.protocol;

import com.google.protobuf.ByteString;
import io.switchboard.runtime.sharding.HomeDataCenters;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The field rules of the protocol's requests: what the gateway can check from a request alone,
 * before any stored state is consulted. docs/protocol.md lists the same rules per message.
 *
 * <p>{@link #check} returns the first rule a request breaks, checking its fields in the order the
 * schema declares them. The codes are {@link ErrorCode#INVALID_ARGUMENT} unless stated: {@link
 * ErrorCode#AUTH_INVALID} for an empty token, {@link ErrorCode#TEXT_TOO_LONG} for a text above
 * {@link #MAX_TEXT_BYTES}, {@link ErrorCode#GROUP_TOO_LARGE} for a new group above {@link
 * #MAX_GROUP_MEMBERS}.
 *
 * <p>Pure and stateless.
 */
public final class RequestRules {

  /** Largest message or post text, in bytes of UTF-8. */
  public static final int MAX_TEXT_BYTES = 4096;

  /** Largest group, its creator included. */
  public static final int MAX_GROUP_MEMBERS = 200;

  /** Largest display name or group or channel title, in bytes of UTF-8. */
  public static final int MAX_NAME_BYTES = 128;

  /**
   * Largest {@code limit} of a read (GetHistory, GetDifference, GetChannelDifference): a page of
   * 100 items of the largest text is about 420 KB, so every answer stays below the 1 MiB frames
   * clients accept and well below a connection's outbound limits.
   */
  public static final int MAX_PAGE_LIMIT = 100;

  private static final Set<String> DATA_CENTRES = HomeDataCenters.defaults().ranges().keySet();

  private RequestRules() {}

  /**
   * The first rule {@code frame} breaks, as the error to answer it with; empty if it breaks none.
   * Handshakes and pings have no field rules here.
   *
   * @param userId the authenticated caller, 0 before authentication
   */
  public static Optional<Error> check(ClientFrame frame, long userId) {
    return Optional.ofNullable(
        switch (frame.getBodyCase()) {
          case REGISTER -> checkRegister(frame.getRegister());
          case AUTHENTICATE ->
              frame.getAuthenticate().getToken().isEmpty()
                  ? error(ErrorCode.AUTH_INVALID, "token must not be empty")
                  : null;
          case SEND_MESSAGE -> checkSend(frame.getSendMessage());
          case CREATE_GROUP -> checkCreateGroup(frame.getCreateGroup(), userId);
          case ADD_GROUP_MEMBER ->
              firstOf(
                  positive("group_id", frame.getAddGroupMember().getGroupId()),
                  positive("user_id", frame.getAddGroupMember().getUserId()));
          case REMOVE_GROUP_MEMBER ->
              firstOf(
                  positive("group_id", frame.getRemoveGroupMember().getGroupId()),
                  positive("user_id", frame.getRemoveGroupMember().getUserId()));
          case CREATE_CHANNEL -> name("title", frame.getCreateChannel().getTitleBytes());
          case SUBSCRIBE -> positive("channel_id", frame.getSubscribe().getChannelId());
          case UNSUBSCRIBE -> positive("channel_id", frame.getUnsubscribe().getChannelId());
          case POST_TO_CHANNEL -> checkPost(frame.getPostToChannel());
          case GET_HISTORY ->
              firstOf(
                  peer(frame.getGetHistory().getPeer()),
                  limit(frame.getGetHistory().getLimit(), MAX_PAGE_LIMIT));
          case GET_DIFFERENCE -> limit(frame.getGetDifference().getLimit(), MAX_PAGE_LIMIT);
          case GET_CHANNEL_DIFFERENCE ->
              firstOf(
                  positive("channel_id", frame.getGetChannelDifference().getChannelId()),
                  limit(frame.getGetChannelDifference().getLimit(), MAX_PAGE_LIMIT));
          case ADD_CHANNEL_ADMIN ->
              firstOf(
                  positive("channel_id", frame.getAddChannelAdmin().getChannelId()),
                  positive("user_id", frame.getAddChannelAdmin().getUserId()));
          case REMOVE_CHANNEL_ADMIN ->
              firstOf(
                  positive("channel_id", frame.getRemoveChannelAdmin().getChannelId()),
                  positive("user_id", frame.getRemoveChannelAdmin().getUserId()));
          case HANDSHAKE, PING, BODY_NOT_SET -> null;
        });
  }

  private static Error checkRegister(Register register) {
    return firstOf(
        name("display_name", register.getDisplayNameBytes()),
        DATA_CENTRES.contains(register.getDc())
            ? null
            : error(
                ErrorCode.INVALID_ARGUMENT,
                "dc must be one of " + DATA_CENTRES + ", got '" + register.getDc() + "'"));
  }

  private static Error checkSend(SendMessage send) {
    return firstOf(peer(send.getPeer()), randomId(send.getRandomId()), text(send.getTextBytes()));
  }

  private static Error checkPost(PostToChannel post) {
    return firstOf(
        positive("channel_id", post.getChannelId()),
        randomId(post.getRandomId()),
        text(post.getTextBytes()));
  }

  private static Error checkCreateGroup(CreateGroup create, long userId) {
    Error title = name("title", create.getTitleBytes());
    if (title != null) {
      return title;
    }
    Set<Long> others = new HashSet<>();
    for (long memberId : create.getMemberIdsList()) {
      if (memberId == 0) {
        return error(ErrorCode.INVALID_ARGUMENT, "member_ids must be positive");
      }
      if (memberId != userId) {
        others.add(memberId);
      }
    }
    if (others.size() + 1 > MAX_GROUP_MEMBERS) {
      return error(
          ErrorCode.GROUP_TOO_LARGE,
          "a group has at most "
              + MAX_GROUP_MEMBERS
              + " members, its creator included; asked for "
              + (others.size() + 1));
    }
    return null;
  }

  private static Error peer(Peer peer) {
    long id =
        switch (peer.getKindCase()) {
          case USER_ID -> peer.getUserId();
          case GROUP_ID -> peer.getGroupId();
          case KIND_NOT_SET -> 0;
        };
    return id == 0
        ? error(ErrorCode.INVALID_ARGUMENT, "peer must name a user or a group by a positive id")
        : null;
  }

  private static Error randomId(long randomId) {
    return randomId == 0 ? error(ErrorCode.INVALID_ARGUMENT, "random_id must not be 0") : null;
  }

  private static Error text(ByteString utf8) {
    if (utf8.isEmpty() || utf8.toStringUtf8().isBlank()) {
      return error(ErrorCode.INVALID_ARGUMENT, "text must not be empty or only whitespace");
    }
    if (utf8.size() > MAX_TEXT_BYTES) {
      return error(
          ErrorCode.TEXT_TOO_LONG,
          "text has " + utf8.size() + " bytes of UTF-8, more than " + MAX_TEXT_BYTES);
    }
    return null;
  }

  private static Error name(String field, ByteString utf8) {
    if (utf8.isEmpty() || utf8.toStringUtf8().isBlank() || utf8.size() > MAX_NAME_BYTES) {
      return error(
          ErrorCode.INVALID_ARGUMENT,
          field + " must be 1 to " + MAX_NAME_BYTES + " bytes of UTF-8, not only whitespace");
    }
    return null;
  }

  private static Error positive(String field, long id) {
    return id == 0 ? error(ErrorCode.INVALID_ARGUMENT, field + " must be positive") : null;
  }

  private static Error limit(int limit, int max) {
    return limit < 1 || limit > max
        ? error(
            ErrorCode.INVALID_ARGUMENT,
            "limit must be between 1 and " + max + ", got " + Integer.toUnsignedString(limit))
        : null;
  }

  private static Error firstOf(Error... candidates) {
    for (Error candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }

  private static Error error(ErrorCode code, String message) {
    return Error.newBuilder().setCode(code).setMessage(message).build();
  }
}
