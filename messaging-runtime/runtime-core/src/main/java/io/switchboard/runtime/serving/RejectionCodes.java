package io.switchboard.runtime.serving;

import io.switchboard.runtime.messaging.Rejection;
import io.switchboard.runtime.protocol.ErrorCode;

/**
 * Which protocol {@link ErrorCode} reports each messaging {@link Rejection}, following the error
 * table of {@code docs/protocol.md} (section 10) and the per-request "service errors" of section 7.
 *
 * <p>Never {@link ErrorCode#WRONG_SHARD}: that code needs a redirect, which only a {@link
 * io.switchboard.runtime.messaging.NotLeaderException} carries; {@link
 * ServiceMessagingEndpoint#toProtocolFailure} handles it before consulting this table. Every code
 * returned is one a {@link io.switchboard.runtime.protocol.MessagingException} accepts.
 */
public final class RejectionCodes {

  private RejectionCodes() {}

  /**
   * The protocol error code of a refusal. The switch is exhaustive, so a new {@link Rejection}
   * without a mapping does not compile.
   */
  public static ErrorCode codeOf(Rejection rejection) {
    return switch (rejection) {
      // Section 7.1: texts are 1 to 4096 bytes and "not only whitespace"; an empty or blank text
      // is INVALID_ARGUMENT by the error table (code 11). A text over the limit has its own code.
      case INVALID_TEXT -> ErrorCode.INVALID_ARGUMENT;
      // Error table, code 13: "a text over 4096 bytes of UTF-8".
      case TEXT_TOO_LONG -> ErrorCode.TEXT_TOO_LONG;
      // Error table, code 11: "an empty or blank text or name, a name over 128 bytes".
      case INVALID_NAME -> ErrorCode.INVALID_ARGUMENT;
      // Error table, code 14: create_group over 199 others, add_group_member to a group of 200.
      case GROUP_TOO_LARGE -> ErrorCode.GROUP_TOO_LARGE;
      // Error table, code 11: "a limit out of range" (pts and offsets cannot be negative on the
      // wire; a page the service refuses is a field breaking its rule).
      case INVALID_PAGE -> ErrorCode.INVALID_ARGUMENT;
      // Error table, code 11: "an unknown dc" (register's dc field, section 7.3).
      case UNKNOWN_DATA_CENTER -> ErrorCode.INVALID_ARGUMENT;
      // Error table, code 12: "a user, group or channel the request names does not exist". The
      // acting user is named by the connection's authentication; the protocol has no other code
      // for a user that does not exist.
      case UNKNOWN_USER -> ErrorCode.PEER_UNKNOWN;
      // Error table, code 12, and every "PEER_UNKNOWN" of section 7.
      case UNKNOWN_PEER -> ErrorCode.PEER_UNKNOWN;
      // Error table, code 15: "send to or read a group it is not a member of, add to a group it
      // is not a member of, ... read a channel it neither owns, administers nor subscribes to".
      case NOT_A_MEMBER -> ErrorCode.FORBIDDEN;
      // Error table, code 15: "remove another member without being the group's creator, post to
      // a channel it neither owns nor administers, manage a channel's admins without owning it".
      case NOT_ALLOWED -> ErrorCode.FORBIDDEN;
      // Error table, code 9: "a token the service does not accept" (section 7.3: malformed,
      // unknown user, wrong secret; indistinguishably).
      case INVALID_TOKEN -> ErrorCode.AUTH_INVALID;
      // Only reached by a NOT_LEADER refusal without a redirect (a NotLeaderException becomes
      // WRONG_SHARD before this table). Code 17: "the shard has no primary ... The request was
      // not carried out", retry after a backoff; WRONG_SHARD would need a redirect.
      case NOT_LEADER -> ErrorCode.UNAVAILABLE;
      // A fenced former leader proposed the command; it was not applied and the shard's current
      // primary is not known here. Code 17: "the node cannot serve the request now ... not
      // carried out; retry after a backoff, possibly through another gateway".
      case STALE_EPOCH -> ErrorCode.UNAVAILABLE;
      // A record that does not decode, or a delivery to the wrong shard: never caused by a
      // client's request. Code 18: "the server failed unexpectedly".
      case MALFORMED_COMMAND -> ErrorCode.INTERNAL;
    };
  }
}
